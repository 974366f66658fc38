// Keyboard focus across every screen: Tab and Shift+Tab go through every enabled widget that the
// screens record (WidgetRects::record_last_item) in the order they were drawn, wrapping around
// (while a dialog is open, only the dialog's own widgets and its popups'), with ImGui's navigation
// highlight as the focus ring. ImGui 1.86 alone tabs only between text fields, so the login button
// and the menu could not be reached. A text field that gets the focus starts editing; Enter and
// Space press the focused button or row; the arrows then move from it as ImGui's navigation does
// (in the menu, in a table). Escape closing dialogs and pickers is widgets/modal and ImGui's
// popups. Shortcuts (docs/architecture.md, "Keyboard"), whenever no text field is being edited:
// PageDown and PageUp turn the page of the table on top, "/" puts the caret in the first filter
// field.
#pragma once

#include <imgui.h>
#include <vector>

namespace waconsole {

class FocusOrder {
public:
    // Call after ImGui_ImplGlfw_NewFrame() and before ImGui::NewFrame(): Enter on a focused button
    // presses it as Space does (ImGui 1.86 maps only Space to "activate").
    void before_new_frame();
    // Call once per frame after ImGui::NewFrame(), with the Tab presses of this frame in order.
    void begin_frame(const std::vector<bool>& tabs_backwards);
    // Call after each widget a screen records: notes it as a stop and focuses it when it is the
    // one a Tab asked for.
    void note_last_item();

    // True once per frame, for the first filter field that asks, when "/" was typed outside any
    // text field: that field takes the focus.
    bool take_search_request();

    // The number of stops the last frame had (test hook).
    std::size_t stops() const { return m_previous.size(); }

private:
    struct Stop {
        ImGuiID id = 0;
        bool text = false; // a text field: focusing it starts editing
    };
    const Stop* find(ImGuiID id) const;

    std::vector<Stop> m_previous; // the last frame's stops: where Tab goes from
    std::vector<Stop> m_current;
    ImGuiID m_target = 0;
    bool m_search = false;
};

// True when a table's shortcut keys are for the window being drawn: no text field is being edited
// and no modal dialog is above it.
bool shortcuts_apply_here();

} // namespace waconsole
