// The shared conversation rules.
#include "shared/conversation_rules.hpp"

namespace waconsole {

const char* to_string(WaitingStatus status) {
    switch (status) {
    case WaitingStatus::assigned:
        return "assigned";
    case WaitingStatus::agent_queue:
        return "agent_queue";
    case WaitingStatus::waitlist:
        return "waitlist";
    }
    return "";
}

WaitingStatus waiting_status(std::optional<std::int64_t> agent_id,
                             std::optional<std::int64_t> reserved_for_user_id) {
    if (agent_id) {
        return WaitingStatus::assigned;
    }
    return reserved_for_user_id ? WaitingStatus::agent_queue : WaitingStatus::waitlist;
}

std::optional<std::string> transfer_refusal(ConversationState state) {
    switch (state) {
    case ConversationState::bot:
    case ConversationState::waiting:
        return std::nullopt;
    case ConversationState::active:
        return std::string("an agent is handling this conversation; only unmanaged and waiting "
                           "conversations can be transferred");
    case ConversationState::closed:
        return std::string("this conversation is closed; it cannot be transferred");
    }
    return std::nullopt;
}

CloseReason close_reason_for(const std::string& given) {
    for (const char* known :
         {kCloseWindowExpired, kCloseAgentClosed, kCloseCustomerLeft, kCloseTransferredOut}) {
        if (given == known) {
            return {given, std::nullopt};
        }
    }
    return {kCloseAgentClosed, given.empty() ? std::nullopt : std::optional<std::string>(given)};
}

const char* to_string(TransferMode mode) {
    return mode == TransferMode::immediate ? "immediate" : "exclusive";
}

std::optional<TransferMode> transfer_mode_from_string(const std::string& name) {
    if (name == "immediate") {
        return TransferMode::immediate;
    }
    if (name == "exclusive") {
        return TransferMode::exclusive;
    }
    return std::nullopt;
}

} // namespace waconsole
