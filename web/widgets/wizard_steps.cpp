// Step bar drawing: a circle with the number (filled when done or current), the title, a line to
// the next step.
#include "widgets/wizard_steps.hpp"

#include "theme.hpp"

#include <cstdio>

namespace waconsole {

std::optional<int> draw_wizard_steps(const std::vector<WizardStepLabel>& steps, int current,
                                     const std::string& prefix, bool enabled, WidgetRects& rects) {
    std::optional<int> clicked;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float radius = em(0.75f);
    const float width = ImGui::GetContentRegionAvail().x;
    const float slot = width / static_cast<float>(steps.size());
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float height = radius * 2 + em(1.6f);
    for (int i = 0; i < static_cast<int>(steps.size()); ++i) {
        const ImVec2 min(origin.x + slot * static_cast<float>(i), origin.y);
        const ImVec2 centre(min.x + slot * 0.5f, origin.y + radius);
        if (i + 1 < static_cast<int>(steps.size())) {
            draw->AddLine(ImVec2(centre.x + radius + em(0.3f), centre.y),
                          ImVec2(centre.x + slot - radius - em(0.3f), centre.y),
                          i < current ? palette::kAccent : palette::kBorder, em(0.12f));
        }
        const bool done = i < current;
        const bool now = i == current;
        const ImU32 fill = now || done ? palette::kAccent : palette::kSurface;
        draw->AddCircleFilled(centre, radius, fill);
        draw->AddCircle(centre, radius, now || done ? palette::kAccent : palette::kNeutral, 0,
                        em(0.1f));
        char number[8];
        std::snprintf(number, sizeof(number), "%d", i + 1);
        const ImVec2 number_size = ImGui::CalcTextSize(number);
        draw->AddText(ImVec2(centre.x - number_size.x * 0.5f, centre.y - number_size.y * 0.5f),
                      now || done ? palette::kHeaderText : palette::kMuted, number);
        const ImVec2 title_size = ImGui::CalcTextSize(steps[i].title);
        draw->AddText(ImVec2(centre.x - title_size.x * 0.5f, centre.y + radius + em(0.25f)),
                      now ? palette::kText : palette::kMuted, steps[i].title);
        // The whole slot is the step's button; only earlier steps take a click.
        ImGui::SetCursorScreenPos(min);
        ImGui::PushID(i);
        const bool pressed = ImGui::InvisibleButton("##step", ImVec2(slot, height));
        ImGui::PopID();
        rects.record_last_item(prefix + "." + steps[i].name);
        if (pressed && enabled && done) {
            clicked = i;
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height + em(0.3f)));
    ImGui::Dummy(ImVec2(0, 0));
    return clicked;
}

} // namespace waconsole
