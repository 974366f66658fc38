// Request parsing and response writing.
#include "server/api/http_util.hpp"

namespace waconsole {

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                    "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, const ApiError& error) {
    send_json(res, error.http_status, to_json_body(error));
}

std::variant<std::map<std::string, std::string>, ApiError>
query_params(const httplib::Request& req) {
    std::map<std::string, std::string> params;
    for (const auto& [key, value] : req.params) {
        if (!params.emplace(key, value).second) {
            return validation_error(key, "is given more than once");
        }
    }
    return params;
}

std::variant<nlohmann::json, ApiError> parse_json_object(const httplib::Request& req) {
    if (req.body.size() > kMaxJsonBodyBytes) {
        return make_error(413, "too_large", "the request body is larger than 1 MiB");
    }
    auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded()) {
        return make_error(400, "malformed_json", "the request body is not valid JSON");
    }
    if (!body.is_object()) {
        return make_error(422, "validation_failed", "the request body must be a JSON object");
    }
    return body;
}

std::variant<std::string, ApiError> required_string(const nlohmann::json& body,
                                                    const std::string& field) {
    const auto it = body.find(field);
    if (it == body.end() || it->is_null()) {
        return validation_error(field, "is required", 422);
    }
    if (!it->is_string()) {
        return validation_error(field, "must be a string", 422);
    }
    return it->get<std::string>();
}

} // namespace waconsole
