// What an agent does (the agent API; the simulator's agents drive the demo with it): set
// presence — going offline (or being disabled, or logging out) returns the agent's waiting and
// active conversations to the head of their queues —, list their conversations, accept one,
// reply inside the window (marking the customer's messages read at Meta), close with a reason.
// Each change commits, then bumps the change feed and tells the routing engine.
#pragma once

#include "server/center/conversation_json.hpp"
#include "server/meta/message_sender.hpp"
#include "shared/api_error.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>

namespace waconsole {

struct Services;

// Returns the agent as the team API shows it.
std::variant<nlohmann::json, ApiError> set_agent_presence(Services& services, std::int64_t user_id,
                                                          const std::string& presence);
// In the caller's transaction: the agent's waiting and active conversations go back to the
// head of their queues (a conversation without a skillset to its personal queue). Returns how
// many.
int return_conversations_of(Connection& db, std::int64_t agent_id);

nlohmann::json agent_conversations(Services& services, std::int64_t user_id);

std::variant<nlohmann::json, ApiError> accept_conversation(Services& services, std::int64_t user_id,
                                                           std::int64_t conversation_id);

struct ReplyDone {
    SendOutcome message;
    bool marked_read = false;
};
std::variant<ReplyDone, ApiError> reply_to_conversation(Services& services, std::int64_t user_id,
                                                        std::int64_t conversation_id,
                                                        const std::string& text);

std::variant<nlohmann::json, ApiError> close_agent_conversation(Services& services,
                                                                std::int64_t user_id,
                                                                std::int64_t conversation_id,
                                                                const std::string& reason);

} // namespace waconsole
