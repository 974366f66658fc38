// The JSON of the contact center's answers: an agent as the team API shows it, and a
// conversation in the shape of GET /api/conversations/{id} (docs/contact-center.md), which
// transfers and the agent API answer with.
#pragma once

#include "server/store/conversations_store.hpp"
#include "server/store/team_store.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>

namespace waconsole {

nlohmann::json agent_json(const AgentRecord& agent);
nlohmann::json skillset_json(const SkillsetRecord& skillset);

// The conversation's status: its waiting status when waiting, else window_open / window_closed
// (bot, active) or closed.
std::string conversation_status(const ConversationRecord& conversation, std::int64_t now);

nlohmann::json conversation_json(Connection& db, const ConversationRecord& conversation,
                                 std::int64_t now, bool with_transfers = true);
// null when there is no such conversation.
nlohmann::json conversation_json(Connection& db, std::int64_t id, std::int64_t now);

} // namespace waconsole
