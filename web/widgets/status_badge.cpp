// Status icons, drawn with the draw list so no icon font is needed.
#include "widgets/status_badge.hpp"

#include "theme.hpp"

#include <cmath>
#include <imgui.h>

namespace waconsole {

namespace {

struct KnownStatus {
    std::string_view code;
    StatusIcon icon;
    ImU32 color;
    const char* label;
};

// Codes of the sections that exist or are planned (docs/architecture.md, product.md).
constexpr KnownStatus kKnown[] = {
    {"window_open", StatusIcon::clock, palette::kWarning, "Window open"},
    {"window_closed", StatusIcon::tick, palette::kSuccess, "Window closed"},
    {"pending", StatusIcon::clock, palette::kWarning, "Pending"},
    {"scheduled", StatusIcon::clock, palette::kWarning, "Scheduled"},
    {"under_evaluation", StatusIcon::clock, palette::kWarning, "Under evaluation"},
    {"waiting", StatusIcon::clock, palette::kWarning, "Waiting"},
    // Section 4: an agent has it and has not answered yet, or it waits in a queue.
    {"assigned", StatusIcon::dot, palette::kInfo, "Assigned"},
    {"agent_queue", StatusIcon::clock, palette::kWarning, "Agent's queue"},
    {"waitlist", StatusIcon::clock, palette::kNeutral, "Waitlist"},
    {"bot", StatusIcon::dot, palette::kWarning, "With the bot"},
    // Agents' presence (Team, transfer dialog).
    {"ready", StatusIcon::dot, palette::kSuccess, "Ready"},
    {"busy", StatusIcon::dot, palette::kErrorText, "Busy"},
    {"away", StatusIcon::dot, palette::kWarning, "Away"},
    {"offline", StatusIcon::dot, palette::kNeutral, "Offline"},
    {"disabled", StatusIcon::cross, palette::kNeutral, "Disabled"},
    {"sending", StatusIcon::clock, palette::kWarning, "Sending"},
    {"sent", StatusIcon::tick, palette::kSuccess, "Sent"},
    {"delivered", StatusIcon::double_tick, palette::kSuccess, "Delivered"},
    {"read", StatusIcon::double_tick, palette::kInfo, "Read"},
    {"failed", StatusIcon::cross, palette::kErrorText, "Failed"},
    {"closed", StatusIcon::tick, palette::kSuccess, "Closed"},
    // Campaigns (Outbound history) and their recipients.
    {"queued", StatusIcon::clock, palette::kWarning, "Queued"},
    {"paused", StatusIcon::clock, palette::kWarning, "Paused"}, // by the daily messaging limit
    {"completed", StatusIcon::tick, palette::kSuccess, "Completed"},
    {"cancelled", StatusIcon::cross, palette::kNeutral, "Cancelled"},
    {"accepted", StatusIcon::clock, palette::kWarning, "Accepted"},
    {"unknown", StatusIcon::dot, palette::kNeutral, "Unknown"},
    {"unresolved", StatusIcon::dot, palette::kNeutral, "Unresolved"},
    {"skipped", StatusIcon::cross, palette::kNeutral, "Skipped"},
    {"active", StatusIcon::dot, palette::kSuccess, "Active"},
};

// "some_code" -> "Some code".
std::string humanise(std::string_view code) {
    std::string out(code);
    for (char& c : out) {
        if (c == '_') {
            c = ' ';
        }
    }
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') {
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    }
    return out;
}

void draw_tick(ImDrawList& draw, ImVec2 centre, float r, ImU32 color, float thickness) {
    const ImVec2 points[] = {ImVec2(centre.x - r * 0.75f, centre.y + r * 0.05f),
                             ImVec2(centre.x - r * 0.2f, centre.y + r * 0.6f),
                             ImVec2(centre.x + r * 0.8f, centre.y - r * 0.55f)};
    draw.AddPolyline(points, 3, color, ImDrawFlags_None, thickness);
}

void draw_icon(ImDrawList& draw, StatusIcon icon, ImVec2 centre, float r, ImU32 color) {
    const float thickness = std::max(1.0f, r * 0.28f);
    switch (icon) {
    case StatusIcon::dot:
        draw.AddCircleFilled(centre, r * 0.55f, color);
        break;
    case StatusIcon::tick:
        draw_tick(draw, centre, r, color, thickness);
        break;
    case StatusIcon::double_tick:
        draw_tick(draw, ImVec2(centre.x - r * 0.3f, centre.y), r * 0.8f, color, thickness);
        draw_tick(draw, ImVec2(centre.x + r * 0.35f, centre.y), r * 0.8f, color, thickness);
        break;
    case StatusIcon::clock:
        draw.AddCircleFilled(centre, r, color);
        draw.AddLine(centre, ImVec2(centre.x, centre.y - r * 0.6f), palette::kSurface,
                     thickness * 0.8f);
        draw.AddLine(centre, ImVec2(centre.x + r * 0.45f, centre.y), palette::kSurface,
                     thickness * 0.8f);
        break;
    case StatusIcon::cross:
        draw.AddLine(ImVec2(centre.x - r * 0.6f, centre.y - r * 0.6f),
                     ImVec2(centre.x + r * 0.6f, centre.y + r * 0.6f), color, thickness);
        draw.AddLine(ImVec2(centre.x + r * 0.6f, centre.y - r * 0.6f),
                     ImVec2(centre.x - r * 0.6f, centre.y + r * 0.6f), color, thickness);
        break;
    }
}

} // namespace

StatusLook status_look(std::string_view code) {
    for (const auto& known : kKnown) {
        if (known.code == code) {
            return {known.icon, known.color, known.label};
        }
    }
    return {StatusIcon::dot, palette::kNeutral, code.empty() ? "Unknown" : humanise(code)};
}

float status_badge_width(std::string_view code) {
    const float size = ImGui::GetFontSize();
    return size * 1.1f + ImGui::GetStyle().ItemInnerSpacing.x * 0.5f +
           ImGui::CalcTextSize(status_look(code).label.c_str()).x;
}

void draw_status_badge(std::string_view code) {
    draw_status_badge(code, status_look(code).label);
}

void draw_status_badge(std::string_view code, const std::string& label) {
    const StatusLook look = status_look(code);
    const float size = ImGui::GetFontSize();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    // The label first, placed like any text on this line (a table row or a line aligned to frame
    // padding lowers it); the icon then goes level with the label wherever it landed.
    ImGui::SetCursorScreenPos(
        ImVec2(start.x + size * 1.1f + ImGui::GetStyle().ItemInnerSpacing.x * 0.5f, start.y));
    ImGui::TextUnformatted(label.c_str());
    const float text_top = ImGui::GetItemRectMin().y;
    const ImVec2 centre(start.x + size * 0.5f, text_top + size * 0.55f);
    draw_icon(*ImGui::GetWindowDrawList(), look.icon, centre, size * 0.42f, look.color);
}

} // namespace waconsole
