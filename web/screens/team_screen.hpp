// Team (beside the seven sections): agents with their e-mail, skillsets, maximum concurrent
// chats, licence type, live presence and load, and skillsets with their bot digit; create, edit,
// disable and enable (GET/POST /api/team..., docs/contact-center.md). Live while open.
#pragma once

#include "platform/http.hpp"
#include "screens/section_screen.hpp"
#include "screens/team_forms.hpp"

#include <string>

namespace waconsole {

struct App;

struct TeamScreen final : SectionScreen {
    AgentForm agent_form;
    SkillsetForm skillset_form;
    NewPassword new_password;
    platform::Request toggle_request; // POST .../disable or .../enable
    std::string toggle_name;          // the agent being disabled or enabled

    void draw_screen(App& app) override;
    void draw_dialogs(App& app) override;
    void shown(App& app) override;
    // `team` (the data, the open form and the one-time password) and the open form as `dialog`.
    void add_test_state(const App& app, nlohmann::json& state) const override;
};

} // namespace waconsole
