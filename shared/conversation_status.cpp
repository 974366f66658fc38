// The derivations of the conversation sections' statuses.
#include "shared/conversation_status.hpp"

#include "shared/service_window.hpp"

namespace waconsole {

const char* to_string(UnmanagedStatus status) {
    return status == UnmanagedStatus::window_open ? "window_open" : "closed";
}

UnmanagedStatus unmanaged_status(ConversationState state,
                                 std::optional<std::int64_t> last_customer_message_at,
                                 std::int64_t now) {
    if (state == ConversationState::closed ||
        window_state(last_customer_message_at, now) == WindowState::closed) {
        return UnmanagedStatus::closed;
    }
    return UnmanagedStatus::window_open;
}

std::string conversation_status(const ConversationFacts& facts, std::int64_t now) {
    switch (facts.state) {
    case ConversationState::bot:
        return to_string(unmanaged_status(facts.state, facts.last_customer_message_at, now));
    case ConversationState::waiting:
        return to_string(waiting_status(facts.agent_id, facts.reserved_for_user_id));
    case ConversationState::active:
        return to_string(window_state(facts.last_customer_message_at, now));
    case ConversationState::closed:
        break;
    }
    return "closed";
}

std::optional<std::int64_t>
window_expires_at(std::optional<std::int64_t> last_customer_message_at) {
    if (!last_customer_message_at) {
        return std::nullopt;
    }
    return *last_customer_message_at + kServiceWindowSeconds;
}

std::optional<std::string> transfer_refusal(const ConversationFacts& facts, std::int64_t now) {
    switch (facts.state) {
    case ConversationState::waiting:
        return std::nullopt;
    case ConversationState::active:
        return std::string(kActiveTransferRefusal);
    case ConversationState::bot:
        if (unmanaged_status(facts.state, facts.last_customer_message_at, now) ==
            UnmanagedStatus::window_open) {
            return std::nullopt;
        }
        break;
    case ConversationState::closed:
        break;
    }
    return std::string(kClosedTransferRefusal);
}

} // namespace waconsole
