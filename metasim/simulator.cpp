// Wiring the parts to a configured httplib server and running it.
#include "metasim/simulator.hpp"

#include "metasim/graph_error.hpp"
#include "shared/api_error.hpp"

#include <atomic>
#include <httplib.h>
#include <iostream>
#include <stdexcept>
#include <sys/socket.h>

namespace waconsole::metasim {
namespace {

TemplateCatalogue load_catalogue(const SimOptions& options) {
    return options.templates_file.empty() ? TemplateCatalogue(builtin_templates())
                                          : TemplateCatalogue::from_file(options.templates_file);
}

// httplib listens with a backlog of 5: the burst of connections a sender opens at the start of a
// campaign (one per send thread, hundreds) overflowed it, and a connection the kernel dropped
// after the client had written its request ended as a lost answer. Meta's front ends take
// such bursts. listen() again on a listening socket only changes its backlog.
class WideBacklogServer : public httplib::Server {
public:
    void widen_backlog() { ::listen(svr_sock_, 4096); }
};

} // namespace

SimParts::SimParts(const SimOptions& given)
    : options(given), business{given.waba_id, given.phone_number_id, given.display_phone_number},
      config(given.config), catalogue(load_catalogue(given)), windows(), daily_limit(), log(),
      dispatcher(given.webhook_url, given.app_secret, config, given.webhook_workers,
                 [this](nlohmann::json statuses) {
                     return statuses_webhook(business, std::move(statuses));
                 }),
      inbox(business, windows, dispatcher),
      messages(config, catalogue, windows, daily_limit, log, dispatcher), traffic(inbox, config),
      agents(given.agents) {}

Simulator::Simulator(const SimOptions& options)
    : m_parts(std::make_unique<SimParts>(options)), m_server(std::make_unique<WideBacklogServer>()) {
    httplib::Server& server = *m_server;
    const auto threads = static_cast<std::size_t>(options.http_threads);
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_payload_max_length(4u << 20);
    server.set_keep_alive_max_count(100000);
    // Without TCP_NODELAY small keep-alive answers wait for delayed ACKs (~40 ms each).
    server.set_tcp_nodelay(true);
    server.set_read_timeout(30, 0);
    // No exception may kill the simulator; a Graph client sees Meta's generic 131000.
    server.set_exception_handler(
        [](const httplib::Request& req, httplib::Response& res, std::exception_ptr thrown) {
            std::string what = "unknown exception";
            try {
                std::rethrow_exception(thrown);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            std::cerr << "waconsole-metasim: " << req.method << " " << req.path
                      << " failed: " << what << std::endl;
            const GraphError error = unknown_error();
            res.status = error.http_status;
            res.set_content(to_json(error).dump(), "application/json");
        });
    server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) {
            return;
        }
        // Unknown control paths answer in our API's error shape, unknown Graph paths like Graph.
        if (req.path.rfind("/_sim/", 0) == 0) {
            const ApiError error =
                make_error(res.status, res.status == 404 ? "not_found" : "bad_request",
                           "there is nothing at " + req.path);
            res.set_content(to_json_body(error).dump(), "application/json");
            return;
        }
        GraphError error = invalid_parameter_error("");
        error.code = 2500;
        error.message = "Unknown path components: " + req.path;
        error.http_status = res.status;
        res.set_content(to_json(error).dump(), "application/json");
    });
    register_graph_routes(server, *m_parts);
    register_control_routes(server, *m_parts);
}

Simulator::~Simulator() {
    stop();
}

int Simulator::start() {
    const SimOptions& options = m_parts->options;
    m_port = options.port == 0
                 ? m_server->bind_to_any_port(options.host)
                 : (m_server->bind_to_port(options.host, options.port) ? options.port : -1);
    if (m_port <= 0) {
        throw std::runtime_error("cannot listen on " + options.host + ":" +
                                 std::to_string(options.port));
    }
    static_cast<WideBacklogServer&>(*m_server).widen_backlog();
    m_parts->dispatcher.start();
    m_parts->traffic.start();
    m_parts->agents.start();
    auto finished = std::make_shared<std::atomic<bool>>(false);
    m_listener = std::thread([this, finished] {
        m_server->listen_after_bind();
        *finished = true;
    });
    // stop() is only safe once the server runs; the socket already accepts into its backlog.
    while (!m_server->is_running() && !*finished) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return m_port;
}

void Simulator::stop() {
    m_parts->agents.stop();
    m_parts->messages.stop();
    if (m_listener.joinable()) {
        m_server->stop();
        m_listener.join();
    }
    m_parts->traffic.stop();
    m_parts->dispatcher.stop();
}

} // namespace waconsole::metasim
