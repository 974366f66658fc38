// The filter row above a table: small labelled fields side by side and the buttons that apply
// them, all bottom-aligned. Each call continues the row (the caller calls ImGui::NewLine or draws
// the next item on its own line when done).
#pragma once

#include "widgets/widget_rects.hpp"

#include <string>

namespace waconsole {

// A labelled one-line text field recorded as `widget`; true when Enter was pressed in it.
// `error`, when not empty, is shown in red under the field.
bool filter_text(const char* label, const char* widget, std::string& value, float width,
                 WidgetRects& rects, const char* hint = "", const std::string& error = "");

// A button level with the fields; true when pressed.
bool filter_button(const char* label, const char* widget, bool primary, WidgetRects& rects);

// Keeps the next filter on the same row (it moves to the next one if it does not fit).
void next_filter();

// Starts a new row when a filter `width` wide would not fit beside the one before: filters wrap
// on a small screen instead of overlapping. Every filter widget calls it first.
void wrap_filter(float width);

} // namespace waconsole
