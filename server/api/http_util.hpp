// Helpers every route uses to read requests and write JSON answers in the API's one shape.
#pragma once

#include "shared/api_error.hpp"

#include <httplib.h>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>

namespace waconsole {

// Largest request body the API reads (webhooks and uploads set their own limits).
constexpr std::size_t kMaxJsonBodyBytes = 1 << 20;

void send_json(httplib::Response& res, int status, const nlohmann::json& body);
void send_error(httplib::Response& res, const ApiError& error);

// When `value` holds an error, answers it and returns true: `if (send_if_error(x, res)) return;`
template <typename T>
bool send_if_error(const std::variant<T, ApiError>& value, httplib::Response& res) {
    if (const auto* error = std::get_if<ApiError>(&value)) {
        send_error(res, *error);
        return true;
    }
    return false;
}

// Query parameters as a map; a parameter given twice is an error naming it.
std::variant<std::map<std::string, std::string>, ApiError>
query_params(const httplib::Request& req);

// The body as a JSON object, or 400 malformed_json / 422 when it is not an object.
std::variant<nlohmann::json, ApiError> parse_json_object(const httplib::Request& req);

// Reads a required string field of a JSON object, or gives a 422 naming it.
std::variant<std::string, ApiError> required_string(const nlohmann::json& body,
                                                    const std::string& field);

} // namespace waconsole
