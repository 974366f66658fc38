// Team (beside the seven sections): agents with their e-mail, skillsets, maximum concurrent
// chats, licence type, live presence and load, and skillsets with their bot digit; create, edit,
// disable and enable (GET/POST /api/team..., docs/contact-center.md). Live while open.
#pragma once

#include "platform/http.hpp"
#include "screens/team_forms.hpp"

#include <string>

namespace waconsole {

struct App;

struct TeamScreen {
    AgentForm agent_form;
    SkillsetForm skillset_form;
    NewPassword new_password;
    platform::Request toggle_request; // POST .../disable or .../enable
    std::string toggle_name;          // the agent being disabled or enabled
};

// The page itself, inside the content area.
void draw(TeamScreen& screen, App& app);
// Its dialogs, at the top level (call every frame, whatever the section).
void draw_dialogs(TeamScreen& screen, App& app);

} // namespace waconsole
