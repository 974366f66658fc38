// Header bar and sidebar. Widgets: menu.<section id> for each section (Team too), menu.logout.
#include "screens/menu.hpp"

#include "app.hpp"

namespace waconsole {

namespace {

void log_out(Menu& menu, App& app) {
    // The server forgets the token; locally the session ends at once either way.
    menu.logout.start(api_post(app.api, "/api/logout", nlohmann::json::object()));
    end_session(app, "");
}

} // namespace

void draw_header(Menu& menu, App& app) {
    const float height = em(3.4f);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::GetWindowDrawList()->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height),
                                              palette::kHeader);

    ImGui::BeginChild("##header", ImVec2(width, height), false, ImGuiWindowFlags_NoScrollbar);
    const float centre_y = height * 0.5f;
    ImGui::SetCursorPos(ImVec2(em(1.25f), centre_y - app.fonts.title->FontSize * 0.5f));
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kHeaderText);
    ImGui::PushFont(app.fonts.title);
    ImGui::TextUnformatted("waconsole");
    ImGui::PopFont();
    ImGui::PopStyleColor();
    ImGui::SameLine(0, em(0.8f));
    ImGui::SetCursorPosY(centre_y - ImGui::GetFontSize() * 0.5f);
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kHeaderMuted);
    ImGui::TextUnformatted("WhatsApp menu");
    ImGui::PopStyleColor();

    // Right side: who is logged in, then Log out.
    const std::string name = app.user ? app.user->name : "";
    const std::string email = app.user ? app.user->email : "";
    const float button = ImGui::CalcTextSize("Log out").x + ImGui::GetStyle().FramePadding.x * 2;
    const float text =
        ImGui::CalcTextSize(name.c_str()).x + em(0.6f) + ImGui::CalcTextSize(email.c_str()).x;
    const float right = ImGui::GetWindowContentRegionMax().x - em(1.25f);
    ImGui::SameLine(std::max(em(20), right - button - text - em(1.25f)));
    ImGui::SetCursorPosY(centre_y - ImGui::GetFontSize() * 0.5f);
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kHeaderText);
    ImGui::PushFont(app.fonts.bold);
    ImGui::TextUnformatted(name.c_str());
    ImGui::PopFont();
    ImGui::PopStyleColor();
    ImGui::SameLine(0, em(0.6f));
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kHeaderMuted);
    ImGui::TextUnformatted(email.c_str());
    ImGui::PopStyleColor();

    ImGui::SameLine(0, em(1.25f));
    ImGui::SetCursorPosY(centre_y - ImGui::GetFrameHeight() * 0.5f);
    ImGui::PushStyleColor(ImGuiCol_Button, palette::kHeader);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, palette::kAccentHover);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, palette::kAccentActive);
    ImGui::PushStyleColor(ImGuiCol_Border, palette::kHeaderMuted);
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kHeaderText);
    const bool clicked = ImGui::Button("Log out");
    ImGui::PopStyleColor(5);
    app.widgets.record_last_item("menu.logout");
    ImGui::EndChild();

    if (clicked) {
        log_out(menu, app);
    }
}

void draw_sidebar(Menu& /*menu*/, App& app) {
    const float width = em(16);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float height = ImGui::GetContentRegionAvail().y;
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    draw.AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), palette::kSurface);
    draw.AddLine(ImVec2(origin.x + width, origin.y), ImVec2(origin.x + width, origin.y + height),
                 palette::kBorder, ImGui::GetStyle().FrameBorderSize);

    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(em(0.75f), em(1.25f)));
    ImGui::BeginChild("##sidebar", ImVec2(width, height), false,
                      ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::SetCursorPosX(em(1));
    ImGui::TextDisabled("MENU");
    ImGui::Dummy(ImVec2(0, em(0.2f)));

    std::optional<SectionIndex> clicked;
    const float item_height = em(2.3f);
    bool beside_started = false;
    const auto& sections = all_sections();
    for (SectionIndex index = 0; index < sections.size(); ++index) {
        const SectionInfo& info = sections[index];
        if (info.beside && !beside_started) {
            beside_started = true;
            ImGui::Dummy(ImVec2(0, em(0.6f)));
            ImGui::SetCursorPosX(em(1));
            ImGui::TextDisabled("CONTACT CENTER");
            ImGui::Dummy(ImVec2(0, em(0.2f)));
        }
        const bool selected = app.section == index;
        const ImVec2 start = ImGui::GetCursorScreenPos();
        ImGui::PushID(info.id);
        ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, em(0.4f));
        if (selected) {
            ImGui::PushStyleColor(ImGuiCol_Text, palette::kAccentActive);
            ImGui::PushFont(app.fonts.bold);
        }
        // Indent the label past the selection bar.
        const std::string label = std::string("   ") + info.title;
        if (ImGui::Selectable(label.c_str(), selected, ImGuiSelectableFlags_None,
                              ImVec2(0, item_height))) {
            clicked = index;
        }
        if (selected) {
            ImGui::PopFont();
            ImGui::PopStyleColor();
            ImGui::GetWindowDrawList()->AddRectFilled(
                ImVec2(start.x, start.y + em(0.45f)),
                ImVec2(start.x + em(0.22f), start.y + item_height - em(0.45f)), palette::kAccent,
                em(0.1f));
        }
        ImGui::PopStyleVar();
        app.widgets.record_last_item(std::string("menu.") + info.id);
        ImGui::PopID();
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();

    if (clicked && *clicked != app.section) {
        open_section(app, *clicked, true);
    }
}

} // namespace waconsole
