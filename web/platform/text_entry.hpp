// Text that arrives without a key press: an input method's (Chinese, Japanese, Korean ...), an
// on-screen keyboard's, a paste, a test's insertText. The canvas is not editable, so the browser
// would drop it; while an ImGui text field is being edited, a hidden <textarea> at the caret
// holds the focus (so the input method's window opens there) and hands what it receives to the
// field. Typed characters keep coming as key presses through GLFW, and the textarea refuses
// them, so nothing arrives twice.
#pragma once

#include <string>

namespace waconsole::platform {

// Call once a frame after drawing: `editing` is ImGui's WantTextInput, (x, y) the caret in CSS
// pixels of the page. Focuses the textarea when editing starts, gives the focus back to the canvas
// when it stops.
void sync_text_entry(bool editing, float x, float y);

// Where the textarea's text goes, as it comes (UTF-8), so it keeps its place among the key
// presses queued around it.
using EnteredText = void (*)(const std::string& text, void* arg);
void on_entered_text(EnteredText handler, void* arg);

} // namespace waconsole::platform
