// A Graph API stand-in on a free loopback port (plain or TLS), for the tests of our two Graph
// clients: it answers GET /v21.0/ping and POST /v21.0/1000000001/messages with an accepted
// send, counts requests, the client ports they came from (one per TCP connection) and when
// each POST body arrived.
#pragma once

#include "server/meta/graph_endpoint.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <httplib.h>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace waconsole::testing {

inline constexpr const char* kGraphAccepted =
    R"({"messaging_product":"whatsapp","contacts":[{"input":"+34600000001",)"
    R"("wa_id":"34600000001"}],"messages":[{"id":"wamid.TLS-1"}]})";

template <typename ServerType> class LoopbackGraph {
public:
    using Clock = std::chrono::steady_clock;

    template <typename... Args> explicit LoopbackGraph(Args&&... args) : m_server(args...) {
        // A worker per kept-alive connection (httplib holds one for each), no cap on the
        // requests a connection carries, and the answer's header and body in one segment
        // (else the body waits for the client's delayed ACK and a post due meanwhile opens a
        // connection of its own): what is counted is the client's doing.
        m_server.new_task_queue = [] { return new httplib::ThreadPool(80); };
        m_server.set_keep_alive_max_count(1000);
        m_server.set_tcp_nodelay(true);
        const auto answer = [this](const httplib::Request& req, httplib::Response& res) {
            {
                std::lock_guard lock(m_mutex);
                m_ports.insert(req.remote_port);
                if (req.method == "POST") {
                    m_arrivals[req.body] = Clock::now();
                }
            }
            ++m_requests;
            res.set_content(kGraphAccepted, "application/json");
        };
        m_server.Get("/v21.0/ping", answer);
        m_server.Post("/v21.0/1000000001/messages", answer);
        m_port = m_server.bind_to_any_port("127.0.0.1");
        REQUIRE(m_port > 0);
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running()) {
            std::this_thread::yield();
        }
    }
    ~LoopbackGraph() {
        m_server.stop();
        m_thread.join();
    }
    GraphEndpoint endpoint(const std::string& scheme) const {
        return {scheme, "127.0.0.1", m_port, "/v21.0"};
    }
    int requests() const { return m_requests; }
    std::size_t connections() {
        std::lock_guard lock(m_mutex);
        return m_ports.size();
    }
    // When each POST body arrived.
    std::map<std::string, Clock::time_point> arrivals() {
        std::lock_guard lock(m_mutex);
        return m_arrivals;
    }

private:
    ServerType m_server;
    std::thread m_thread;
    int m_port = 0;
    std::atomic<int> m_requests{0};
    std::mutex m_mutex;
    std::set<int> m_ports;
    std::map<std::string, Clock::time_point> m_arrivals;
};

} // namespace waconsole::testing
