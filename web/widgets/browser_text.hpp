// Text people write, in any script: drawn from ImGui's atlas when the atlas has every glyph and
// nothing needs shaping or reordering, else by the browser's text engine as an image
// (platform/text_raster.hpp) — Arabic joined and right to left, Indic conjuncts, CJK, colour
// emoji. Images are kept in a bounded cache of textures, so a table that does not change costs
// no canvas work. Customer names, messages, transcripts and previews go through here; the UI's
// own labels stay on the atlas.
#pragma once

#include <imgui.h>
#include <string_view>

namespace waconsole {

class WidgetRects;

// True when the current font's atlas draws `text` right: every code point has a glyph, and none
// is a combining mark, a joiner or a variation selector (which the atlas cannot place).
bool atlas_can_draw(std::string_view text);

// Draws one line at the cursor as ImGui::TextUnformatted would (after AlignTextToFramePadding
// too), cut with "…" to `max_width` (0: no limit). Returns true when the text was cut.
bool draw_line_text(std::string_view text, float max_width, WidgetRects& rects);

// The width draw_line_text takes for `text` with no limit, without drawing.
float line_text_width(std::string_view text);

// Draws `text` wrapped within `wrap_width` at the cursor; right-to-left paragraphs end at the
// right edge of that width.
void draw_wrapped_text(std::string_view text, float wrap_width, WidgetRects& rects);

// The size draw_wrapped_text takes, without drawing (cached, for layouts of many messages).
ImVec2 wrapped_text_size(std::string_view text, float wrap_width);

// Once a frame, after drawing: frees the images of strings not drawn for a while when the cache
// is over its budget.
void trim_text_images();

} // namespace waconsole
