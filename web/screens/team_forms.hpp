// The Team page's dialogs: create or edit an agent (name, e-mail, role, skillsets, maximum
// concurrent chats, licence type), create or edit a skillset (name, bot digit), and the one-time
// password of a new agent, shown once and then forgotten (docs/contact-center.md, Team).
#pragma once

#include "platform/http.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

struct App;
struct TeamAgent;
struct TeamSkillset;

struct AgentForm {
    bool open = false;
    std::optional<long long> agent_id; // editing this agent; none = a new one
    std::string name;
    std::string email;
    std::string role = "agent";
    std::vector<long long> skillsets;
    int max_concurrent_chats = 3;
    std::string licence_type = "standard";
    std::map<std::string, std::string> field_errors; // shown next to each field
    std::string error;                               // about no field in particular
    platform::Request request;
};

struct SkillsetForm {
    bool open = false;
    std::optional<long long> skillset_id;
    std::string name;
    int menu_digit = -1; // -1 = no digit in the bot menu
    std::map<std::string, std::string> field_errors;
    std::string error;
    platform::Request request;
};

struct NewPassword {
    std::string agent_name;
    std::string password; // "" = nothing to show
};

void open_new_agent(AgentForm& form);
void open_edit_agent(AgentForm& form, const TeamAgent& agent);
void open_new_skillset(SkillsetForm& form);
void open_edit_skillset(SkillsetForm& form, const TeamSkillset& skillset);

// Each draws its modal while open (and takes its answer); call every frame from the Team page.
void draw(AgentForm& form, NewPassword& password, App& app);
void draw(SkillsetForm& form, App& app);
void draw(NewPassword& password, App& app);

} // namespace waconsole
