// Client pool and the two request shapes the Meta layer uses.
#include "server/meta/graph_transport.hpp"

#include <httplib.h>

namespace waconsole {
namespace {

// Enough idle connections for the HTTP worker threads that send at once; more are opened
// when needed and closed on return.
constexpr std::size_t kMaxIdleClients = 32;

GraphResponse to_response(const httplib::Result& result) {
    GraphResponse response;
    if (!result) {
        response.transport_error = httplib::to_string(result.error());
        return response;
    }
    response.status = result->status;
    response.body = result->body;
    return response;
}

} // namespace

GraphTransport::GraphTransport(GraphEndpoint endpoint, std::string access_token,
                               GraphTimeouts timeouts)
    : m_endpoint(std::move(endpoint)), m_authorization("Bearer " + std::move(access_token)),
      m_timeouts(timeouts) {}

GraphTransport::~GraphTransport() = default;

std::unique_ptr<httplib::Client> GraphTransport::borrow() {
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            auto client = std::move(m_idle.back());
            m_idle.pop_back();
            return client;
        }
    }
    auto client = std::make_unique<httplib::Client>(m_endpoint.origin());
    client->set_keep_alive(true);
    client->set_connection_timeout(m_timeouts.connect);
    client->set_read_timeout(m_timeouts.read);
    client->set_write_timeout(m_timeouts.read);
    client->set_follow_location(false);
    // The request's headers and body are separate writes: without this, each send waits for
    // the Graph server's delayed ACK (~40 ms).
    client->set_tcp_nodelay(true);
    return client;
}

void GraphTransport::give_back(std::unique_ptr<httplib::Client> client) {
    std::lock_guard lock(m_mutex);
    if (m_idle.size() < kMaxIdleClients) {
        m_idle.push_back(std::move(client));
    }
}

void GraphTransport::close_idle() {
    std::lock_guard lock(m_mutex);
    m_idle.clear();
}

GraphResponse GraphTransport::post_json(const std::string& path, const std::string& json_body) {
    auto client = borrow();
    const httplib::Headers headers = {{"Authorization", m_authorization}};
    auto response = to_response(
        client->Post(m_endpoint.base_path + path, headers, json_body, "application/json"));
    give_back(std::move(client));
    return response;
}

GraphResponse GraphTransport::get(const std::string& path_and_query) {
    auto client = borrow();
    const httplib::Headers headers = {{"Authorization", m_authorization}};
    auto response = to_response(client->Get(m_endpoint.base_path + path_and_query, headers));
    give_back(std::move(client));
    return response;
}

} // namespace waconsole
