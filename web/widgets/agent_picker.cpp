// The list is a window of its own over the page, so it never pushes the table down; it closes on
// a pick, Escape, or a click anywhere else.
#include "widgets/agent_picker.hpp"

#include "theme.hpp"
#include "widgets/browser_text.hpp"
#include "widgets/filter_fields.hpp"

#include <algorithm>
#include <cctype>
#include <imgui_internal.h> // BringWindowToDisplayFront
#include <imgui_stdlib.h>

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
    if (rects.focus().take_search_request()) {
        ImGui::SetKeyboardFocusHere(); // "/": the section's first filter
    }
    entered |= ImGui::InputTextWithHint("##agent", "type or pick", &picker.text,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
    const bool field_hovered = ImGui::IsItemHovered();
    if (ImGui::IsItemEdited()) {
        picker.id.reset();
        picker.list_open = true;
    }
    if (ImGui::IsItemActivated()) {
        picker.list_open = true;
    }
    if (entered) {
        picker.list_open = false;
    }
    rects.record_last_item(widget);
    const ImVec2 list_pos(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y + em(0.15f));
    ImGui::SameLine(0, em(0.25f));
    if (ImGui::ArrowButton("##toggle", ImGuiDir_Down)) {
        picker.list_open = !picker.list_open;
    }
    const bool toggle_hovered = ImGui::IsItemHovered();
    rects.record_last_item(widget + ".toggle");
    ImGui::EndGroup();

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
        int shown = 0;
        for (const AgentChoice& agent : agents) {
            if (!picker.id && !picker.text.empty() && !contains_folded(agent.name, picker.text)) {
                continue;
            }
            ++shown;
            ImGui::PushID(static_cast<int>(agent.id));
            // The name over an empty selectable: it may be in any script (browser_text).
            const ImVec2 start = ImGui::GetCursorPos();
            if (ImGui::Selectable("##agent", picker.id == agent.id,
                                  ImGuiSelectableFlags_AllowItemOverlap,
                                  ImVec2(0, ImGui::GetTextLineHeight()))) {
                picker.text = agent.name;
                picker.id = agent.id;
                picker.list_open = false;
            }
            rects.record_last_item(widget + ".option." + std::to_string(agent.id));
            ImGui::SetCursorPos(start);
            draw_line_text(agent.name, ImGui::GetContentRegionAvail().x, rects);
            ImGui::PopID();
        }
        if (shown == 0) {
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
