// Loading GET /api/team.
#include "team_data.hpp"

#include "app.hpp"
#include "json_fields.hpp"
#include "platform/browser.hpp"
#include "platform/frame_loop.hpp"

namespace waconsole {

namespace {

constexpr Topics kTeamTopics = Topic::team | Topic::conversations;
constexpr double kRetrySeconds = 2.0;

void take_answer(TeamData& team, App& app, const platform::HttpResponse& response) {
    team.answered_at = platform::now_seconds();
    if (end_session_if_unauthorized(app, response)) {
        return;
    }
    if (!response.ok()) {
        team.error = error_message(response);
        return;
    }
    nlohmann::json body = parse_answer(response.body);
    if (!member(body, "agents").is_array() || !member(body, "skillsets").is_array()) {
        team.error = "The server sent a team this page cannot read. Reload the page to update it.";
        return;
    }
    team.agents.clear();
    for (const auto& agent : member(body, "agents")) {
        if (member(agent, "id").is_number_integer()) {
            team.agents.push_back(agent.get<TeamAgent>());
        }
    }
    team.skillsets.clear();
    for (const auto& skillset : member(body, "skillsets")) {
        if (member(skillset, "id").is_number_integer()) {
            team.skillsets.push_back(skillset.get<TeamSkillset>());
        }
    }
    team.raw = std::move(body);
    team.loaded = true;
    team.error.clear();
}

} // namespace

void from_json(const nlohmann::json& in, TeamAgent& agent) {
    agent.id = number_field(in, "id").value_or(0);
    agent.name = text_field(in, "name");
    agent.email = text_field(in, "email");
    agent.role = text_field(in, "role");
    agent.skillsets.clear();
    for (const auto& id : member(in, "skillsets")) {
        if (id.is_number_integer()) {
            agent.skillsets.push_back(id.get<long long>());
        }
    }
    agent.max_concurrent_chats = int_field(in, "max_concurrent_chats");
    agent.licence_type = text_field(in, "licence_type");
    agent.presence = text_field(in, "presence");
    if (agent.presence.empty()) {
        agent.presence = "offline";
    }
    agent.presence_since = number_field(in, "presence_since");
    agent.load = int_field(in, "load");
    agent.disabled = flag_field(in, "disabled");
}

void from_json(const nlohmann::json& in, TeamSkillset& skillset) {
    skillset.id = number_field(in, "id").value_or(0);
    skillset.name = text_field(in, "name");
    if (const auto digit = number_field(in, "menu_digit")) {
        skillset.menu_digit = static_cast<int>(*digit);
    }
    skillset.ready_agents = int_field(in, "ready_agents");
}

void update(TeamData& team, App& app) {
    if (auto response = team.request.take_response()) {
        take_answer(team, app, *response);
    }
    if (!app.user) {
        return;
    }
    const long long stamp = live_stamp(app.live, kTeamTopics);
    const double since_answer = platform::now_seconds() - team.answered_at;
    const bool retry_due = !team.error.empty() && since_answer >= kRetrySeconds;
    if (team.reload_now ||
        (!team.request.loading() && (stamp != team.requested_stamp || retry_due))) {
        team.request.start(api_get(app.api, "/api/team"));
        team.requested_stamp = stamp;
        team.reload_now = false;
    } else if (!team.error.empty() && !team.request.loading()) {
        platform::wake_after(static_cast<int>((kRetrySeconds - since_answer) * 1000) + 1);
    }
}

const TeamSkillset* find_skillset(const TeamData& team, long long id) {
    for (const auto& skillset : team.skillsets) {
        if (skillset.id == id) {
            return &skillset;
        }
    }
    return nullptr;
}

std::string skillset_names(const TeamData& team, const TeamAgent& agent) {
    std::string names;
    for (const long long id : agent.skillsets) {
        const TeamSkillset* skillset = find_skillset(team, id);
        if (!names.empty()) {
            names += ", ";
        }
        names += skillset != nullptr ? skillset->name : "#" + std::to_string(id);
    }
    return names;
}

} // namespace waconsole
