// Transfer fields of table rows.
#include "server/tables/transfer_fields.hpp"

namespace waconsole {
namespace {

std::optional<std::int64_t> optional_int(const nlohmann::json& row, const char* key) {
    const auto it = row.find(key);
    if (it == row.end() || !it->is_number_integer()) {
        return std::nullopt;
    }
    return it->get<std::int64_t>();
}

} // namespace

ConversationFacts conversation_facts(const nlohmann::json& row) {
    ConversationFacts facts;
    if (const auto it = row.find("state"); it != row.end() && it->is_string()) {
        facts.state =
            conversation_state_from_string(it->get<std::string>()).value_or(ConversationState::bot);
    }
    facts.agent_id = optional_int(row, "agent_id");
    facts.reserved_for_user_id = optional_int(row, "reserved_for_user_id");
    facts.last_customer_message_at = optional_int(row, "last_message_at");
    return facts;
}

void add_transfer_fields(nlohmann::json& row, const ConversationFacts& facts, std::int64_t now) {
    const auto refusal = transfer_refusal(facts, now);
    row["can_transfer"] = !refusal;
    row["transfer_refusal"] = refusal ? nlohmann::json(*refusal) : nlohmann::json(nullptr);
}

} // namespace waconsole
