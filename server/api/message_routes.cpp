// POST /api/messages/template and POST /api/messages/text: one message to one customer, for an
// agent or admin, with an optional Idempotency-Key (idempotent_request.hpp). Both answer
// {"message":{"id","customer_id","wamid","status","status_reason","attempts","retry_at",
// "error"?}}: 200 when Meta accepted it; 202 when it is `queued` (retried in the background) or
// `unknown` (Meta may have it; never sent again, a status webhook will tell); 502 (with the API
// error too) when Meta refused it. GET /api/messages/{id} answers the same for a message later.
#include "server/api/http_util.hpp"
#include "server/api/idempotent_request.hpp"
#include "server/api/routes.hpp"
#include "server/meta/message_sender.hpp"
#include "shared/paging.hpp"

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
        // Compared as 64-bit: get<int>() would wrap 4294967296 to 0.
        if (index == item.end() || !index->is_number_integer() ||
            (index->is_number_unsigned()
                 ? index->get<std::uint64_t>() > 9
                 : (index->get<std::int64_t>() < 0 || index->get<std::int64_t>() > 9))) {
            return validation_error(field + ".index", "must be a whole number from 0 to 9", 422);
        }
        button.index = static_cast<int>(index->get<std::int64_t>());
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

nlohmann::json to_json(const OutboundState& state) {
    auto optional = [](const auto& value) {
        return value ? nlohmann::json(*value) : nlohmann::json();
    };
    nlohmann::json message = {
        {"id", state.id},
        {"customer_id", state.customer_id},
        {"wamid", optional(state.wamid)},
        {"status", state.status},
        {"status_reason", optional(state.status_reason)},
        {"attempts", state.attempts},
        {"retry_at", state.retry_at_ms ? nlohmann::json(*state.retry_at_ms / 1000) : nullptr}};
    if (state.error_code || !state.error_title.empty()) {
        message["error"] = {{"code", state.error_code.value_or(0)},
                            {"title", state.error_title},
                            {"details", state.error_details},
                            {"retryable", state.error_retryable}};
    }
    return message;
}

void send_message_state(httplib::Response& res, const OutboundState& state) {
    auto message = to_json(state);
    if (state.status == "failed") {
        auto body = to_json_body(
            make_error(502, "meta_error", "Meta did not accept the message: " + state.error_title));
        body["message"] = std::move(message);
        return send_json(res, 502, body);
    }
    const bool settled = state.status != "queued" && state.status != "pending" &&
                         state.status != "unknown" && state.status != "unresolved";
    send_json(res, settled ? 200 : 202, {{"message", std::move(message)}});
}

void send_outcome(httplib::Response& res, const std::variant<SendOutcome, ApiError>& result) {
    if (send_if_error(result, res)) {
        return;
    }
    send_message_state(res, std::get<SendOutcome>(result));
}

// The message's present state, for a repeat whose first request was cut short by a stop.
void answer_stored_message(httplib::Response& res, RequestContext& context,
                           std::int64_t message_id) {
    std::optional<OutboundState> state;
    {
        auto db = context.services.pool.acquire();
        state = find_outbound_state(*db, message_id);
    }
    if (!state) {
        return send_error(res, make_error(404, "not_found", "the message is gone"));
    }
    send_message_state(res, *state);
}

void post_template(const httplib::Request& req, httplib::Response& res, RequestContext& context,
                   const std::optional<std::string>& key) {
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
    request.sender.user_id = context.user.id;
    request.sender.idempotency_key = key;
    send_outcome(res, send_template_message(context.services, request));
}

void post_text(const httplib::Request& req, httplib::Response& res, RequestContext& context,
               const std::optional<std::string>& key) {
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
    request.sender.user_id = context.user.id;
    request.sender.idempotency_key = key;
    send_outcome(res, send_text_message(context.services, request));
}

void get_message(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    const auto id = parse_whole_number(req.matches[1].str());
    std::optional<OutboundState> state;
    if (id) {
        auto db = context.services.pool.acquire();
        state = find_outbound_state(*db, *id);
    }
    // An agent sees the messages they sent; an administrator every one.
    if (!state || (context.user.role != Role::admin && state->sent_by_user_id != context.user.id)) {
        return send_error(res, make_error(404, "not_found", "there is no such message"));
    }
    send_message_state(res, *state);
}

// The POST routes with their Idempotency-Key.
template <typename Post> ApiHandler idempotent(Post post) {
    return [post](const httplib::Request& req, httplib::Response& res, RequestContext& context) {
        run_idempotent(
            req, res, context,
            [&](const std::optional<std::string>& key) { post(req, res, context, key); },
            [&](std::int64_t message_id) { answer_stored_message(res, context, message_id); });
    };
}

} // namespace

void register_message_routes(ApiRouter& router) {
    router.post("/api/messages/template", "/api/messages/template", Access::agent,
                idempotent(post_template));
    router.post("/api/messages/text", "/api/messages/text", Access::agent, idempotent(post_text));
    router.get(R"(/api/messages/(\d+))", "/api/messages/1", Access::agent, get_message);
}

} // namespace waconsole
