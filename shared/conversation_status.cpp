// Section 3's status of a conversation.
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

} // namespace waconsole
