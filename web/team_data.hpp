// The team as GET /api/team describes it (docs/contact-center.md): agents with their skillsets,
// capacity, licence, live presence and load, and the skillsets with their bot digit. Loaded while
// a screen that shows it is open (Team, the agent picker of History) and loaded again when the
// live feed says the team or the conversations (an agent's load) changed.
#pragma once

#include "platform/http.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

struct App;

struct TeamAgent {
    long long id = 0;
    std::string name;
    std::string email;
    std::string role = "agent";
    std::vector<long long> skillsets;
    int max_concurrent_chats = 0;
    std::string licence_type;
    std::string presence = "offline";
    std::optional<long long> presence_since;
    int load = 0;
    bool disabled = false;
};

struct TeamSkillset {
    long long id = 0;
    std::string name;
    std::optional<int> menu_digit;
    int ready_agents = 0;
};

void from_json(const nlohmann::json& in, TeamAgent& agent);
void from_json(const nlohmann::json& in, TeamSkillset& skillset);

struct TeamData {
    std::vector<TeamAgent> agents;
    std::vector<TeamSkillset> skillsets;
    nlohmann::json raw; // the last answer, for the test hook
    bool loaded = false;
    std::string error; // the last load's failure, "" after a good one
    platform::Request request;
    long long requested_stamp = -1;
    double answered_at = -1e9;
    bool reload_now = true;
};

// Loads or reloads when due. Call each frame while a screen shows the team.
void update(TeamData& team, App& app);

const TeamSkillset* find_skillset(const TeamData& team, long long id);
// "Sales, Support" for the agent's skillsets.
std::string skillset_names(const TeamData& team, const TeamAgent& agent);

} // namespace waconsole
