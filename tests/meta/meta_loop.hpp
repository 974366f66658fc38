// The whole Meta loop over loopback for tests and benchmarks: a real waconsole server (temporary
// database, demo data) and the Meta simulator in-process, each pointing at the other. Retry
// delays are shrunk so retry tests take milliseconds.
#pragma once

#include "metasim/simulator.hpp"
#include "test_server.hpp"

#include <chrono>
#include <functional>
#include <httplib.h>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace waconsole::testing {
using metasim::SimOptions;
using metasim::Simulator;

constexpr const char* kLoopAppSecret = "loop-app-secret";
constexpr const char* kLoopVerifyToken = "loop-verify-token";

struct MetaLoopOptions {
    int mps = 1000;
    int http_threads = 8;
    nlohmann::json sim_config = nlohmann::json::object(); // applied with /_sim/config at start
    bool demo_data = true;
    // Changes the Graph client's options (fast retries, 5 s read timeout) before anything runs.
    std::function<void(MetaClientOptions&)> adjust_client = nullptr;
    // false: the test starts the send worker itself (after preparing the database as a run
    // that stopped would have left it).
    bool start_send_worker = true;
    // Changes the server's configuration (e.g. the Meta layer's settings) before it starts.
    std::function<void(ServerConfig&)> adjust_config = nullptr;
    // Agents the simulator plays through the server's agent API (fast pace), if any.
    std::vector<std::string> sim_agents{};
    std::string sim_agent_password{};
};

class MetaLoop {
public:
    explicit MetaLoop(MetaLoopOptions options = {});
    ~MetaLoop();

    RunningServer& server() { return *m_server; }
    // Reconciles interrupted sends and starts retrying queued ones, as main does at start-up.
    void start_send_worker();
    Simulator& sim() { return *m_sim; }
    Services& services() { return m_server->services(); }

    // A call to the server's API as the demo admin (or as the user of `token`).
    httplib::Result api_post(const std::string& path, const nlohmann::json& body,
                             const httplib::Headers& headers = {});
    httplib::Result api_post_as(const std::string& token, const std::string& path,
                                const nlohmann::json& body, const httplib::Headers& headers = {});
    httplib::Result api_get(const std::string& path);
    // /_sim/ control calls; REQUIRE success.
    nlohmann::json sim_get(const std::string& path);
    nlohmann::json sim_post(const std::string& path, const nlohmann::json& body);

    std::int64_t count(const std::string& sql);
    std::string text(const std::string& sql);

private:
    std::unique_ptr<RunningServer> m_server;
    std::unique_ptr<Simulator> m_sim;
    std::string m_token;
};

// The template send tests use: order_update (es_MX) with two variables and two buttons.
nlohmann::json order_update_request(const std::string& to);
// POST /api/templates/sync; REQUIREs 200.
void sync_catalogue(MetaLoop& loop);
// How many sends reached the simulator.
std::size_t sim_sends(MetaLoop& loop);

// Polls `condition` until it holds or `timeout` passes; returns its last value.
bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds timeout = std::chrono::seconds(10));

} // namespace waconsole::testing
