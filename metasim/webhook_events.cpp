// Building Meta's webhook envelopes.
#include "metasim/webhook_events.hpp"

namespace waconsole::metasim {
namespace {

using json = nlohmann::json;

constexpr const char* kErrorCodesHref =
    "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

std::string envelope(const BusinessIdentity& business, const char* field, json value) {
    json body = {{"object", "whatsapp_business_account"},
                 {"entry", json::array({{{"id", business.waba_id},
                                         {"changes", json::array({{{"value", std::move(value)},
                                                                   {"field", field}}})}}})}};
    return body.dump();
}

json messages_value(const BusinessIdentity& business) {
    return {{"messaging_product", "whatsapp"},
            {"metadata",
             {{"display_phone_number", business.display_phone_number},
              {"phone_number_id", business.phone_number_id}}}};
}

} // namespace

json status_entry(const StatusEvent& event) {
    json status = {{"id", event.wamid},
                   {"status", event.status},
                   {"timestamp", std::to_string(event.timestamp)},
                   {"recipient_id", event.recipient_id}};
    if (!event.biz_opaque_callback_data.empty()) {
        status["biz_opaque_callback_data"] = event.biz_opaque_callback_data;
    }
    if (event.status == "failed") {
        status["errors"] = json::array({{{"code", event.error_code},
                                         {"title", event.error_title},
                                         {"message", event.error_title},
                                         {"error_data", {{"details", event.error_details}}},
                                         {"href", kErrorCodesHref}}});
    } else if (event.status != "read") {
        // Webhooks v24.0 and later: per-message pricing (PMP), no conversation object. Pricing
        // comes on sent and on delivered; replies inside the customer service window are free.
        const bool service = event.category == "service";
        status["pricing"] = {{"billable", !service},
                             {"pricing_model", "PMP"},
                             {"type", service ? "free_customer_service" : "regular"},
                             {"category", event.category}};
    }
    return status;
}

std::string statuses_webhook(const BusinessIdentity& business, json statuses) {
    json value = messages_value(business);
    value["statuses"] = std::move(statuses);
    return envelope(business, "messages", std::move(value));
}

std::string inbound_webhook(const BusinessIdentity& business, const std::string& profile_name,
                            const json& message) {
    json value = messages_value(business);
    value["contacts"] =
        json::array({{{"profile", {{"name", profile_name}}}, {"wa_id", message.at("from")}}});
    value["messages"] = json::array({message});
    return envelope(business, "messages", std::move(value));
}

std::string user_preferences_webhook(const BusinessIdentity& business, const std::string& wa_id,
                                     const std::string& profile_name, const std::string& value,
                                     std::int64_t now) {
    json preference = {{"wa_id", wa_id},
                       {"detail", "User requested to " + value + " marketing messages"},
                       {"category", "marketing_messages"},
                       {"value", value},
                       {"timestamp", now}};
    json body = messages_value(business);
    body["contacts"] = json::array({{{"wa_id", wa_id}, {"profile", {{"name", profile_name}}}}});
    body["user_preferences"] = json::array({std::move(preference)});
    return envelope(business, "messages", std::move(body));
}

std::string business_capability_webhook(const BusinessIdentity& business,
                                        int max_daily_conversations_per_business,
                                        std::int64_t now) {
    json body = {
        {"object", "whatsapp_business_account"},
        {"entry",
         json::array({{{"id", business.waba_id},
                       {"time", now},
                       {"changes", json::array({{{"value",
                                                  {{"max_daily_conversations_per_business",
                                                    max_daily_conversations_per_business},
                                                   {"max_phone_numbers_per_business", 2}}},
                                                 {"field", "business_capability_update"}}})}}})}};
    return body.dump();
}

std::string template_status_webhook(const BusinessIdentity& business, const MessageTemplate& tpl,
                                    const std::string& event, const std::string& reason,
                                    std::int64_t now) {
    // Meta sends template ids here as numbers; ids that are not numeric stay strings.
    json id = tpl.id;
    if (!tpl.id.empty() && tpl.id.size() < 19 &&
        tpl.id.find_first_not_of("0123456789") == std::string::npos) {
        id = std::stoll(tpl.id);
    }
    json body = {
        {"object", "whatsapp_business_account"},
        {"entry", json::array({{{"id", business.waba_id},
                                {"time", now},
                                {"changes",
                                 json::array({{{"value",
                                                {{"event", event},
                                                 {"message_template_id", id},
                                                 {"message_template_name", tpl.name},
                                                 {"message_template_language", tpl.language},
                                                 {"reason", reason}}},
                                               {"field", "message_template_status_update"}}})}}})}};
    return body.dump();
}

} // namespace waconsole::metasim
