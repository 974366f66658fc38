// [SECTION] index: disable / enable, the agents table, the skillsets table, the page.
// Widgets: team.new_agent, team.new_skillset, team.agent.<id>.edit, team.agent.<id>.disable,
// team.agent.<id>.enable, team.skillset.<id>.edit, team.error. What each agent row shows is
// recorded as cells under the agent's id (keys agent.name, agent.skillsets, agent.max_chats,
// agent.licence, agent.presence, agent.load).
#include "screens/team_screen.hpp"

#include "app.hpp"
#include "platform/browser.hpp"
#include "widgets/browser_text.hpp"
#include "widgets/cell_format.hpp"
#include "widgets/status_badge.hpp"

namespace waconsole {

namespace {

// [SECTION] disable / enable

void toggle_agent(TeamScreen& screen, App& app, const TeamAgent& agent) {
    screen.toggle_name = agent.name;
    screen.toggle_request.start(api_post(app.api,
                                         "/api/team/agents/" + std::to_string(agent.id) +
                                             (agent.disabled ? "/enable" : "/disable"),
                                         nlohmann::json::object()));
}

void take_toggle(TeamScreen& screen, App& app) {
    auto response = screen.toggle_request.take_response();
    if (!response || end_session_if_unauthorized(app, *response)) {
        return;
    }
    if (!response->ok()) {
        push_toast(app.toasts, ToastKind::error,
                   "Could not change " + screen.toggle_name + ": " + error_message(*response),
                   platform::now_seconds());
        return;
    }
    bump(app.live, topic_bit(Topic::team));
}

// [SECTION] the agents table

// Names are the admins' to choose, in any script (browser_text).
void cell(const std::string& text, WidgetRects& rects) {
    ImGui::AlignTextToFramePadding();
    draw_line_text(text, ImGui::GetContentRegionAvail().x, rects);
}

void draw_agents(TeamScreen& screen, App& app) {
    const TeamData& team = app.team_data;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette::kSurface);
    const bool open = ImGui::BeginTable("##agents", 9, flags);
    ImGui::PopStyleColor();
    if (!open) {
        return;
    }
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 14);
    ImGui::TableSetupColumn("E-mail", ImGuiTableColumnFlags_WidthStretch, 18);
    ImGui::TableSetupColumn("Role", ImGuiTableColumnFlags_WidthStretch, 7);
    ImGui::TableSetupColumn("Skillsets", ImGuiTableColumnFlags_WidthStretch, 14);
    ImGui::TableSetupColumn("Max chats", ImGuiTableColumnFlags_WidthStretch, 6);
    ImGui::TableSetupColumn("Licence", ImGuiTableColumnFlags_WidthStretch, 8);
    ImGui::TableSetupColumn("Presence", ImGuiTableColumnFlags_WidthStretch, 8);
    ImGui::TableSetupColumn("Load", ImGuiTableColumnFlags_WidthStretch, 5);
    ImGui::TableSetupColumn("Actions", ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("Edit  Disable").x +
                                ImGui::GetStyle().FramePadding.x * 4 + em(0.5f));
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kMuted);
    ImGui::TableHeadersRow();
    ImGui::PopStyleColor();
    const TeamAgent* edit = nullptr;
    const TeamAgent* toggle = nullptr;
    for (const TeamAgent& agent : team.agents) {
        ImGui::TableNextRow(ImGuiTableRowFlags_None, ImGui::GetFrameHeight());
        ImGui::PushID(static_cast<int>(agent.id));
        if (agent.disabled) {
            ImGui::PushStyleColor(ImGuiCol_Text, palette::kMuted);
        }
        const std::string id = "agent." + std::to_string(agent.id);
        const std::string skillsets = skillset_names(team, agent);
        const std::string load =
            std::to_string(agent.load) + " / " + std::to_string(agent.max_concurrent_chats);
        const std::string presence = agent.disabled ? "disabled" : agent.presence;
        ImGui::TableSetColumnIndex(0);
        cell(agent.name, app.widgets);
        ImGui::TableSetColumnIndex(1);
        cell(agent.email, app.widgets);
        ImGui::TableSetColumnIndex(2);
        cell(agent.role == "admin" ? "Administrator" : "Agent", app.widgets);
        ImGui::TableSetColumnIndex(3);
        cell(skillsets, app.widgets);
        ImGui::TableSetColumnIndex(4);
        cell(std::to_string(agent.max_concurrent_chats), app.widgets);
        ImGui::TableSetColumnIndex(5);
        cell(agent.licence_type, app.widgets);
        ImGui::TableSetColumnIndex(6);
        ImGui::AlignTextToFramePadding();
        draw_status_badge(presence);
        ImGui::TableSetColumnIndex(7);
        cell(load, app.widgets);
        if (agent.disabled) {
            ImGui::PopStyleColor();
        }
        ImGui::TableSetColumnIndex(8);
        if (ImGui::Button("Edit")) {
            edit = &agent;
        }
        app.widgets.record_last_item("team." + id + ".edit");
        ImGui::SameLine(0, em(0.35f));
        ImGui::BeginDisabled(screen.toggle_request.loading());
        if (ImGui::Button(agent.disabled ? "Enable" : "Disable")) {
            toggle = &agent;
        }
        ImGui::EndDisabled();
        app.widgets.record_last_item("team." + id + (agent.disabled ? ".enable" : ".disable"));
        ImGui::PopID();
        // What each row says, for tests: keyed by "agent.<id>".
        app.widgets.record_cell(agent.id, "agent.name", agent.name);
        app.widgets.record_cell(agent.id, "agent.skillsets", skillsets);
        app.widgets.record_cell(agent.id, "agent.max_chats",
                                std::to_string(agent.max_concurrent_chats));
        app.widgets.record_cell(agent.id, "agent.licence", agent.licence_type);
        app.widgets.record_cell(agent.id, "agent.presence", status_look(presence).label);
        app.widgets.record_cell(agent.id, "agent.load", load);
    }
    ImGui::EndTable();
    if (edit != nullptr) {
        open_edit_agent(screen.agent_form, *edit);
    }
    if (toggle != nullptr) {
        toggle_agent(screen, app, *toggle);
    }
}

// [SECTION] the skillsets table

void draw_skillsets(TeamScreen& screen, App& app) {
    const TeamData& team = app.team_data;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
    const float width = std::min(ImGui::GetContentRegionAvail().x, em(40));
    if (!ImGui::BeginTable("##skillsets", 4, flags, ImVec2(width, 0))) {
        return;
    }
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 14);
    ImGui::TableSetupColumn("Bot digit", ImGuiTableColumnFlags_WidthStretch, 6);
    ImGui::TableSetupColumn("Ready now", ImGuiTableColumnFlags_WidthStretch, 8);
    ImGui::TableSetupColumn("Actions", ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("Edit").x + ImGui::GetStyle().FramePadding.x * 2);
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kMuted);
    ImGui::TableHeadersRow();
    ImGui::PopStyleColor();
    const TeamSkillset* edit = nullptr;
    for (const TeamSkillset& skillset : team.skillsets) {
        ImGui::TableNextRow(ImGuiTableRowFlags_None, ImGui::GetFrameHeight());
        ImGui::PushID(static_cast<int>(skillset.id));
        ImGui::TableSetColumnIndex(0);
        cell(skillset.name, app.widgets);
        ImGui::TableSetColumnIndex(1);
        cell(skillset.menu_digit ? std::to_string(*skillset.menu_digit) : "—", app.widgets);
        ImGui::TableSetColumnIndex(2);
        ImGui::AlignTextToFramePadding();
        draw_status_badge(skillset.ready_agents > 0 ? "ready" : "offline");
        ImGui::SameLine(0, em(0.3f));
        ImGui::Text("%d", skillset.ready_agents);
        ImGui::TableSetColumnIndex(3);
        if (ImGui::Button("Edit")) {
            edit = &skillset;
        }
        app.widgets.record_last_item("team.skillset." + std::to_string(skillset.id) + ".edit");
        ImGui::PopID();
    }
    ImGui::EndTable();
    if (edit != nullptr) {
        open_edit_skillset(screen.skillset_form, *edit);
    }
}

void heading(const App& app, const char* title, const char* button, const char* widget,
             bool& pressed, WidgetRects& rects) {
    ImGui::PushFont(app.fonts.bold);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    ImGui::SameLine(0, em(1));
    pressed = primary_button(button);
    rects.record_last_item(widget);
}

} // namespace

// [SECTION] the page

void TeamScreen::draw_screen(App& app) {
    update(app.team_data, app);
    take_toggle(*this, app);
    const TeamData& team = app.team_data;
    if (!team.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette::kErrorText);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(team.error.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        app.widgets.record_last_item("team.error");
    }
    if (!team.loaded) {
        ImGui::TextDisabled(team.request.loading() ? "Loading the team…" : "");
        return;
    }
    bool pressed = false;
    char title[64];
    std::snprintf(title, sizeof(title), "Agents (%zu)", team.agents.size());
    heading(app, title, "New agent", "team.new_agent", pressed, app.widgets);
    if (pressed) {
        open_new_agent(agent_form);
    }
    draw_agents(*this, app);
    ImGui::Dummy(ImVec2(0, em(1)));
    std::snprintf(title, sizeof(title), "Skillsets (%zu)", team.skillsets.size());
    heading(app, title, "New skillset", "team.new_skillset", pressed, app.widgets);
    if (pressed) {
        open_new_skillset(skillset_form);
    }
    draw_skillsets(*this, app);
}

void TeamScreen::shown(App& app) {
    app.team_data.reload_now = true;
}

void TeamScreen::draw_dialogs(App& app) {
    waconsole::draw(agent_form, new_password, app);
    waconsole::draw(skillset_form, app);
    waconsole::draw(new_password, app);
}

} // namespace waconsole
