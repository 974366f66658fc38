// The exact webhook bodies Meta POSTs: message statuses, inbound customer messages, a customer's
// marketing preference, template status changes and business capability changes, each wrapped in
// the whatsapp_business_account envelope. They are returned as text because the signature covers
// the exact bytes.
#pragma once

#include "metasim/message_template.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace waconsole::metasim {

struct BusinessIdentity {
    std::string waba_id;
    std::string phone_number_id;
    std::string display_phone_number; // digits, as Meta's metadata carries it
};

struct StatusEvent {
    std::string wamid;
    std::string status;         // sent, delivered, read, failed
    std::int64_t timestamp = 0; // epoch seconds
    std::string recipient_id;   // the wa_id
    std::string category;       // pricing category: marketing, utility, authentication, service
    std::string biz_opaque_callback_data; // the send's, echoed when not empty
    // Only for failed:
    int error_code = 0;
    std::string error_title;
    std::string error_details;
};

// One entry of value.statuses.
nlohmann::json status_entry(const StatusEvent& event);
// The messages webhook carrying `statuses` (entries from status_entry) in one value.statuses.
std::string statuses_webhook(const BusinessIdentity& business, nlohmann::json statuses);

// `message` is one entry of value.messages ({"from","id","timestamp","type",...}).
std::string inbound_webhook(const BusinessIdentity& business, const std::string& profile_name,
                            const nlohmann::json& message);

// A customer's stop or resume of marketing messages: the messages field with
// value.user_preferences. `value` is "stop" or "resume"; `now` epoch seconds.
std::string user_preferences_webhook(const BusinessIdentity& business, const std::string& wa_id,
                                     const std::string& profile_name, const std::string& value,
                                     std::int64_t now);

// The business_capability_update field: the portfolio's new daily messaging limit.
std::string business_capability_webhook(const BusinessIdentity& business,
                                        int max_daily_conversations_per_business, std::int64_t now);

std::string template_status_webhook(const BusinessIdentity& business, const MessageTemplate& tpl,
                                    const std::string& event, const std::string& reason,
                                    std::int64_t now);

} // namespace waconsole::metasim
