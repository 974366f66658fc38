// The HTTP server: cpp-httplib configured with the API's error shape, exception safety,
// CORS for a separately hosted UI, the static web UI, and every route.
#pragma once

#include "server/api/router.hpp"

#include <functional>
#include <httplib.h>
#include <memory>

namespace waconsole {

class HttpServer {
public:
    // `extra_routes` lets main add routes owned by other parts (e.g. the Meta webhook).
    HttpServer(Services& services, const std::function<void(ApiRouter&)>& extra_routes = {});

    // Binds to the configured host and port (0: any free port) and returns the port.
    int bind();
    // Serves until stop(); returns false if serving failed.
    bool run();
    void stop();
    bool is_running() const { return m_server.is_running(); }
    GateCounters connection_counters() const { return m_server.counters(); }
    const std::vector<RouteInfo>& routes() const { return m_router.routes(); }

private:
    void configure();

    Services& m_services;
    GatedServer m_server;
    ApiRouter m_router;
};

} // namespace waconsole
