// Header bar and sidebar. Widgets: menu.<section id> for each section (Team too), menu.logout.
#include "screens/menu.hpp"

#include "app.hpp"
#include "json_fields.hpp"
#include "shared/busiest_section.hpp"
#include "shared/xlsx_download.hpp"

#include <algorithm>

namespace waconsole {

namespace {

// A first login in this browser opened the first section while the counts were on their way:
// now the busiest live one, unless a section was opened meanwhile.
void open_busiest_section(const MenuCounts& counts, App& app) {
    if (!app.leave_for_busiest) {
        return;
    }
    app.leave_for_busiest = false;
    if (const auto busiest = busiest_section(counts.shown)) {
        if (const auto section = section_from_id(*busiest)) {
            open_section(app, *section, false);
        }
    }
}

// Asks for the counts when conversations changed since the last answer (and once at first).
void update_counts(MenuCounts& counts, App& app) {
    if (auto response = counts.request.take_response()) {
        if (end_session_if_unauthorized(app, *response)) {
            return;
        }
        const nlohmann::json body = parse_answer(response->body);
        const nlohmann::json& shown = member(body, "counts");
        if (response->ok() && shown.is_object()) {
            counts.shown.clear();
            for (const auto& [section, count] : shown.items()) {
                if (count.is_number_integer()) {
                    counts.shown[section] = count.get<long long>();
                }
            }
            open_busiest_section(counts, app);
        }
    }
    // Not `unmanaged`: a closed window moves a conversation within the Unmanaged count (it counts
    // the bot's conversations and the closed ones no agent handled), so no count changes.
    const long long stamp = live_stamp(app.live, topic_bit(Topic::conversations));
    if (!counts.request.loading() && stamp != counts.requested_stamp) {
        counts.requested_stamp = stamp;
        counts.request.start(api_get(app.api, "/api/table-counts"));
    }
}

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

void draw_sidebar(Menu& menu, App& app) {
    update_counts(menu.counts, app);
    // A fifth of the page, between 11 and 16 em: short titles below 15.
    const float width = std::clamp(ImGui::GetIO().DisplaySize.x * 0.2f, em(11), em(16));
    const bool short_titles = width < em(15);
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
        const char* title =
            short_titles && *info.short_title != '\0' ? info.short_title : info.title;
        const std::string label = std::string("   ") + title + "###" + info.id;
        if (ImGui::Selectable(label.c_str(), selected, ImGuiSelectableFlags_None,
                              ImVec2(0, item_height))) {
            clicked = index;
        }
        if (const auto count = menu.counts.shown.find(info.id); count != menu.counts.shown.end()) {
            // The count, right-aligned on the entry's line.
            const std::string text = group_thousands(count->second);
            const ImVec2 size = ImGui::CalcTextSize(text.c_str());
            const ImVec2 at(ImGui::GetItemRectMax().x - size.x - em(0.6f),
                            start.y + (item_height - size.y) * 0.5f);
            ImGui::GetWindowDrawList()->AddText(
                at, ImGui::GetColorU32(selected ? palette::kAccentActive : palette::kMuted),
                text.c_str());
            app.widgets.record(std::string("menu.") + info.id + ".count", at,
                               ImVec2(at.x + size.x, at.y + size.y));
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
