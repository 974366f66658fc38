// Rules of the conversation states that the server and the UI share: the waiting status a row
// shows (assigned / agent_queue / waitlist), whether a conversation can be transferred and why
// not, the close reasons, and the agent's load.
#pragma once

#include "shared/conversation.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace waconsole {

// Section 4's status of a `waiting` conversation: an agent has it and has not answered yet
// (assigned), it is reserved for one user by an exclusive transfer (agent_queue), or it waits in
// its skillset's general queue (waitlist).
enum class WaitingStatus { assigned, agent_queue, waitlist };

const char* to_string(WaitingStatus status);
WaitingStatus waiting_status(std::optional<std::int64_t> agent_id,
                             std::optional<std::int64_t> reserved_for_user_id);

// Only unmanaged (bot) and waiting conversations can be transferred. nullopt when it can; else
// the reason, e.g. "this conversation is closed; it cannot be transferred".
std::optional<std::string> transfer_refusal(ConversationState state);

constexpr const char* kCloseWindowExpired = "window_expired";
constexpr const char* kCloseAgentClosed = "agent_closed";
constexpr const char* kCloseCustomerLeft = "customer_left";
constexpr const char* kCloseTransferredOut = "transferred_out";

// What the agent API stores for a close `reason`: one of the reasons above as given, anything
// else is `agent_closed` with the text kept as the note.
struct CloseReason {
    std::string reason;
    std::optional<std::string> note;
};
CloseReason close_reason_for(const std::string& given);

enum class TransferMode { immediate, exclusive };
const char* to_string(TransferMode mode);
std::optional<TransferMode> transfer_mode_from_string(const std::string& name);

} // namespace waconsole
