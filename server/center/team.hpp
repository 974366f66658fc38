// The team a deployment fills in (Team page, team API): agents with their skillsets, capacity,
// licence type, live presence and load; skillsets with their bot digit. Creating an agent
// returns a generated password once; disabling ends the user's sessions (as the users command
// does), sets them offline and hands their conversations back to their queues.
#pragma once

#include "shared/api_error.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace waconsole {

struct Services;

// Any subset, as a request gives it; create needs name and email.
struct AgentFields {
    std::optional<std::string> name;
    std::optional<std::string> email;
    std::optional<std::string> role;
    std::optional<std::vector<std::int64_t>> skillsets;
    std::optional<int> max_concurrent_chats;
    std::optional<std::string> licence_type;
};

struct SkillsetFields {
    std::optional<std::string> name;
    std::optional<std::optional<int>> menu_digit; // set to null: no digit
};

constexpr int kMaxConcurrentChats = 100;

nlohmann::json team_json(Services& services);
nlohmann::json transfer_targets_json(Services& services);

// {"agent":{...},"password":"..."}
std::variant<nlohmann::json, ApiError> create_agent(Services& services, const AgentFields& fields);
std::variant<nlohmann::json, ApiError> edit_agent(Services& services, std::int64_t id,
                                                  const AgentFields& fields);
// `by_user_id` may not disable themselves.
std::variant<nlohmann::json, ApiError> set_agent_disabled(Services& services, std::int64_t id,
                                                          bool disabled, std::int64_t by_user_id);

std::variant<nlohmann::json, ApiError> create_team_skillset(Services& services,
                                                            const SkillsetFields& fields);
std::variant<nlohmann::json, ApiError> edit_team_skillset(Services& services, std::int64_t id,
                                                          const SkillsetFields& fields);

} // namespace waconsole
