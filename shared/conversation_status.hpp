// What the conversation sections show about a conversation, derived from its row: the status
// icon of each section, when its 24-hour window ends, and why its Transfer button is disabled.
// Pure functions, so the server's tables and Info and the UI agree (docs/contact-center.md).
#pragma once

#include "shared/conversation.hpp"
#include "shared/conversation_rules.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace waconsole {

// Section 3 (unmanaged): yellow while the customer's window is open, a green tick once the
// conversation is closed or its window has ended (the window timer closes it moments later).
enum class UnmanagedStatus { window_open, closed };
const char* to_string(UnmanagedStatus status);
UnmanagedStatus unmanaged_status(ConversationState state,
                                 std::optional<std::int64_t> last_customer_message_at,
                                 std::int64_t now);

// Section 4 (waiting): WaitingStatus and waiting_status() of shared/conversation_rules.hpp.

// The fields the derivations read.
struct ConversationFacts {
    ConversationState state = ConversationState::bot;
    std::optional<std::int64_t> agent_id;
    std::optional<std::int64_t> reserved_for_user_id;
    std::optional<std::int64_t> last_customer_message_at;
};

// The status a conversation shows wherever it is listed (Info): its section's status —
// window_open / closed (bot), assigned / agent_queue / waitlist (waiting), window_open /
// window_closed (active), closed (closed).
std::string conversation_status(const ConversationFacts& facts, std::int64_t now);

// When the customer service window ends (24 h after the customer's last message), if it opened.
std::optional<std::int64_t> window_expires_at(std::optional<std::int64_t> last_customer_message_at);

// The message of the engine's 409 conversation_closed, also shown on a disabled Transfer button.
constexpr const char* kClosedTransferRefusal =
    "this conversation is closed; it cannot be transferred";
constexpr const char* kActiveTransferRefusal =
    "only unmanaged and waiting conversations can be transferred";

// Why the conversation cannot be transferred now, or nullopt when it can: only unmanaged
// conversations whose window is open and waiting conversations can.
std::optional<std::string> transfer_refusal(const ConversationFacts& facts, std::int64_t now);

} // namespace waconsole
