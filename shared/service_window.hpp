// The 24-hour customer service window: it opens with each customer message; inside it any
// message may be sent, outside it only approved templates (Meta error 131047 otherwise).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace waconsole {

constexpr std::int64_t kServiceWindowSeconds = 24 * 60 * 60;

enum class WindowState { open, closed };

const char* to_string(WindowState state);
// `last_customer_message_at` and `now` are epoch seconds; no customer message means closed.
WindowState window_state(std::optional<std::int64_t> last_customer_message_at, std::int64_t now);

// What a status cell says: "Open · 3 h 12 m left", "Open · 12 m left", "Open · under a minute
// left" (whole minutes, rounded down), or "Closed".
std::string window_status_text(std::optional<std::int64_t> last_customer_message_at,
                               std::int64_t now);

} // namespace waconsole
