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

std::string window_status_text(std::optional<std::int64_t> last_customer_message_at,
                               std::int64_t now) {
    if (window_state(last_customer_message_at, now) == WindowState::closed) {
        return "Closed";
    }
    const std::int64_t minutes = (*last_customer_message_at + kServiceWindowSeconds - now) / 60;
    if (minutes < 1) {
        return "Open · under a minute left";
    }
    const std::int64_t hours = minutes / 60;
    const std::string rest = std::to_string(minutes % 60) + " m left";
    return "Open · " + (hours > 0 ? std::to_string(hours) + " h " + rest : rest);
}

} // namespace waconsole
