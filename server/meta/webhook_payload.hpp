// Reads a WhatsApp Business Account webhook POST into what waconsole stores: inbound customer
// messages (with the sender's wa_id and profile name), delivery statuses and template status
// changes, across every entry and change of the POST. Unknown fields and unknown change kinds
// are ignored; a message or status missing its id is skipped, not fatal.
#pragma once

#include "server/meta/messaging_limit.hpp"
#include "server/store/message_status_store.hpp"
#include "server/store/messages_store.hpp"
#include "shared/customer_identity.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waconsole {

struct WebhookMessage {
    std::string from; // the sender's wa_id; empty when the user hides the phone
    std::string profile_name;
    CustomerIdentity identity; // user id, parent user id, username, wa_id, phone (when given)
    InboundMessage message;
};

// A system message about the sender's identity: user_changed_user_id (new business-scoped id)
// or user_changed_number (new wa_id; the user id changes with it).
struct IdentityChange {
    std::string kind; // "user_changed_user_id" or "user_changed_number"
    CustomerIdentity previous;
    CustomerIdentity current;
    std::string wamid;
    std::string body;
    std::int64_t timestamp = 0;
};

struct TemplateStatusChange {
    std::string meta_id;
    std::string name;
    std::string language;
    std::string status; // Meta's event: APPROVED, PAUSED, DISABLED, REJECTED ...
    std::string reason;
};

// A customer's choice about marketing messages (value.user_preferences): "stop" or "resume".
struct MarketingPreference {
    std::string wa_id;
    std::string value;    // stop, resume
    std::string category; // marketing_messages (others are not ours to act on)
    std::int64_t timestamp = 0;
};

struct WebhookBatch {
    std::vector<WebhookMessage> messages;
    std::vector<IdentityChange> identity_changes;
    std::vector<StatusUpdate> statuses;
    std::vector<TemplateStatusChange> template_changes;
    std::vector<MarketingPreference> preferences;
    // business_capability_update: the portfolio's daily limit of unique customers, when it moved.
    std::optional<DailyLimit> daily_limit;
    std::vector<std::string> account_errors; // value.errors, kept for the log
    // `messages` changes for another phone number of the account: counted, not read.
    int ignored_other_numbers = 0;
};

// Reads a webhook POST's body; nothing when it is not a JSON object. A body whose `object` is
// not whatsapp_business_account gives an empty batch (Meta's other products post to the same
// kind of endpoint). When `phone_number_id` is not empty, messages and statuses of other
// numbers are skipped.
std::optional<WebhookBatch> parse_webhook(std::string_view body,
                                          const std::string& phone_number_id = "");

} // namespace waconsole
