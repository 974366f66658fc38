// HTTP(S) to the Graph API with keep-alive. httplib::Client is not safe to share between
// threads at once, so each call borrows a client from a small pool and gives it back; a
// borrowed client keeps its connection open for the next caller, but only while it is fresh
// (GraphTimeouts::max_idle). The access token goes only into the Authorization header and is
// never logged. HTTPS always checks the server's certificate and host name, against the
// system's CAs or the CA file configured (META_CA_FILE).
#pragma once

#include "server/meta/graph_endpoint.hpp"

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace httplib {
class Client;
}

namespace waconsole {

struct GraphTimeouts {
    std::chrono::milliseconds connect{5000};
    std::chrono::milliseconds read{20000};
    // A kept-alive connection idle this long is closed instead of reused. A peer (or a NAT box
    // between) that dropped it silently takes our next request and loses its answer, and for a
    // send that is an unknown outcome instead of a clean retry. Shorter than common servers'
    // keep-alive timeouts (5 s in httplib, the simulator); httplib also peeks each reused
    // socket, so a close the peer did announce is never written to.
    std::chrono::milliseconds max_idle{4000};
};

struct GraphResponse {
    int status = 0; // 0: no answer; `transport_error` says why
    std::string body;
    std::string transport_error; // httplib's error name, e.g. "Read" or "Connection"
    // With no answer: false when the request certainly did not reach the server (could not
    // connect, TLS refused, failed while writing it); true when it may have been received.
    bool may_have_arrived = false;
};

class GraphTransport {
public:
    // `ca_file`: PEM CA certificates to trust instead of the system's ("" for the system's).
    // `max_idle_clients`: kept-alive connections kept for reuse, as many as send at once.
    GraphTransport(GraphEndpoint endpoint, std::string access_token, GraphTimeouts timeouts,
                   std::string ca_file, std::size_t max_idle_clients = 32);
    ~GraphTransport();
    GraphTransport(const GraphTransport&) = delete;
    GraphTransport& operator=(const GraphTransport&) = delete;

    // `path` is below the base path and starts with "/", e.g. "/1000000001/messages".
    GraphResponse post_json(const std::string& path, const std::string& json_body);
    GraphResponse get(const std::string& path_and_query);
    const GraphEndpoint& endpoint() const { return m_endpoint; }
    // Closes the kept-alive connections not in use (at shutdown, so the peer is not kept waiting).
    void close_idle();

private:
    struct IdleClient {
        std::unique_ptr<httplib::Client> client;
        std::chrono::steady_clock::time_point since;
    };
    std::unique_ptr<httplib::Client> borrow();
    void give_back(std::unique_ptr<httplib::Client> client);

    GraphEndpoint m_endpoint;
    std::string m_authorization;
    GraphTimeouts m_timeouts;
    std::string m_ca_file;
    std::size_t m_max_idle_clients;
    std::mutex m_mutex;
    std::vector<IdleClient> m_idle; // oldest first
};

} // namespace waconsole
