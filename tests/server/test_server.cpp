// Test fixture implementation.
#include "test_server.hpp"

#include "server/clock.hpp"
#include "server/demo/demo_data.hpp"
#include "server/store/migrations.hpp"

#include <catch2/catch.hpp>
#include <chrono>

namespace waconsole::testing {

RunningServer::RunningServer(bool demo_data, ServerConfig config,
                             const std::function<void(ApiRouter&)>& extra_routes) {
    config.db_path = (m_dir.path / "test.db").string();
    config.host = "127.0.0.1";
    config.port = 0;
    m_services = std::make_unique<Services>(config);
    {
        auto db = m_services->pool.acquire();
        apply_migrations(*db);
        if (demo_data) {
            seed_demo_data(*db, now_seconds());
        }
    }
    // The routing engine runs as in main: it closes overdue unmanaged conversations and routes.
    m_services->center.routing.start(*m_services);
    m_http = std::make_unique<HttpServer>(*m_services, extra_routes);
    m_port = m_http->bind();
    REQUIRE(m_port > 0);
    m_thread = std::thread([this] { m_http->run(); });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!m_http->is_running() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    REQUIRE(m_http->is_running());
}

RunningServer::~RunningServer() {
    m_http->stop();
    m_thread.join();
}

httplib::Client RunningServer::client() const {
    httplib::Client client("127.0.0.1", m_port);
    client.set_read_timeout(20, 0);
    return client;
}

std::string RunningServer::login(const std::string& email, const std::string& password) const {
    auto result =
        client().Post("/api/login", nlohmann::json{{"email", email}, {"password", password}}.dump(),
                      "application/json");
    REQUIRE(result);
    REQUIRE(result->status == 200);
    return nlohmann::json::parse(result->body).at("token").get<std::string>();
}

std::string RunningServer::admin_token() const {
    return login(kDemoAdminEmail, kDemoAdminPassword);
}

httplib::Headers RunningServer::bearer(const std::string& token) const {
    return {{"Authorization", "Bearer " + token}};
}

nlohmann::json json_of(const httplib::Result& result) {
    REQUIRE(result);
    return nlohmann::json::parse(result->body);
}

} // namespace waconsole::testing
