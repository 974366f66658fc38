// waconsole-metasim as an object: everything the binary does, startable in-process by tests on
// port 0. It owns the parts (configuration, catalogue, limits, logs, webhook workers, traffic)
// and the HTTP server that exposes Meta's Graph endpoints and the /_sim/ control API.
#pragma once

#include "metasim/customer_inbox.hpp"
#include "metasim/customer_windows.hpp"
#include "metasim/message_service.hpp"
#include "metasim/send_log.hpp"
#include "metasim/sim_agents.hpp"
#include "metasim/sim_options.hpp"
#include "metasim/template_catalogue.hpp"
#include "metasim/traffic_generator.hpp"
#include "metasim/webhook_dispatcher.hpp"

#include <memory>
#include <thread>

namespace httplib {
class Server;
}

namespace waconsole::metasim {

// The parts the routes work with; built in this order, stopped in reverse.
struct SimParts {
    explicit SimParts(const SimOptions& options);

    SimOptions options;
    BusinessIdentity business;
    ConfigHolder config;
    TemplateCatalogue catalogue;
    CustomerWindows windows;
    DailyLimit daily_limit;
    SendLog log;
    WebhookDispatcher dispatcher;
    CustomerInbox inbox;
    MessageService messages;
    TrafficGenerator traffic;
    SimAgents agents;
};

void register_graph_routes(httplib::Server& server, SimParts& parts);
void register_control_routes(httplib::Server& server, SimParts& parts);

class Simulator {
public:
    // Throws std::runtime_error when the options cannot work (bad templates file, webhook URL).
    explicit Simulator(const SimOptions& options);
    ~Simulator();
    Simulator(const Simulator&) = delete;
    Simulator& operator=(const Simulator&) = delete;

    // Binds, starts serving on a background thread and the workers; returns the port.
    // Throws std::runtime_error when the port cannot be bound.
    int start();
    // Stops serving and the workers; safe to call more than once.
    void stop();
    int port() const { return m_port; }
    SimParts& parts() { return *m_parts; }

private:
    std::unique_ptr<SimParts> m_parts;
    std::unique_ptr<httplib::Server> m_server;
    std::thread m_listener;
    int m_port = -1;
};

} // namespace waconsole::metasim
