// Section 3's status icon of an unmanaged conversation, derived from its row. Section 4's
// waiting status, the transfer refusal and the close reasons are the engine's rules in
// shared/conversation_rules.hpp; the tables, Info and the UI all read both.
#pragma once

#include "shared/conversation.hpp"

#include <cstdint>
#include <optional>

namespace waconsole {

// Yellow while the customer's window is open, a green tick once the conversation is closed or
// its window has ended (the window timer closes it moments later).
enum class UnmanagedStatus { window_open, closed };
const char* to_string(UnmanagedStatus status);
UnmanagedStatus unmanaged_status(ConversationState state,
                                 std::optional<std::int64_t> last_customer_message_at,
                                 std::int64_t now);

} // namespace waconsole
