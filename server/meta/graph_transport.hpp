// HTTP(S) to the Graph API with keep-alive. httplib::Client is not safe to share between
// threads at once, so each call borrows a client from a small pool and gives it back; a
// borrowed client keeps its connection open for the next caller. The access token goes only
// into the Authorization header and is never logged.
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
};

struct GraphResponse {
    int status = 0; // 0: no answer; `transport_error` says why
    std::string body;
    std::string transport_error; // httplib's error name, e.g. "Read" or "Connection"
};

class GraphTransport {
public:
    GraphTransport(GraphEndpoint endpoint, std::string access_token, GraphTimeouts timeouts);
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
    std::unique_ptr<httplib::Client> borrow();
    void give_back(std::unique_ptr<httplib::Client> client);

    GraphEndpoint m_endpoint;
    std::string m_authorization;
    GraphTimeouts m_timeouts;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<httplib::Client>> m_idle;
};

} // namespace waconsole
