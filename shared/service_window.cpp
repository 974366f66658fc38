// The service window rule, in one place for server and UI.
#include "shared/service_window.hpp"

namespace waconsole {

const char* to_string(WindowState state) {
    return state == WindowState::open ? "window_open" : "window_closed";
}

WindowState window_state(std::optional<std::int64_t> last_customer_message_at, std::int64_t now) {
    if (!last_customer_message_at) {
        return WindowState::closed;
    }
    return now - *last_customer_message_at < kServiceWindowSeconds ? WindowState::open
                                                                   : WindowState::closed;
}

} // namespace waconsole
