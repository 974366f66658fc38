// Filter fields: a group per field (label above, input below, error under it).
#include "widgets/filter_fields.hpp"

#include "theme.hpp"

#include <imgui_stdlib.h>

namespace waconsole {

void wrap_filter(float width) {
    const bool line_started = ImGui::GetCursorPosX() > ImGui::GetCursorStartPos().x + 1;
    if (line_started && ImGui::GetCursorPosX() + width > ImGui::GetContentRegionMax().x) {
        ImGui::NewLine();
    }
}

bool filter_text(const char* label, const char* widget, std::string& value, float width,
                 WidgetRects& rects, const char* hint, const std::string& error) {
    wrap_filter(width);
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", label);
    ImGui::SetNextItemWidth(width);
    const std::string id = std::string("##") + widget;
    if (rects.focus().take_search_request()) {
        ImGui::SetKeyboardFocusHere(); // "/" anywhere: the section's first filter
    }
    const bool entered =
        ImGui::InputTextWithHint(id.c_str(), hint, &value, ImGuiInputTextFlags_EnterReturnsTrue);
    rects.record_last_item(widget);
    if (!error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette::kErrorText);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        ImGui::TextUnformatted(error.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        rects.record_last_item(std::string(widget) + ".error");
    }
    ImGui::EndGroup();
    return entered;
}

bool filter_button(const char* label, const char* widget, bool primary, WidgetRects& rects) {
    wrap_filter(ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2);
    ImGui::BeginGroup();
    ImGui::TextDisabled(" ");
    const bool pressed = primary ? primary_button(label) : ImGui::Button(label);
    rects.record_last_item(widget);
    ImGui::EndGroup();
    return pressed;
}

void next_filter() {
    ImGui::SameLine(0, em(0.75f));
}

} // namespace waconsole
