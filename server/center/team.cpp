// Checking and applying team changes.
#include "server/center/team.hpp"

#include "server/auth/passwords.hpp"
#include "server/center/agent_desk.hpp"
#include "server/center/conversation_json.hpp"
#include "server/clock.hpp"
#include "server/services.hpp"
#include "server/store/team_store.hpp"
#include "server/store/users_store.hpp"

namespace waconsole {
namespace {

std::optional<ApiError> check_text(const std::optional<std::string>& value, const char* field,
                                   std::size_t max_bytes) {
    if (!value) {
        return std::nullopt;
    }
    if (value->empty() || value->find_first_not_of(' ') == std::string::npos) {
        return validation_error(field, "must not be empty", 422);
    }
    if (value->size() > max_bytes) {
        return validation_error(field, "must be at most " + std::to_string(max_bytes) + " bytes",
                                422);
    }
    if (value->find_first_of("\r\n\t") != std::string::npos) {
        return validation_error(field, "must be one line", 422);
    }
    return std::nullopt;
}

std::optional<ApiError> check_agent(Connection& db, const AgentFields& fields) {
    if (auto error = check_text(fields.name, "name", 200)) {
        return error;
    }
    if (auto error = check_text(fields.email, "email", 254)) {
        return error;
    }
    if (fields.email) {
        const auto at = fields.email->find('@');
        if (at == std::string::npos || at == 0 || at + 1 >= fields.email->size() ||
            fields.email->find(' ') != std::string::npos) {
            return validation_error("email", "must be an e-mail address", 422);
        }
    }
    if (fields.role && !role_from_string(*fields.role)) {
        return validation_error("role", "must be agent or admin", 422);
    }
    if (fields.max_concurrent_chats &&
        (*fields.max_concurrent_chats < 0 || *fields.max_concurrent_chats > kMaxConcurrentChats)) {
        return validation_error("max_concurrent_chats", "must be a whole number from 0 to 100",
                                422);
    }
    if (auto error = check_text(fields.licence_type, "licence_type", 50)) {
        return error;
    }
    if (fields.skillsets) {
        const auto unknown = unknown_skillsets(db, *fields.skillsets);
        if (!unknown.empty()) {
            return validation_error("skillsets",
                                    std::to_string(unknown.front()) + " is not a skillset", 422);
        }
    }
    return std::nullopt;
}

ApiError email_taken() {
    auto error = validation_error("email", "is already used by another user", 409);
    error.code = "conflict";
    return error;
}

void team_changed(Services& services) {
    services.changes.bump({Topic::team, Topic::conversations});
    services.center.routing.notify();
}

std::optional<ApiError> check_skillset(Connection& db, const SkillsetFields& fields,
                                       std::optional<std::int64_t> id) {
    if (auto error = check_text(fields.name, "name", 100)) {
        return error;
    }
    if (fields.name && skillset_with_name(db, *fields.name, id)) {
        auto error = validation_error("name", "is already a skillset", 409);
        error.code = "conflict";
        return error;
    }
    if (fields.menu_digit && *fields.menu_digit) {
        const int digit = **fields.menu_digit;
        if (digit < 0 || digit > 9) {
            return validation_error("menu_digit", "must be a digit from 0 to 9, or null", 422);
        }
        if (skillset_with_digit(db, digit, id)) {
            auto error =
                validation_error("menu_digit", "is already the digit of another skillset", 409);
            error.code = "conflict";
            return error;
        }
    }
    return std::nullopt;
}

} // namespace

nlohmann::json team_json(Services& services) {
    auto db = services.pool.acquire();
    nlohmann::json agents = nlohmann::json::array();
    for (const auto& agent : list_agents(*db)) {
        agents.push_back(agent_json(agent));
    }
    nlohmann::json skillsets = nlohmann::json::array();
    for (const auto& skillset : list_skillsets(*db)) {
        skillsets.push_back(skillset_json(skillset));
    }
    return {{"agents", agents}, {"skillsets", skillsets}};
}

nlohmann::json transfer_targets_json(Services& services) {
    auto db = services.pool.acquire();
    const auto skillsets = list_skillsets(*db);
    nlohmann::json users = nlohmann::json::array();
    for (const auto& agent : list_agents(*db)) {
        if (agent.disabled) {
            continue;
        }
        nlohmann::json names = nlohmann::json::array();
        for (const auto id : agent.skillsets) {
            for (const auto& skillset : skillsets) {
                if (skillset.id == id) {
                    names.push_back(skillset.name);
                }
            }
        }
        users.push_back({{"id", agent.id},
                         {"name", agent.name},
                         {"presence", agent.presence},
                         {"load", agent.load},
                         {"capacity", agent.max_concurrent_chats},
                         {"skillsets", names}});
    }
    nlohmann::json skillset_list = nlohmann::json::array();
    for (const auto& skillset : skillsets) {
        skillset_list.push_back(skillset_json(skillset));
    }
    return {{"users", users}, {"skillsets", skillset_list}};
}

std::variant<nlohmann::json, ApiError> create_agent(Services& services, const AgentFields& fields) {
    if (!fields.name) {
        return validation_error("name", "is required", 422);
    }
    if (!fields.email) {
        return validation_error("email", "is required", 422);
    }
    NewUser user;
    user.name = *fields.name;
    user.email = *fields.email;
    user.role = fields.role ? role_from_string(*fields.role).value_or(Role::agent) : Role::agent;
    user.password = random_password();
    user.max_concurrent_chats = fields.max_concurrent_chats.value_or(3);
    user.licence_type = fields.licence_type.value_or("standard");
    nlohmann::json answer;
    {
        auto db = services.pool.acquire();
        if (auto error = check_agent(*db, fields)) {
            return *error;
        }
        if (find_user_by_email(*db, user.email)) {
            return email_taken();
        }
        std::lock_guard write_lock(services.meta.store_write_mutex);
        Transaction transaction(*db);
        std::int64_t id = 0;
        try {
            id = create_user(*db, user, now_seconds());
        } catch (const StoreError& e) {
            if (e.is_constraint()) {
                return email_taken();
            }
            throw;
        }
        set_agent_skillsets(*db, id, fields.skillsets.value_or(std::vector<std::int64_t>{}));
        answer = {{"agent", agent_json(*find_agent(*db, id))}, {"password", user.password}};
        transaction.commit();
    }
    team_changed(services);
    return answer;
}

std::variant<nlohmann::json, ApiError> edit_agent(Services& services, std::int64_t id,
                                                  const AgentFields& fields) {
    nlohmann::json answer;
    {
        auto db = services.pool.acquire();
        std::lock_guard write_lock(services.meta.store_write_mutex);
        Transaction transaction(*db);
        if (!find_agent(*db, id)) {
            return make_error(404, "not_found", "there is no such user");
        }
        if (auto error = check_agent(*db, fields)) {
            return *error;
        }
        if (fields.email) {
            if (const auto other = find_user_by_email(*db, *fields.email);
                other && other->id != id) {
                return email_taken();
            }
        }
        AgentChanges changes{fields.name,
                             fields.email,
                             fields.role,
                             fields.skillsets,
                             fields.max_concurrent_chats,
                             fields.licence_type};
        update_agent(*db, id, changes);
        answer = {{"agent", agent_json(*find_agent(*db, id))}};
        transaction.commit();
    }
    team_changed(services);
    return answer;
}

std::variant<nlohmann::json, ApiError> set_agent_disabled(Services& services, std::int64_t id,
                                                          bool disabled, std::int64_t by_user_id) {
    if (disabled && id == by_user_id) {
        return make_error(409, "conflict", "you cannot disable yourself");
    }
    nlohmann::json answer;
    {
        auto db = services.pool.acquire();
        std::lock_guard write_lock(services.meta.store_write_mutex);
        Transaction transaction(*db);
        if (!find_agent(*db, id)) {
            return make_error(404, "not_found", "there is no such user");
        }
        if (disabled) {
            disable_user(*db, id, now_seconds());
            set_presence(*db, id, "offline", now_seconds());
            return_conversations_of(*db, id);
        } else {
            enable_user(*db, id);
        }
        answer = {{"agent", agent_json(*find_agent(*db, id))}};
        transaction.commit();
    }
    team_changed(services);
    return answer;
}

std::variant<nlohmann::json, ApiError> create_team_skillset(Services& services,
                                                            const SkillsetFields& fields) {
    if (!fields.name) {
        return validation_error("name", "is required", 422);
    }
    nlohmann::json answer;
    {
        auto db = services.pool.acquire();
        std::lock_guard write_lock(services.meta.store_write_mutex);
        Transaction transaction(*db);
        if (auto error = check_skillset(*db, fields, std::nullopt)) {
            return *error;
        }
        const auto id = create_skillset(*db, *fields.name,
                                        fields.menu_digit ? *fields.menu_digit : std::nullopt);
        answer = {{"skillset", skillset_json(*find_skillset(*db, id))}};
        transaction.commit();
    }
    team_changed(services);
    return answer;
}

std::variant<nlohmann::json, ApiError> edit_team_skillset(Services& services, std::int64_t id,
                                                          const SkillsetFields& fields) {
    nlohmann::json answer;
    {
        auto db = services.pool.acquire();
        std::lock_guard write_lock(services.meta.store_write_mutex);
        Transaction transaction(*db);
        if (!find_skillset(*db, id)) {
            return make_error(404, "not_found", "there is no such skillset");
        }
        if (auto error = check_skillset(*db, fields, id)) {
            return *error;
        }
        update_skillset(*db, id, fields.name, fields.menu_digit);
        answer = {{"skillset", skillset_json(*find_skillset(*db, id))}};
        transaction.commit();
    }
    team_changed(services);
    return answer;
}

} // namespace waconsole
