// Builds and reads the API's error bodies.
#include "shared/api_error.hpp"

namespace waconsole {
namespace {

// The string at `key`, or "" when it is missing or not a string: a body from a proxy or an older
// server may have a number or an object there, and reading it must never throw.
std::string string_at(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

ApiError validation_error(std::string field, std::string message, int http_status) {
    ApiError error;
    error.http_status = http_status;
    error.code = "validation_failed";
    error.message = field + " " + message;
    error.fields.push_back({std::move(field), std::move(message)});
    return error;
}

ApiError make_error(int http_status, std::string code, std::string message) {
    ApiError error;
    error.http_status = http_status;
    error.code = std::move(code);
    error.message = std::move(message);
    return error;
}

nlohmann::json to_json_body(const ApiError& error) {
    nlohmann::json inner = {{"code", error.code}, {"message", error.message}};
    if (!error.fields.empty()) {
        inner["field"] = error.fields.front().field;
        auto fields = nlohmann::json::array();
        for (const auto& field : error.fields) {
            fields.push_back({{"field", field.field}, {"message", field.message}});
        }
        inner["fields"] = std::move(fields);
    }
    return {{"error", std::move(inner)}};
}

ApiError api_error_from_body(int http_status, const std::string& body) {
    ApiError error;
    error.http_status = http_status;
    const auto parsed = nlohmann::json::parse(body, nullptr, false);
    if (parsed.is_object() && parsed.contains("error") && parsed["error"].is_object()) {
        const auto& inner = parsed["error"];
        error.code = string_at(inner, "code");
        error.message = string_at(inner, "message");
        if (error.code.empty()) {
            error.code = "bad_response";
        }
        const auto fields = inner.find("fields");
        if (fields != inner.end() && fields->is_array()) {
            for (const auto& field : *fields) {
                if (field.is_object()) {
                    error.fields.push_back(
                        {string_at(field, "field"), string_at(field, "message")});
                }
            }
        }
        return error;
    }
    error.code = "bad_response";
    error.message = http_status == 0 ? "the server could not be reached"
                                     : "the server answered " + std::to_string(http_status);
    return error;
}

} // namespace waconsole
