// The message as the customer will see it in WhatsApp: the character counts against Meta's
// limits (red when over), then a green bubble with the header in bold, the body, the footer in
// grey and the buttons as chips below it. Draws what shared/template_layout.hpp rendered.
#pragma once

#include "shared/template_layout.hpp"
#include "widgets/widget_rects.hpp"

#include <cstddef>
#include <string>

namespace waconsole {

// Characters (code points) of UTF-8 text, as Meta counts its limits.
std::size_t utf8_characters(const std::string& text);

// Widgets: <name> (the bubble), <name>.button.<index>, <name>.body_count, <name>.header_count.
// `bold` draws the header.
void draw_live_preview(const RenderedTemplate& message, ImFont* bold, const std::string& name,
                       WidgetRects& rects);

} // namespace waconsole
