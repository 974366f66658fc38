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
};

class MetaLoop {
public:
    explicit MetaLoop(MetaLoopOptions options = {});
    ~MetaLoop();

    RunningServer& server() { return *m_server; }
    Simulator& sim() { return *m_sim; }
    Services& services() { return m_server->services(); }

    // A call to the server's API as the demo admin.
    httplib::Result api_post(const std::string& path, const nlohmann::json& body);
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

// Polls `condition` until it holds or `timeout` passes; returns its last value.
bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds timeout = std::chrono::seconds(10));

} // namespace waconsole::testing
