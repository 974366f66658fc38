// The list is a window of its own over the page, so it never pushes the table down; it closes on
// a pick, Escape, Tab away from the field, or a click anywhere else. The list window takes no
// keyboard navigation (the field keeps the caret while Down and Up move the highlight), so its
// options are not Tab stops (FocusOrder skips items of NoNav windows).
#include "widgets/agent_picker.hpp"

#include "theme.hpp"
#include "widgets/browser_text.hpp"
#include "widgets/filter_fields.hpp"

#include <algorithm>
#include <cctype>
#include <imgui_internal.h> // BringWindowToDisplayFront
#include <imgui_stdlib.h>
#include <utility>

namespace waconsole {

namespace {

// Case-insensitive for ASCII letters; other UTF-8 bytes compare as they are.
bool contains_folded(const std::string& haystack, const std::string& needle) {
    const auto fold = [](unsigned char c) { return static_cast<char>(std::tolower(c)); };
    return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                       [&](char a, char b) {
                           return fold(static_cast<unsigned char>(a)) ==
                                  fold(static_cast<unsigned char>(b));
                       }) != haystack.end();
}

// Up and Down while the field is edited: ImGui hands them to this callback instead of moving the
// keyboard focus out of the field.
int move_highlight(ImGuiInputTextCallbackData* data) {
    auto& picker = *static_cast<AgentPicker*>(data->UserData);
    if (data->EventFlag == ImGuiInputTextFlags_CallbackHistory) {
        picker.list_open = true;
        picker.highlight += data->EventKey == ImGuiKey_DownArrow ? 1 : -1;
        picker.highlight_moved = true;
    }
    return 0;
}

} // namespace

bool draw_agent_picker(const char* label, const char* name, AgentPicker& picker,
                       const std::vector<AgentChoice>& agents, WidgetRects& rects) {
    const std::string widget = name;
    bool entered = false;
    const float width = em(13);
    wrap_filter(width + em(0.25f) + ImGui::GetFrameHeight());
    ImGui::PushID(name);
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", label);
    ImGui::SetNextItemWidth(width);
    // "/" (the section's first filter), or the list opened by its button: typing filters it and
    // Down / Up work from the field, also when the button was pressed from the keyboard.
    const bool caret_asked = std::exchange(picker.focus_field, false);
    if (rects.focus().take_search_request() || caret_asked) {
        ImGui::SetKeyboardFocusHere();
    }
    entered |= ImGui::InputTextWithHint("##agent", "type or pick", &picker.text,
                                        ImGuiInputTextFlags_EnterReturnsTrue |
                                            ImGuiInputTextFlags_CallbackHistory,
                                        move_highlight, &picker);
    const bool field_hovered = ImGui::IsItemHovered();
    if (ImGui::IsItemEdited()) {
        picker.id.reset();
        picker.list_open = true;
        picker.highlight = -1;
    }
    if (ImGui::IsItemActivated()) {
        picker.list_open = true;
        picker.highlight = -1;
    }
    // Left by Tab (or Enter): the list goes too. Left by a press on the list: the press may be a
    // pick, which lands on release.
    const bool left_elsewhere =
        ImGui::IsItemDeactivated() &&
        !(ImGui::IsMouseDown(ImGuiMouseButton_Left) && picker.pointer_on_list);
    rects.record_last_item(widget);

    std::vector<const AgentChoice*> shown;
    for (const AgentChoice& agent : agents) {
        if (picker.id || picker.text.empty() || contains_folded(agent.name, picker.text)) {
            shown.push_back(&agent);
        }
    }
    const int count = static_cast<int>(shown.size());
    picker.highlight = count == 0 ? -1 : std::clamp(picker.highlight, -1, count - 1);
    if (entered && picker.list_open && picker.highlight >= 0) {
        const AgentChoice& agent = *shown[static_cast<std::size_t>(picker.highlight)];
        picker.text = agent.name;
        picker.id = agent.id; // and Enter searches, as it does with typed text
    }
    if (entered || left_elsewhere || !picker.list_open) {
        picker.list_open = false;
        picker.highlight = -1;
    }
    const ImVec2 list_pos(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y + em(0.15f));
    ImGui::SameLine(0, em(0.25f));
    if (ImGui::ArrowButton("##toggle", ImGuiDir_Down)) {
        picker.list_open = !picker.list_open;
        picker.focus_field = picker.list_open;
    }
    const bool toggle_hovered = ImGui::IsItemHovered();
    rects.record_last_item(widget + ".toggle");
    ImGui::EndGroup();
    picker.pointer_on_list = false;

    if (picker.list_open) {
        ImGui::SetNextWindowPos(list_pos);
        ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width * 1.5f, em(16)));
        ImGui::PushStyleColor(ImGuiCol_WindowBg, palette::kSurface);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, ImGui::GetStyle().FrameBorderSize);
        ImGui::Begin("##agent_list", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                         ImGuiWindowFlags_NoNav);
        ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
        const bool list_hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_RootAndChildWindows);
        picker.pointer_on_list = list_hovered || toggle_hovered;
        for (int i = 0; i < count; ++i) {
            const AgentChoice& agent = *shown[static_cast<std::size_t>(i)];
            ImGui::PushID(static_cast<int>(agent.id));
            // The name over an empty selectable: it may be in any script (browser_text).
            const ImVec2 start = ImGui::GetCursorPos();
            const bool highlighted = i == picker.highlight;
            if (ImGui::Selectable("##agent", picker.id == agent.id,
                                  ImGuiSelectableFlags_AllowItemOverlap,
                                  ImVec2(0, ImGui::GetTextLineHeight()))) {
                picker.text = agent.name;
                picker.id = agent.id;
                picker.list_open = false;
            }
            if (highlighted) {
                // Outlined, so the picked agent (filled) and the one Enter would pick differ.
                ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(),
                                                    ImGui::GetItemRectMax(), palette::kAccent,
                                                    em(0.2f), 0, em(0.1f));
                if (picker.highlight_moved) {
                    ImGui::SetScrollHereY();
                }
            }
            rects.record_last_item(widget + ".option." + std::to_string(agent.id));
            ImGui::SetCursorPos(start);
            draw_line_text(agent.name, ImGui::GetContentRegionAvail().x, rects);
            ImGui::PopID();
        }
        picker.highlight_moved = false;
        if (count == 0) {
            ImGui::TextDisabled(agents.empty() ? "Loading agents…" : "No agent has that name.");
        }
        ImGui::End();
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
        const bool clicked_elsewhere = ImGui::IsMouseClicked(ImGuiMouseButton_Left) &&
                                       !list_hovered && !field_hovered && !toggle_hovered;
        if (clicked_elsewhere || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
            picker.list_open = false;
        }
    }
    ImGui::PopID();
    return entered;
}

} // namespace waconsole
