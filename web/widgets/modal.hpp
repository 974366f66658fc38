// A modal dialog whose open flag lives in the caller's state struct: ImGui's popup follows the
// flag (opened when it becomes true, closed when it becomes false, whoever changed it), Escape
// clears it, and the page behind stays live. Call at the top level, outside any window, every
// frame, so a dialog closed from elsewhere never lingers as an invisible modal.
#pragma once

#include <imgui.h>

namespace waconsole {

// True when the contents should be drawn now; then draw them and call end_modal. `size.y` 0 fits
// the contents.
bool begin_modal(const char* name, bool& open, ImVec2 size, ImGuiWindowFlags extra_flags = 0);
void end_modal(bool& open);

} // namespace waconsole
