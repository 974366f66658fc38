// What the unmanaged and waiting rows carry for their Transfer button, from the row's facts.
#pragma once

#include "shared/conversation_status.hpp"

#include <nlohmann/json.hpp>

namespace waconsole {

// The facts of a conversation row read by a table: `state` and, when present,
// `agent_id`, `reserved_for_user_id` and `last_message_at`.
ConversationFacts conversation_facts(const nlohmann::json& row);

// Sets can_transfer (bool) and transfer_refusal (the reason, or null).
void add_transfer_fields(nlohmann::json& row, const ConversationFacts& facts, std::int64_t now);

} // namespace waconsole
