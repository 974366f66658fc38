// Conversation states and the names they have in the database and the API.
#pragma once

#include <optional>
#include <string>

namespace waconsole {

// bot: unmanaged (only the Softbot has answered); waiting: queued for a skillset or an agent;
// active: an agent has it; closed: finished, kept as history.
enum class ConversationState { bot, waiting, active, closed };

const char* to_string(ConversationState state);
std::optional<ConversationState> conversation_state_from_string(const std::string& name);

enum class Presence { ready, busy, away, offline };

const char* to_string(Presence presence);
std::optional<Presence> presence_from_string(const std::string& name);

enum class Role { admin, agent };

const char* to_string(Role role);
std::optional<Role> role_from_string(const std::string& name);

} // namespace waconsole
