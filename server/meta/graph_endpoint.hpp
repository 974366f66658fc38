// Where the Graph API is: META_GRAPH_URL split into what httplib needs. The same code talks to
// https://graph.facebook.com/v21.0 and to the simulator at http://127.0.0.1:9090/v21.0.
#pragma once

#include <optional>
#include <string>

namespace waconsole {

struct GraphEndpoint {
    std::string scheme; // "http" or "https"
    std::string host;
    int port = 443;
    std::string base_path; // "/v21.0"; empty or starting with "/", never ending with "/"

    // "https://host:port", what httplib::Client takes.
    std::string origin() const;
};

// nullopt (and `error` set) when the URL is not http(s)://host[:port][/path].
std::optional<GraphEndpoint> parse_graph_url(const std::string& url, std::string& error);

} // namespace waconsole
