// Webhook JSON to batches.
#include "server/meta/webhook_payload.hpp"

#include "server/meta/message_payloads.hpp"
#include "shared/paging.hpp"

namespace waconsole {
namespace {

const nlohmann::json& member(const nlohmann::json& object, const char* key) {
    static const nlohmann::json null_value;
    if (!object.is_object()) {
        return null_value;
    }
    const auto it = object.find(key);
    return it == object.end() ? null_value : *it;
}

std::string text(const nlohmann::json& object, const char* key) {
    const auto& value = member(object, key);
    if (value.is_string()) {
        return value.get<std::string>();
    }
    return value.is_number() ? value.dump() : std::string();
}

// Meta sends epoch seconds as a string ("1700000000"); tolerate a number too.
std::int64_t epoch_seconds(const nlohmann::json& object, const char* key) {
    const auto& value = member(object, key);
    if (value.is_number_integer()) {
        return value.get<std::int64_t>();
    }
    if (value.is_string()) {
        return parse_whole_number(value.get<std::string>()).value_or(0);
    }
    return 0;
}

std::optional<std::string> optional_text(const nlohmann::json& object, const char* key) {
    auto value = text(object, key);
    return value.empty() ? std::nullopt : std::optional<std::string>(std::move(value));
}

// The contact that sent `item`: matched by wa_id or, when the phone is hidden, by user id.
const nlohmann::json& contact_of(const nlohmann::json& contacts, const std::string& wa_id,
                                 const std::string& user_id) {
    static const nlohmann::json none;
    if (contacts.is_array()) {
        for (const auto& contact : contacts) {
            if ((!wa_id.empty() && text(contact, "wa_id") == wa_id) ||
                (!user_id.empty() && text(contact, "user_id") == user_id)) {
                return contact;
            }
        }
        // One sender per change is the norm: its only contact is theirs.
        if (contacts.size() == 1) {
            return contacts.front();
        }
    }
    return none;
}

CustomerIdentity identity_of(const nlohmann::json& item, const nlohmann::json& contact) {
    CustomerIdentity identity;
    identity.wa_id = optional_text(item, "from");
    if (!identity.wa_id) {
        identity.wa_id = optional_text(contact, "wa_id");
    }
    identity.user_id = optional_text(item, "from_user_id");
    if (!identity.user_id) {
        identity.user_id = optional_text(contact, "user_id");
    }
    identity.parent_user_id = optional_text(contact, "parent_user_id");
    identity.username = optional_text(member(contact, "profile"), "username");
    if (identity.wa_id) {
        identity.phone = phone_of_wa_id(*identity.wa_id);
    }
    return identity;
}

void read_identity_change(const nlohmann::json& item, const CustomerIdentity& sender,
                          WebhookBatch& batch) {
    const auto& system = member(item, "system");
    IdentityChange change;
    change.kind = text(system, "type");
    if (change.kind != "user_changed_user_id" && change.kind != "user_changed_number") {
        return;
    }
    change.previous = sender;
    if (auto previous = optional_text(system, "previous_user_id")) {
        change.previous.user_id = previous;
    }
    if (auto previous = optional_text(system, "previous_parent_user_id")) {
        change.previous.parent_user_id = previous;
    }
    change.current.user_id = optional_text(system, "user_id");
    change.current.parent_user_id = optional_text(system, "parent_user_id");
    change.current.wa_id = optional_text(system, "wa_id");
    if (!change.current.wa_id) {
        change.current.wa_id = optional_text(system, "new_wa_id");
    }
    if (change.current.wa_id) {
        change.current.phone = phone_of_wa_id(*change.current.wa_id);
    }
    change.wamid = text(item, "id");
    change.body = text(system, "body");
    change.timestamp = epoch_seconds(item, "timestamp");
    batch.identity_changes.push_back(std::move(change));
}

void read_messages(const nlohmann::json& value, WebhookBatch& batch) {
    const auto& messages = member(value, "messages");
    if (!messages.is_array()) {
        return;
    }
    const auto& contacts = member(value, "contacts");
    for (const auto& item : messages) {
        WebhookMessage parsed;
        parsed.from = text(item, "from");
        const auto& contact = contact_of(contacts, parsed.from, text(item, "from_user_id"));
        parsed.identity = identity_of(item, contact);
        if (text(item, "type") == "system") {
            read_identity_change(item, parsed.identity, batch);
            continue;
        }
        parsed.message.wamid = text(item, "id");
        if (!has_any_key(parsed.identity) || parsed.message.wamid.empty()) {
            continue;
        }
        if (parsed.from.empty() && parsed.identity.wa_id) {
            parsed.from = *parsed.identity.wa_id;
        }
        parsed.profile_name = text(member(contact, "profile"), "name");
        parsed.message.kind = text(item, "type");
        if (parsed.message.kind.empty()) {
            parsed.message.kind = "unknown";
        }
        parsed.message.timestamp = epoch_seconds(item, "timestamp");
        parsed.message.body = message_display_text(item);
        parsed.message.context_wamid = optional_text(member(item, "context"), "id");
        const auto& kind = parsed.message.kind;
        if (kind == "button") {
            parsed.message.payload = optional_text(member(item, "button"), "payload");
        } else if (kind == "interactive") {
            const auto& interactive = member(item, "interactive");
            const auto& reply = member(interactive, "button_reply").is_object()
                                    ? member(interactive, "button_reply")
                                    : member(interactive, "list_reply");
            parsed.message.payload = optional_text(reply, "id");
        }
        batch.messages.push_back(std::move(parsed));
    }
}

void read_statuses(const nlohmann::json& value, WebhookBatch& batch) {
    const auto& statuses = member(value, "statuses");
    if (!statuses.is_array()) {
        return;
    }
    for (const auto& item : statuses) {
        StatusUpdate event;
        event.wamid = text(item, "id");
        event.status = text(item, "status");
        if (event.wamid.empty() || event.status.empty()) {
            continue;
        }
        event.timestamp = epoch_seconds(item, "timestamp");
        event.recipient_id = text(item, "recipient_id");
        event.recipient_user_id = text(item, "recipient_user_id");
        event.message_id = message_id_from_callback_data(text(item, "biz_opaque_callback_data"));
        const auto& pricing = member(item, "pricing");
        event.pricing_category = optional_text(pricing, "category");
        if (const auto& billable = member(pricing, "billable"); billable.is_boolean()) {
            event.billable = billable.get<bool>();
        }
        const auto& errors = member(item, "errors");
        if (errors.is_array() && !errors.empty()) {
            const auto& error = errors.front();
            if (const auto& code = member(error, "code"); code.is_number_integer()) {
                event.error_code = code.get<int>();
            }
            event.error_title = text(error, "title");
            if (event.error_title.empty()) {
                event.error_title = text(error, "message");
            }
            event.error_details = text(member(error, "error_data"), "details");
        }
        batch.statuses.push_back(std::move(event));
    }
}

void read_preferences(const nlohmann::json& value, WebhookBatch& batch) {
    const auto& preferences = member(value, "user_preferences");
    if (!preferences.is_array()) {
        return;
    }
    for (const auto& item : preferences) {
        MarketingPreference preference;
        preference.wa_id = text(item, "wa_id");
        preference.value = text(item, "value");
        preference.category = text(item, "category");
        preference.timestamp = epoch_seconds(item, "timestamp");
        if (!preference.wa_id.empty() && !preference.value.empty()) {
            batch.preferences.push_back(std::move(preference));
        }
    }
}

void read_template_change(const nlohmann::json& value, WebhookBatch& batch) {
    TemplateStatusChange change;
    change.meta_id = text(value, "message_template_id");
    change.name = text(value, "message_template_name");
    change.language = text(value, "message_template_language");
    change.status = text(value, "event");
    change.reason = text(value, "reason");
    if (!change.status.empty() && (!change.meta_id.empty() || !change.name.empty())) {
        batch.template_changes.push_back(std::move(change));
    }
}

} // namespace

std::string message_display_text(const nlohmann::json& message) {
    const auto type = text(message, "type");
    if (type == "text") {
        return text(member(message, "text"), "body");
    }
    if (type == "button") {
        return text(member(message, "button"), "text");
    }
    if (type == "interactive") {
        const auto& interactive = member(message, "interactive");
        for (const char* kind : {"button_reply", "list_reply"}) {
            if (const auto& reply = member(interactive, kind); reply.is_object()) {
                return text(reply, "title");
            }
        }
        return "[interactive]";
    }
    const auto placeholder = "[" + (type.empty() ? std::string("unknown") : type) + "]";
    const auto caption = text(member(message, type.c_str()), "caption");
    return caption.empty() ? placeholder : placeholder + " " + caption;
}

WebhookBatch parse_webhook(const nlohmann::json& root, const std::string& phone_number_id) {
    WebhookBatch batch;
    if (text(root, "object") != "whatsapp_business_account") {
        return batch;
    }
    const auto& entries = member(root, "entry");
    if (!entries.is_array()) {
        return batch;
    }
    for (const auto& entry : entries) {
        const auto& changes = member(entry, "changes");
        if (!changes.is_array()) {
            continue;
        }
        for (const auto& change : changes) {
            const auto field = text(change, "field");
            const auto& value = member(change, "value");
            if (field == "messages") {
                if (!phone_number_id.empty() &&
                    text(member(value, "metadata"), "phone_number_id") != phone_number_id) {
                    ++batch.ignored_other_numbers;
                    continue;
                }
                read_messages(value, batch);
                read_statuses(value, batch);
                read_preferences(value, batch);
                if (const auto& errors = member(value, "errors"); errors.is_array()) {
                    for (const auto& error : errors) {
                        batch.account_errors.push_back(text(error, "code") + " " +
                                                       text(error, "title"));
                    }
                }
            } else if (field == "message_template_status_update") {
                read_template_change(value, batch);
            } else if (field == "business_capability_update") {
                batch.daily_limit = daily_limit_from_capability(
                    member(value, "max_daily_conversations_per_business"));
            }
        }
    }
    return batch;
}

} // namespace waconsole
