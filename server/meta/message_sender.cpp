// Local checks, bookkeeping around the send, and the canonical wa_id.
#include "server/meta/message_sender.hpp"

#include "server/clock.hpp"
#include "server/meta/template_text.hpp"
#include "server/store/customers_store.hpp"
#include "server/store/idempotency_store.hpp"
#include "server/store/templates_store.hpp"
#include "shared/meta_limits.hpp"
#include "shared/phone.hpp"
#include "shared/service_window.hpp"

namespace waconsole {
namespace {

// A request thread waits this long at most for the number's send rate; beyond it (Meta told us
// to slow down) the message is queued for the worker instead.
constexpr std::chrono::milliseconds kMaxRateLimitWait{1000};

struct PreparedSend {
    SendInFlight send;
    std::string request; // the Graph body, as stored
};

std::variant<std::string, ApiError> normalised_to(const std::string& to) {
    const auto phone = normalise_phone(to);
    if (!phone.e164) {
        return validation_error("to", phone.error, 422);
    }
    return *phone.e164;
}

std::optional<ApiError> meta_not_configured(Services& services) {
    const auto problem = services.meta.client.configuration_problem();
    if (problem.empty()) {
        return std::nullopt;
    }
    return make_error(503, "meta_not_configured", "sending is not configured: " + problem);
}

// Finds or creates the customer and inserts the pending message with its Graph request (which
// carries the message id as biz_opaque_callback_data), unless `refuse` (called with the
// customer, if any) refuses the send; then nothing is written. The request's idempotency key,
// if any, is tied to the message in the same transaction.
template <typename Refuse>
std::variant<PreparedSend, ApiError>
prepare_send(Services& services, const std::string& e164, OutboundMessage message,
             const SendIdentity& sender, nlohmann::json payload, Refuse&& refuse) {
    auto db = services.pool.acquire();
    std::lock_guard write_lock(services.meta.store_write_mutex);
    Transaction transaction(*db);
    const auto now = now_seconds();
    const auto customer = find_customer_for_number(*db, e164);
    if (auto error = refuse(*db, customer, now)) {
        return *error;
    }
    PreparedSend prepared;
    auto& send = prepared.send;
    send.customer_is_new = !customer;
    send.customer_id = customer ? customer->id : create_customer(*db, std::nullopt, e164, "", now);
    if (!message.conversation_id) {
        message.conversation_id = open_conversation_id(*db, send.customer_id);
    }
    message.customer_id = send.customer_id;
    message.sent_by_user_id = sender.user_id;
    send.message_id = insert_outbound_message(*db, message, now);
    payload["biz_opaque_callback_data"] = callback_data_for_message(send.message_id);
    prepared.request = payload.dump();
    set_send_request(*db, send.message_id, prepared.request);
    if (sender.user_id && sender.idempotency_key) {
        link_idempotency_key(*db, *sender.user_id, *sender.idempotency_key, send.message_id);
    }
    transaction.commit();
    services.changes.bump({Topic::conversations, Topic::messages});
    return prepared;
}

// The first attempt happens on the request thread; retries and their back-off on the worker.
SendOutcome first_attempt(Services& services, const PreparedSend& prepared) {
    return attempt_send(services, prepared.send, prepared.request, kMaxRateLimitWait);
}

// Fills names for a NAMED template, checks the count and renders the text; or says what is wrong.
std::variant<std::string, ApiError>
check_against_template(const TemplateRecord& cached, std::vector<TemplateParameter>& parameters) {
    if (cached.status != "APPROVED") {
        auto error = validation_error(
            "template", "is " + cached.status + " at Meta; only APPROVED templates can be sent",
            422);
        error.code = "template_not_approved";
        return error;
    }
    const auto body = template_body_text(cached.components);
    const auto variables = template_variables(body);
    if (parameters.size() != variables.size()) {
        return validation_error(
            "parameters",
            "must have " + std::to_string(variables.size()) + " value(s) for this template", 422);
    }
    if (cached.parameter_format == "NAMED") {
        for (std::size_t i = 0; i < parameters.size(); ++i) {
            if (parameters[i].name.empty()) {
                parameters[i].name = variables[i];
            } else if (std::find(variables.begin(), variables.end(), parameters[i].name) ==
                       variables.end()) {
                return validation_error("parameters." + parameters[i].name,
                                        "is not a variable of this template", 422);
            }
        }
    }
    auto rendered = render_template_body(body, parameters);
    if (utf8_character_count(rendered) > kMaxTemplateBodyCharacters) {
        return validation_error("parameters", "make the message longer than 1,024 characters", 422);
    }
    return rendered;
}

} // namespace

std::string parameter_problem(const std::string& value) {
    if (value.empty()) {
        return "must not be empty";
    }
    if (value.find_first_of("\n\r\t") != std::string::npos) {
        return "must not contain a new line or a tab";
    }
    if (has_forbidden_parameter_characters(value)) {
        return "must not contain more than 4 spaces in a row";
    }
    return "";
}

std::variant<SendOutcome, ApiError> send_template_message(Services& services,
                                                          const TemplateSendRequest& request) {
    auto to = normalised_to(request.to);
    if (auto* error = std::get_if<ApiError>(&to)) {
        return *error;
    }
    if (request.template_name.empty()) {
        return validation_error("template", "is required", 422);
    }
    if (request.language.empty()) {
        return validation_error("language", "is required", 422);
    }
    auto parameters = request.parameters;
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        if (const auto problem = parameter_problem(parameters[i].text); !problem.empty()) {
            return validation_error("parameters[" + std::to_string(i) + "]", problem, 422);
        }
    }
    if (auto error = meta_not_configured(services)) {
        return *error;
    }
    std::optional<TemplateRecord> cached;
    {
        auto db = services.pool.acquire();
        cached = find_template(*db, request.template_name, request.language);
    }
    std::string body = "[template " + request.template_name + "]";
    // An uncached template is sent as asked: the cache may be behind, and Meta has the last word.
    if (cached) {
        auto rendered = check_against_template(*cached, parameters);
        if (auto* error = std::get_if<ApiError>(&rendered)) {
            return *error;
        }
        body = std::get<std::string>(rendered);
    }
    TemplateMessage message{std::get<std::string>(to), request.template_name,
                            request.language,          parameters,
                            request.buttons,           {}};
    OutboundMessage record;
    record.kind = "template";
    record.body = body;
    record.template_name = request.template_name;
    record.template_language = request.language;
    auto pending =
        prepare_send(services, message.to, record, request.sender, template_payload(message),
                     [](Connection&, const std::optional<CustomerRecord>& customer,
                        std::int64_t) -> std::optional<ApiError> {
                         if (customer && customer->opted_out) {
                             auto error =
                                 validation_error("to", "has opted out of WhatsApp messages", 422);
                             error.code = "opted_out";
                             return error;
                         }
                         return std::nullopt;
                     });
    if (auto* error = std::get_if<ApiError>(&pending)) {
        return *error;
    }
    return first_attempt(services, std::get<PreparedSend>(pending));
}

std::variant<SendOutcome, ApiError> send_text_message(Services& services,
                                                      const TextSendRequest& request) {
    auto to = normalised_to(request.to);
    if (auto* error = std::get_if<ApiError>(&to)) {
        return *error;
    }
    if (request.text.empty()) {
        return validation_error("text", "is required", 422);
    }
    if (utf8_character_count(request.text) > kMaxTextBodyCharacters) {
        return validation_error("text", "must be at most 4,096 characters", 422);
    }
    if (auto error = meta_not_configured(services)) {
        return *error;
    }
    OutboundMessage record;
    record.kind = "text";
    record.body = request.text;
    const auto& e164 = std::get<std::string>(to);
    auto pending = prepare_send(
        services, e164, record, request.sender, text_payload(e164, request.text),
        [](Connection& db, const std::optional<CustomerRecord>& customer,
           std::int64_t now) -> std::optional<ApiError> {
            const auto last = customer ? last_inbound_at(db, customer->id) : std::nullopt;
            if (window_state(last, now) == WindowState::closed) {
                auto error = make_error(422, "outside_service_window",
                                        "the customer has not written in the last 24 hours; "
                                        "only an approved template can be sent");
                error.fields.push_back({"to", "is outside the 24-hour customer service window"});
                return error;
            }
            return std::nullopt;
        });
    if (auto* error = std::get_if<ApiError>(&pending)) {
        return *error;
    }
    return first_attempt(services, std::get<PreparedSend>(pending));
}

} // namespace waconsole
