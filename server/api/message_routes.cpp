// POST /api/messages/template and POST /api/messages/text: one message to one customer, for an
// agent or admin. Both answer {"message":{"id","wamid","status","error"?}}: 200 when Meta
// accepted it, 502 (with the API error too) when Meta refused it and the failure is recorded.
#include "server/api/http_util.hpp"
#include "server/api/routes.hpp"
#include "server/meta/message_sender.hpp"

namespace waconsole {
namespace {

std::variant<std::vector<TemplateParameter>, ApiError> read_parameters(const nlohmann::json& body) {
    std::vector<TemplateParameter> parameters;
    const auto it = body.find("parameters");
    if (it == body.end() || it->is_null()) {
        return parameters;
    }
    if (it->is_array()) {
        for (std::size_t i = 0; i < it->size(); ++i) {
            if (!(*it)[i].is_string()) {
                return validation_error("parameters[" + std::to_string(i) + "]", "must be a string",
                                        422);
            }
            parameters.push_back({"", (*it)[i].get<std::string>()});
        }
        return parameters;
    }
    if (it->is_object()) {
        // NAMED templates: {"first_name":"Ana","order":"A-1"}.
        for (const auto& [name, value] : it->items()) {
            if (!value.is_string()) {
                return validation_error("parameters." + name, "must be a string", 422);
            }
            parameters.push_back({name, value.get<std::string>()});
        }
        return parameters;
    }
    return validation_error("parameters", "must be a list of strings or an object of named strings",
                            422);
}

std::variant<std::vector<ButtonParameter>, ApiError> read_buttons(const nlohmann::json& body) {
    std::vector<ButtonParameter> buttons;
    const auto it = body.find("buttons");
    if (it == body.end() || it->is_null()) {
        return buttons;
    }
    if (!it->is_array()) {
        return validation_error("buttons", "must be a list", 422);
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto& item = (*it)[i];
        const auto field = "buttons[" + std::to_string(i) + "]";
        if (!item.is_object()) {
            return validation_error(field, "must be an object", 422);
        }
        ButtonParameter button;
        const auto index = item.find("index");
        if (index == item.end() || !index->is_number_integer() || index->get<int>() < 0 ||
            index->get<int>() > 9) {
            return validation_error(field + ".index", "must be a whole number from 0 to 9", 422);
        }
        button.index = index->get<int>();
        const auto sub_type = item.find("sub_type");
        if (sub_type == item.end() || !sub_type->is_string() ||
            !button_kind_from_string(sub_type->get<std::string>(), button.kind)) {
            return validation_error(field + ".sub_type", "must be quick_reply, url or phone_number",
                                    422);
        }
        if (button.kind != ButtonKind::phone_number) {
            const char* key = button.kind == ButtonKind::quick_reply ? "payload" : "text";
            const auto value = item.find(key);
            if (value == item.end() || !value->is_string() || value->get<std::string>().empty()) {
                return validation_error(field + "." + key, "is required", 422);
            }
            button.value = value->get<std::string>();
        }
        buttons.push_back(std::move(button));
    }
    return buttons;
}

void send_outcome(httplib::Response& res, const std::variant<SendOutcome, ApiError>& result) {
    if (send_if_error(result, res)) {
        return;
    }
    const auto& outcome = std::get<SendOutcome>(result);
    nlohmann::json message = {
        {"id", outcome.message_id},
        {"customer_id", outcome.customer_id},
        {"wamid", outcome.wamid.empty() ? nlohmann::json() : nlohmann::json(outcome.wamid)},
        {"status", outcome.status},
        {"attempts", outcome.attempts}};
    if (!outcome.error) {
        return send_json(res, 200, {{"message", std::move(message)}});
    }
    const auto& error = *outcome.error;
    message["error"] = {{"code", error.code},
                        {"title", error.title},
                        {"details", error.details},
                        {"retryable", outcome.retryable}};
    auto body = to_json_body(
        make_error(502, "meta_error", "Meta did not accept the message: " + error.title));
    body["message"] = std::move(message);
    send_json(res, 502, body);
}

void post_template(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    const auto parsed = parse_json_object(req);
    if (send_if_error(parsed, res)) {
        return;
    }
    const auto& body = std::get<nlohmann::json>(parsed);
    TemplateSendRequest request;
    for (const auto& [field, target] :
         {std::pair{"to", &request.to}, std::pair{"template", &request.template_name},
          std::pair{"language", &request.language}}) {
        auto value = required_string(body, field);
        if (send_if_error(value, res)) {
            return;
        }
        *target = std::get<std::string>(value);
    }
    auto parameters = read_parameters(body);
    if (send_if_error(parameters, res)) {
        return;
    }
    auto buttons = read_buttons(body);
    if (send_if_error(buttons, res)) {
        return;
    }
    request.parameters = std::move(std::get<0>(parameters));
    request.buttons = std::move(std::get<0>(buttons));
    request.user_id = context.user.id;
    send_outcome(res, send_template_message(context.services, request));
}

void post_text(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    const auto parsed = parse_json_object(req);
    if (send_if_error(parsed, res)) {
        return;
    }
    const auto& body = std::get<nlohmann::json>(parsed);
    TextSendRequest request;
    auto to = required_string(body, "to");
    if (send_if_error(to, res)) {
        return;
    }
    auto text = required_string(body, "text");
    if (send_if_error(text, res)) {
        return;
    }
    request.to = std::get<std::string>(to);
    request.text = std::get<std::string>(text);
    request.user_id = context.user.id;
    send_outcome(res, send_text_message(context.services, request));
}

} // namespace

void register_message_routes(ApiRouter& router) {
    router.post("/api/messages/template", "/api/messages/template", Access::agent, post_template);
    router.post("/api/messages/text", "/api/messages/text", Access::agent, post_text);
}

} // namespace waconsole
