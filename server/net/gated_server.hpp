// cpp-httplib's server behind our connection gate. httplib 0.11 holds a worker thread for
// every open connection, reads a chunked or unframed body with no limit, inflates a gzip body
// with no cap, and lets a trickling client hold a worker forever. Here connections wait for
// their headers in the gate's event loop, each request reads through a GuardedStream held to
// its route's body rule, and framing that could smuggle or overflow is refused before any body
// byte is read. Routes, static files and handlers stay httplib's.
#pragma once

#include "server/net/connection_gate.hpp"
#include "server/net/connection_limits.hpp"

#include <cstdint>
#include <functional>
#include <httplib.h>
#include <memory>

namespace waconsole {

// What a route accepts as a request body. Bytes count as decoded by whoever reads the body;
// on the wire a little more is allowed for chunk framing.
struct BodyRule {
    std::uint64_t max_bytes = 1 << 20;
    bool accepts_content_encoding = false; // gzip / deflate / br, inflated within max_bytes
};

// "1 MiB", "64 KiB", "300 bytes": a limit as an error message states it.
std::string size_text(std::uint64_t bytes);

// The wire bytes a body with `rule` may take: the limit plus room for chunk framing.
std::uint64_t wire_limit(const BodyRule& rule);

// Refuses a request whose framing is unsafe or whose body breaks its rule, before any body byte
// is read: answers the error in `res`, marks the connection to close, and returns true.
bool refuse_framing(const httplib::Request& req, httplib::Response& res);

// Privately an httplib::Server so that nothing can replace the handlers this layer relies on;
// what routes and main need is re-exported below.
class GatedServer : private httplib::Server {
public:
    explicit GatedServer(ConnectionLimits limits);
    ~GatedServer() override;

    // httplib listens with a backlog of 5: a burst of connections would wait a second for
    // SYN retransmits. These widen it after binding.
    bool bind_to_port(const std::string& host, int port);
    int bind_to_any_port(const std::string& host);
    using httplib::Server::Get;
    using httplib::Server::Handler;
    using httplib::Server::HandlerResponse;
    using httplib::Server::HandlerWithContentReader;
    using httplib::Server::HandlerWithResponse;
    using httplib::Server::is_running;
    using httplib::Server::listen_after_bind;
    using httplib::Server::Options;
    using httplib::Server::Post;
    using httplib::Server::set_exception_handler;
    using httplib::Server::set_file_extension_and_mimetype_mapping;
    using httplib::Server::set_file_request_handler;
    using httplib::Server::set_mount_point;
    using httplib::Server::set_tcp_nodelay;
    using httplib::Server::stop;

    // Decides a request's body rule from its method and path, before any body byte is read.
    void set_body_rule(std::function<BodyRule(const httplib::Request&)> rule);
    // httplib's pre-routing handler, run after this layer's own checks.
    void set_admission_handler(HandlerWithResponse handler);
    // httplib's error handler, run after this layer has set the status of a refused body.
    void set_error_answer_handler(HandlerWithResponse handler);

    GateCounters counters() const { return m_gate.counters(); }
    const ConnectionLimits& limits() const { return m_limits; }

private:
    bool process_and_close_socket(socket_t sock) override;
    void widen_backlog();
    AfterRequest serve(GateConnection& connection);
    HandlerResponse admit(const httplib::Request& req, httplib::Response& res);

    const ConnectionLimits m_limits;
    ConnectionGate m_gate;
    std::function<BodyRule(const httplib::Request&)> m_body_rule;
    HandlerWithResponse m_admission;
    HandlerWithResponse m_error_answer;
};

} // namespace waconsole
