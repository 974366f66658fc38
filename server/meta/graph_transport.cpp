// Client pool and the two request shapes the Meta layer uses.
#include "server/meta/graph_transport.hpp"

#include <httplib.h>

namespace waconsole {
namespace {

// Whether a request that got no answer may still have reached the server: only failures
// before the request was written in full prove it did not.
bool may_have_arrived(httplib::Error error) {
    switch (error) {
    case httplib::Error::Connection:
    case httplib::Error::ConnectionTimeout:
    case httplib::Error::BindIPAddress:
    case httplib::Error::SSLConnection:
    case httplib::Error::SSLLoadingCerts:
    case httplib::Error::SSLServerVerification:
    case httplib::Error::Write:
        return false;
    default:
        return true;
    }
}

GraphResponse to_response(const httplib::Result& result) {
    GraphResponse response;
    if (!result) {
        response.transport_error = httplib::to_string(result.error());
        response.may_have_arrived = may_have_arrived(result.error());
        return response;
    }
    response.status = result->status;
    response.body = result->body;
    return response;
}

} // namespace

GraphTransport::GraphTransport(GraphEndpoint endpoint, std::string access_token,
                               GraphTimeouts timeouts, std::string ca_file,
                               std::size_t max_idle_clients)
    : m_endpoint(std::move(endpoint)), m_authorization("Bearer " + std::move(access_token)),
      m_timeouts(timeouts), m_ca_file(std::move(ca_file)), m_max_idle_clients(max_idle_clients) {}

GraphTransport::~GraphTransport() = default;

std::unique_ptr<httplib::Client> GraphTransport::borrow() {
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            auto newest = std::move(m_idle.back());
            m_idle.pop_back();
            if (std::chrono::steady_clock::now() - newest.since < m_timeouts.max_idle) {
                return std::move(newest.client);
            }
            // The newest is stale, so all are: closed here rather than written to.
            m_idle.clear();
        }
    }
    auto client = std::make_unique<httplib::Client>(m_endpoint.origin());
    if (m_endpoint.scheme == "https") {
        client->enable_server_certificate_verification(true);
        if (!m_ca_file.empty()) {
            client->set_ca_cert_path(m_ca_file);
        }
    }
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
    if (m_idle.size() < m_max_idle_clients) {
        m_idle.push_back({std::move(client), std::chrono::steady_clock::now()});
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
