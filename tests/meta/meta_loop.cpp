// The loop fixture.
#include "meta_loop.hpp"

#include <catch2/catch.hpp>
#include <thread>

namespace waconsole::testing {
namespace {

ServerConfig loop_config(const MetaLoopOptions& options) {
    ServerConfig config;
    config.http_threads = options.http_threads;
    config.meta.access_token = "loop-access-token";
    config.meta.app_secret = kLoopAppSecret;
    config.meta.verify_token = kLoopVerifyToken;
    config.meta.phone_number_id = "1000000001";
    config.meta.waba_id = "2000000001";
    config.meta.messages_per_second = options.mps;
    // Replaced by the simulator's address once it listens.
    config.meta.graph_url = "http://127.0.0.1:1/v21.0";
    if (options.adjust_config) {
        options.adjust_config(config);
    }
    return config;
}

} // namespace

MetaLoop::MetaLoop(MetaLoopOptions options) {
    m_server = std::make_unique<RunningServer>(options.demo_data, loop_config(options));
    SimOptions sim;
    sim.port = 0;
    sim.webhook_url = "http://127.0.0.1:" + std::to_string(m_server->port()) + "/webhook";
    sim.app_secret = kLoopAppSecret;
    sim.access_token = "loop-access-token";
    sim.phone_number_id = "1000000001";
    sim.waba_id = "2000000001";
    sim.config.status_delay_ms = 10;
    sim.config.pair_rate_seconds = 0;
    sim.config.mps = 0; // the server's own limiter is under test, not the simulator's
    sim.config.webhook_retry_base_ms = 50;
    if (!options.sim_agents.empty()) {
        sim.agents.server_url = "http://127.0.0.1:" + std::to_string(m_server->port());
        sim.agents.emails = options.sim_agents;
        sim.agents.password = options.sim_agent_password;
        sim.agents.pace = std::chrono::milliseconds(50);
        sim.agents.hold_min = std::chrono::milliseconds(100);
        sim.agents.hold_max = std::chrono::milliseconds(300);
    }
    m_sim = std::make_unique<Simulator>(sim);
    const int sim_port = m_sim->start();
    if (!options.sim_config.empty()) {
        sim_post("/_sim/config", options.sim_config);
    }

    auto& client = services().meta.client;
    client.set_graph_url("http://127.0.0.1:" + std::to_string(sim_port) + "/v21.0");
    MetaClientOptions fast;
    fast.retry.max_attempts = 40;
    fast.retry.base_delay = std::chrono::milliseconds(2);
    fast.retry.max_delay = std::chrono::milliseconds(20);
    fast.retry.pair_rate_delay = std::chrono::milliseconds(20);
    fast.timeouts.read = std::chrono::milliseconds(5000);
    if (options.adjust_client) {
        options.adjust_client(fast);
    }
    client.set_options(fast);
    m_token = m_server->admin_token();
    if (options.start_send_worker) {
        start_send_worker();
    }
}

void MetaLoop::start_send_worker() {
    services().meta.sends.start(services());
}

MetaLoop::~MetaLoop() {
    services().meta.sends.stop();
    // The simulator stops first so no webhook reaches a server that is going away; the server's
    // kept-alive connections to it are closed so its workers need not wait for them to time out.
    services().meta.client.close_idle_connections();
    m_sim->stop();
    m_sim.reset();
    m_server.reset();
}

httplib::Result MetaLoop::api_post(const std::string& path, const nlohmann::json& body,
                                   const httplib::Headers& headers) {
    return api_post_as(m_token, path, body, headers);
}

httplib::Result MetaLoop::api_post_as(const std::string& token, const std::string& path,
                                      const nlohmann::json& body, const httplib::Headers& headers) {
    auto all = m_server->bearer(token);
    all.insert(headers.begin(), headers.end());
    return m_server->client().Post(path, all, body.dump(), "application/json");
}

httplib::Result MetaLoop::api_get(const std::string& path) {
    return m_server->client().Get(path, m_server->bearer(m_token));
}

nlohmann::json MetaLoop::sim_get(const std::string& path) {
    httplib::Client client("127.0.0.1", m_sim->port());
    auto result = client.Get(path);
    REQUIRE(result);
    REQUIRE(result->status == 200);
    return nlohmann::json::parse(result->body);
}

nlohmann::json MetaLoop::sim_post(const std::string& path, const nlohmann::json& body) {
    httplib::Client client("127.0.0.1", m_sim->port());
    auto result = client.Post(path, body.dump(), "application/json");
    REQUIRE(result);
    INFO(result->body);
    REQUIRE(result->status == 200);
    return nlohmann::json::parse(result->body);
}

std::int64_t MetaLoop::count(const std::string& sql) {
    auto db = services().pool.acquire();
    auto query = db->prepare(sql);
    query.step();
    return query.get_int(0);
}

std::string MetaLoop::text(const std::string& sql) {
    auto db = services().pool.acquire();
    auto query = db->prepare(sql);
    return query.step() ? query.get_text(0) : std::string();
}

nlohmann::json order_update_request(const std::string& to) {
    return {{"to", to},
            {"template", "order_update"},
            {"language", "es_MX"},
            {"parameters", {"Ana", "A-1043"}},
            {"buttons",
             {{{"index", 0}, {"sub_type", "quick_reply"}, {"payload", "C42|YES"}},
              {{"index", 2}, {"sub_type", "url"}, {"text", "A-1043"}}}}};
}

void sync_catalogue(MetaLoop& loop) {
    const auto result = loop.api_post("/api/templates/sync", nlohmann::json::object());
    REQUIRE(result);
    INFO(result->body);
    REQUIRE(result->status == 200);
}

std::size_t sim_sends(MetaLoop& loop) {
    return loop.sim_get("/_sim/sends")["sends"].size();
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return condition();
}

} // namespace waconsole::testing
