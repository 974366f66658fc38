// The one error shape of the HTTP API, used by the server to answer and by the UI to show
// the message next to the field at fault. See docs/architecture.md.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace waconsole {

struct FieldError {
    std::string field;
    std::string message;
};

struct ApiError {
    int http_status = 400;
    std::string code = "bad_request";
    std::string message;
    std::vector<FieldError> fields;
};

ApiError validation_error(std::string field, std::string message, int http_status = 400);
ApiError make_error(int http_status, std::string code, std::string message);

// {"error":{"code","message","field"?,"fields"?}}; "field" repeats the first field for clients
// that show a single message.
nlohmann::json to_json_body(const ApiError& error);
// Reads an error body back; a body that is not one gives code "bad_response".
ApiError api_error_from_body(int http_status, const std::string& body);

} // namespace waconsole
