// URL splitting for the Graph API base.
#include "server/meta/graph_endpoint.hpp"

#include "shared/paging.hpp"

namespace waconsole {

std::string GraphEndpoint::origin() const {
    return scheme + "://" + host + ":" + std::to_string(port);
}

std::optional<GraphEndpoint> parse_graph_url(const std::string& url, std::string& error) {
    GraphEndpoint endpoint;
    std::string rest;
    if (url.rfind("https://", 0) == 0) {
        endpoint.scheme = "https";
        endpoint.port = 443;
        rest = url.substr(8);
    } else if (url.rfind("http://", 0) == 0) {
        endpoint.scheme = "http";
        endpoint.port = 80;
        rest = url.substr(7);
    } else {
        error = "META_GRAPH_URL must start with http:// or https://";
        return std::nullopt;
    }
    const auto slash = rest.find('/');
    std::string authority = rest.substr(0, slash);
    endpoint.base_path = slash == std::string::npos ? "" : rest.substr(slash);
    while (!endpoint.base_path.empty() && endpoint.base_path.back() == '/') {
        endpoint.base_path.pop_back();
    }
    if (endpoint.base_path.find_first_of("?#") != std::string::npos) {
        error = "META_GRAPH_URL must not carry a query or fragment";
        return std::nullopt;
    }
    // Bracketed IPv6 literals are not needed for Meta or loopback; a colon means a port.
    const auto colon = authority.rfind(':');
    if (colon != std::string::npos) {
        const auto port = parse_whole_number(authority.substr(colon + 1));
        if (!port || *port < 1 || *port > 65535) {
            error = "META_GRAPH_URL has an invalid port";
            return std::nullopt;
        }
        endpoint.port = static_cast<int>(*port);
        authority.resize(colon);
    }
    if (authority.empty()) {
        error = "META_GRAPH_URL has no host";
        return std::nullopt;
    }
    endpoint.host = authority;
    return endpoint;
}

} // namespace waconsole
