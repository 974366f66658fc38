// Webhook JSON to batches, read with simdjson: a status POST of Meta's carries up to dozens of
// statuses, and building nlohmann's tree of it (a std::map per object) was a sixth of the HTTP
// threads' time while a campaign sent; simdjson reads the same body about twenty times faster.
#include "server/meta/webhook_payload.hpp"

#include "server/meta/message_payloads.hpp"
#include "server/meta/simdjson_parser.hpp"
#include "shared/paging.hpp"

namespace waconsole {
namespace {

using simdjson::dom::element;

// `object[key]`, or null when `object` is not an object or has no such key.
std::optional<element> member(const std::optional<element>& object, const char* key) {
    if (!object || !object->is_object()) {
        return std::nullopt;
    }
    element value;
    if (object->get_object().at_key(key).get(value) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    return value;
}

// A string as is, a number as JSON writes it; anything else is empty.
std::string text(const std::optional<element>& object, const char* key) {
    const auto value = member(object, key);
    if (!value) {
        return {};
    }
    if (value->is_string()) {
        return std::string(value->get_string().value_unsafe());
    }
    if (value->is_number()) {
        return simdjson::minify(*value);
    }
    return {};
}

// Meta sends epoch seconds as a string ("1700000000"); tolerate a number too.
std::int64_t epoch_seconds(const std::optional<element>& object, const char* key) {
    const auto value = member(object, key);
    if (value && value->is_int64()) {
        return value->get_int64().value_unsafe();
    }
    if (value && value->is_string()) {
        return parse_whole_number(std::string(value->get_string().value_unsafe())).value_or(0);
    }
    return 0;
}

std::optional<std::string> optional_text(const std::optional<element>& object, const char* key) {
    auto value = text(object, key);
    return value.empty() ? std::nullopt : std::optional<std::string>(std::move(value));
}

// The elements of `object[key]` when it is an array; none otherwise.
std::vector<element> items(const std::optional<element>& object, const char* key) {
    std::vector<element> found;
    const auto value = member(object, key);
    simdjson::dom::array array;
    if (value && value->get_array().get(array) == simdjson::SUCCESS) {
        for (const element item : array) {
            found.push_back(item);
        }
    }
    return found;
}

// The contact that sent `item`: matched by wa_id or, when the phone is hidden, by user id.
std::optional<element> contact_of(const std::vector<element>& contacts, const std::string& wa_id,
                                  const std::string& user_id) {
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
    return std::nullopt;
}

CustomerIdentity identity_of(const element& item, const std::optional<element>& contact) {
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

void read_identity_change(const element& item, const CustomerIdentity& sender,
                          WebhookBatch& batch) {
    const auto system = member(item, "system");
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

// What an inbound message shows in the transcript: its text, the button or row title, or a
// placeholder like "[image]" (with the caption after it when there is one).
std::string display_text(const element& message) {
    const auto type = text(message, "type");
    if (type == "text") {
        return text(member(message, "text"), "body");
    }
    if (type == "button") {
        return text(member(message, "button"), "text");
    }
    if (type == "interactive") {
        const auto interactive = member(message, "interactive");
        for (const char* kind : {"button_reply", "list_reply"}) {
            if (const auto reply = member(interactive, kind); reply && reply->is_object()) {
                return text(reply, "title");
            }
        }
        return "[interactive]";
    }
    const auto placeholder = "[" + (type.empty() ? std::string("unknown") : type) + "]";
    const auto caption = text(member(message, type.c_str()), "caption");
    return caption.empty() ? placeholder : placeholder + " " + caption;
}

void read_messages(const element& value, WebhookBatch& batch) {
    const auto messages = items(value, "messages");
    if (messages.empty()) {
        return;
    }
    const auto contacts = items(value, "contacts");
    for (const auto& item : messages) {
        WebhookMessage parsed;
        parsed.from = text(item, "from");
        const auto contact = contact_of(contacts, parsed.from, text(item, "from_user_id"));
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
        parsed.message.body = display_text(item);
        parsed.message.context_wamid = optional_text(member(item, "context"), "id");
        const auto& kind = parsed.message.kind;
        if (kind == "button") {
            parsed.message.payload = optional_text(member(item, "button"), "payload");
        } else if (kind == "interactive") {
            const auto interactive = member(item, "interactive");
            const auto button = member(interactive, "button_reply");
            const auto reply =
                button && button->is_object() ? button : member(interactive, "list_reply");
            parsed.message.payload = optional_text(reply, "id");
        }
        batch.messages.push_back(std::move(parsed));
    }
}

void read_statuses(const element& value, WebhookBatch& batch) {
    for (const auto& item : items(value, "statuses")) {
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
        const auto pricing = member(item, "pricing");
        event.pricing_category = optional_text(pricing, "category");
        if (const auto billable = member(pricing, "billable"); billable && billable->is_bool()) {
            event.billable = billable->get_bool().value_unsafe();
        }
        const auto errors = items(item, "errors");
        if (!errors.empty()) {
            const auto& error = errors.front();
            if (const auto code = member(error, "code"); code && code->is_int64()) {
                event.error_code = static_cast<int>(code->get_int64().value_unsafe());
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

void read_preferences(const element& value, WebhookBatch& batch) {
    for (const auto& item : items(value, "user_preferences")) {
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

void read_template_change(const std::optional<element>& value, WebhookBatch& batch) {
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

// The capability's limit as the shared reader takes it: a number or a string, else nothing.
std::optional<DailyLimit> daily_limit_of(const std::optional<element>& limit) {
    if (limit && limit->is_int64()) {
        return daily_limit_from_capability(nlohmann::json(limit->get_int64().value_unsafe()));
    }
    if (limit && limit->is_string()) {
        return daily_limit_from_capability(
            nlohmann::json(std::string(limit->get_string().value_unsafe())));
    }
    return daily_limit_from_capability(nlohmann::json());
}

WebhookBatch read_root(const element& root, const std::string& phone_number_id) {
    WebhookBatch batch;
    if (text(root, "object") != "whatsapp_business_account") {
        return batch;
    }
    for (const auto& entry : items(root, "entry")) {
        for (const auto& change : items(entry, "changes")) {
            const auto field = text(change, "field");
            const auto value = member(change, "value");
            if (field == "messages") {
                if (!phone_number_id.empty() &&
                    text(member(value, "metadata"), "phone_number_id") != phone_number_id) {
                    ++batch.ignored_other_numbers;
                    continue;
                }
                if (!value) {
                    continue;
                }
                read_messages(*value, batch);
                read_statuses(*value, batch);
                read_preferences(*value, batch);
                for (const auto& error : items(value, "errors")) {
                    batch.account_errors.push_back(text(error, "code") + " " +
                                                   text(error, "title"));
                }
            } else if (field == "message_template_status_update") {
                read_template_change(value, batch);
            } else if (field == "business_capability_update") {
                batch.daily_limit =
                    daily_limit_of(member(value, "max_daily_conversations_per_business"));
            }
        }
    }
    return batch;
}

} // namespace

std::optional<WebhookBatch> parse_webhook(std::string_view body,
                                          const std::string& phone_number_id) {
    std::optional<simdjson::dom::parser> own;
    const auto root = parse_json(body, own);
    if (!root || !root->is_object()) {
        return std::nullopt;
    }
    return read_root(*root, phone_number_id);
}

} // namespace waconsole
