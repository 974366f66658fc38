// Calls to the waconsole HTTP API (docs/architecture.md): the base URL, the bearer token, JSON
// bodies, and reading the API's one error shape into a message a person can act on.
#pragma once

#include "platform/http.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace waconsole {

struct ApiClient {
    std::string base_url; // "" = the page's own origin
    std::string token;    // "" = not logged in
};

platform::HttpCall api_get(const ApiClient& api, const std::string& path);
platform::HttpCall api_post(const ApiClient& api, const std::string& path,
                            const nlohmann::json& body);

// What to show for a failed answer: the server's error.message, or what went wrong on the way.
std::string error_message(const platform::HttpResponse& response);

// Percent-encodes a query parameter value.
std::string url_encode(const std::string& text);

} // namespace waconsole
