// Serialising agents and conversations.
#include "server/center/conversation_json.hpp"

#include "server/store/transfers_store.hpp"
#include "shared/conversation_rules.hpp"
#include "shared/service_window.hpp"

namespace waconsole {
namespace {

template <typename T> nlohmann::json nullable(const std::optional<T>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json();
}

nlohmann::json named(Connection& db, const char* table, const std::optional<std::int64_t>& id) {
    if (!id) {
        return nullptr;
    }
    auto query = db.prepare(std::string("SELECT name FROM ") + table + " WHERE id = ?");
    query.bind(1, *id);
    if (!query.step()) {
        return nullptr;
    }
    return {{"id", *id}, {"name", query.get_text(0)}};
}

} // namespace

nlohmann::json agent_json(const AgentRecord& agent) {
    return {{"id", agent.id},
            {"name", agent.name},
            {"email", agent.email},
            {"role", agent.role},
            {"skillsets", agent.skillsets},
            {"max_concurrent_chats", agent.max_concurrent_chats},
            {"licence_type", agent.licence_type},
            {"presence", agent.presence},
            {"presence_since", agent.presence_since},
            {"load", agent.load},
            {"disabled", agent.disabled}};
}

nlohmann::json skillset_json(const SkillsetRecord& skillset) {
    return {{"id", skillset.id},
            {"name", skillset.name},
            {"menu_digit", nullable(skillset.menu_digit)},
            {"ready_agents", skillset.ready_agents},
            {"logged_in_agents", skillset.logged_in_agents}};
}

std::string conversation_status(const ConversationRecord& conversation, std::int64_t now) {
    if (conversation.state == "waiting") {
        return to_string(waiting_status(conversation.agent_id, conversation.reserved_for_user_id));
    }
    if (conversation.state == "closed") {
        return "closed";
    }
    return window_state(conversation.last_customer_message_at, now) == WindowState::open
               ? "window_open"
               : "window_closed";
}

nlohmann::json conversation_json(Connection& db, const ConversationRecord& c, std::int64_t now,
                                 bool with_transfers) {
    nlohmann::json customer = nullptr;
    {
        auto query =
            db.prepare("SELECT id, name, phone, wa_id, username FROM customers WHERE id = ?");
        query.bind(1, c.customer_id);
        if (query.step()) {
            customer = {{"id", query.get_int(0)},
                        {"name", query.get_text(1)},
                        {"phone", nullable(query.get_optional_text(2))},
                        {"wa_id", nullable(query.get_optional_text(3))},
                        {"username", nullable(query.get_optional_text(4))}};
        }
    }
    const auto state = conversation_state_from_string(c.state);
    const auto refusal = state ? transfer_refusal(*state) : std::nullopt;
    nlohmann::json json = {{"id", c.id},
                           {"state", c.state},
                           {"status", conversation_status(c, now)},
                           {"customer", customer},
                           {"agent", named(db, "users", c.agent_id)},
                           {"reserved_for", named(db, "users", c.reserved_for_user_id)},
                           {"skillset", named(db, "skillsets", c.skillset_id)},
                           {"started_at", c.started_at},
                           {"queued_at", nullable(c.queued_at)},
                           {"assigned_at", nullable(c.assigned_at)},
                           {"first_agent_reply_at", nullable(c.first_agent_reply_at)},
                           {"last_message", nullable(c.last_customer_text)},
                           {"last_message_at", nullable(c.last_customer_message_at)},
                           {"window_expires_at", c.last_customer_message_at
                                                     ? nlohmann::json(*c.last_customer_message_at +
                                                                      kServiceWindowSeconds)
                                                     : nlohmann::json()},
                           {"closed_at", nullable(c.closed_at)},
                           {"close_reason", nullable(c.close_reason)},
                           {"close_note", nullable(c.close_note)},
                           {"licence_type", nullable(c.licence_type)},
                           {"exclusive_until", nullable(c.exclusive_until)},
                           {"can_transfer", !refusal.has_value()},
                           {"transfer_refusal", nullable(refusal)}};
    if (with_transfers) {
        nlohmann::json transfers = nlohmann::json::array();
        for (const auto& t : list_transfers(db, c.id)) {
            auto name = [](const std::string& text) {
                return text.empty() ? nlohmann::json() : nlohmann::json(text);
            };
            transfers.push_back({{"at", t.at},
                                 {"by", name(t.by)},
                                 {"mode", t.mode},
                                 {"from_agent", name(t.from_agent)},
                                 {"from_skillset", name(t.from_skillset)},
                                 {"to_user", name(t.to_user)},
                                 {"to_skillset", name(t.to_skillset)}});
        }
        json["transfers"] = transfers;
        auto count = db.prepare("SELECT COUNT(*) FROM messages WHERE conversation_id = ?");
        count.bind(1, c.id);
        count.step();
        json["message_count"] = count.get_int(0);
    }
    return json;
}

nlohmann::json conversation_json(Connection& db, std::int64_t id, std::int64_t now) {
    const auto conversation = find_conversation(db, id);
    return conversation ? conversation_json(db, *conversation, now) : nlohmann::json();
}

} // namespace waconsole
