// "Not yet available" card.
#include "screens/placeholder_screen.hpp"

#include "app.hpp"
#include "theme.hpp"

namespace waconsole {

void PlaceholderScreen::draw_screen(App& app) {
    const SectionInfo& section = section_info(app.section);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette::kSurface);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(em(1.5f), em(1.25f)));
    ImGui::BeginChild("##placeholder",
                      ImVec2(std::min(ImGui::GetContentRegionAvail().x, em(36)), em(6.5f)), true,
                      ImGuiWindowFlags_NoScrollbar);
    ImGui::PushFont(app.fonts.bold);
    ImGui::TextUnformatted("Not yet available");
    ImGui::PopFont();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s is coming in a later release of waconsole. The other sections of the "
                        "menu work as usual.",
                        section.title);
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

} // namespace waconsole
