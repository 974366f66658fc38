// A status code from the API ("window_open", "sent" ...) drawn as a coloured icon and a label, as
// the product guide shows them: yellow while something is still open or pending, a green tick
// when done, red when failed. Unknown codes show a grey dot and the code in words.
#pragma once

#include <string>
#include <string_view>

namespace waconsole {

enum class StatusIcon { dot, tick, double_tick, clock, cross };

struct StatusLook {
    StatusIcon icon = StatusIcon::dot;
    unsigned color = 0; // ImU32
    std::string label;
};

StatusLook status_look(std::string_view code);

// The width draw_status_badge needs for `code` at the current font.
float status_badge_width(std::string_view code);

// Draws the icon and label at the cursor.
void draw_status_badge(std::string_view code);
// The icon of `code` with another label (e.g. "2 agents ready now" beside the ready dot).
void draw_status_badge(std::string_view code, const std::string& label);

} // namespace waconsole
