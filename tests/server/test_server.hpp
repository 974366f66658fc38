// A real server for tests: a temporary SQLite file, migrations, optional demo data, and the
// HTTP server on a free loopback port in a background thread, with a client to call it.
#pragma once

#include "server/api/http_server.hpp"
#include "server/services.hpp"
#include "temp_dir.hpp"

#include <filesystem>
#include <functional>
#include <httplib.h>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

namespace waconsole::testing {

class RunningServer {
public:
    explicit RunningServer(bool demo_data = true, ServerConfig config = {},
                           const std::function<void(ApiRouter&)>& extra_routes = {});
    ~RunningServer();

    httplib::Client client() const;
    // Logs in and returns the token; REQUIREs success.
    std::string login(const std::string& email, const std::string& password) const;
    std::string admin_token() const;
    httplib::Headers bearer(const std::string& token) const;

    Services& services() { return *m_services; }
    HttpServer& http() { return *m_http; }
    int port() const { return m_port; }

private:
    TempDir m_dir;
    std::unique_ptr<Services> m_services;
    std::unique_ptr<HttpServer> m_http;
    std::thread m_thread;
    int m_port = 0;
};

nlohmann::json json_of(const httplib::Result& result);

} // namespace waconsole::testing
