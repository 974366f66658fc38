// SQL for agents and skillsets.
#include "server/store/team_store.hpp"

#include <map>

namespace waconsole {
namespace {

constexpr const char* kAgentColumns =
    "SELECT u.id, u.name, u.email, u.role, u.max_concurrent_chats, u.licence_type, u.presence, "
    "u.presence_since, u.disabled_at IS NOT NULL, "
    "(SELECT COUNT(*) FROM conversations c WHERE c.agent_id = u.id "
    " AND c.state IN ('waiting', 'active')) FROM users u ";

AgentRecord read_agent(const Statement& row) {
    AgentRecord agent;
    agent.id = row.get_int(0);
    agent.name = row.get_text(1);
    agent.email = row.get_text(2);
    agent.role = row.get_text(3);
    agent.max_concurrent_chats = static_cast<int>(row.get_int(4));
    agent.licence_type = row.get_text(5);
    agent.presence = row.get_text(6);
    agent.presence_since = row.get_int(7);
    agent.disabled = row.get_int(8) != 0;
    agent.load = static_cast<int>(row.get_int(9));
    return agent;
}

void fill_skillsets(Connection& db, std::vector<AgentRecord>& agents) {
    std::map<std::int64_t, AgentRecord*> by_id;
    for (auto& agent : agents) {
        by_id[agent.id] = &agent;
    }
    auto query = db.prepare("SELECT user_id, skillset_id FROM user_skillsets "
                            "ORDER BY user_id, skillset_id");
    while (query.step()) {
        if (const auto it = by_id.find(query.get_int(0)); it != by_id.end()) {
            it->second->skillsets.push_back(query.get_int(1));
        }
    }
}

constexpr const char* kSkillsetColumns =
    "SELECT s.id, s.name, s.menu_digit, "
    "(SELECT COUNT(*) FROM user_skillsets us JOIN users u ON u.id = us.user_id "
    " WHERE us.skillset_id = s.id AND u.presence = 'ready' AND u.disabled_at IS NULL "
    " AND u.max_concurrent_chats > (SELECT COUNT(*) FROM conversations c "
    "   WHERE c.agent_id = u.id AND c.state IN ('waiting', 'active'))), "
    "(SELECT COUNT(*) FROM user_skillsets us JOIN users u ON u.id = us.user_id "
    " WHERE us.skillset_id = s.id AND u.presence <> 'offline' AND u.disabled_at IS NULL) "
    "FROM skillsets s ";

SkillsetRecord read_skillset(const Statement& row) {
    SkillsetRecord skillset;
    skillset.id = row.get_int(0);
    skillset.name = row.get_text(1);
    if (const auto digit = row.get_optional_int(2)) {
        skillset.menu_digit = static_cast<int>(*digit);
    }
    skillset.ready_agents = static_cast<int>(row.get_int(3));
    skillset.logged_in_agents = static_cast<int>(row.get_int(4));
    return skillset;
}

std::optional<SkillsetRecord> one_skillset(Statement& query) {
    if (!query.step()) {
        return std::nullopt;
    }
    return read_skillset(query);
}

} // namespace

std::vector<AgentRecord> list_agents(Connection& db) {
    auto query = db.prepare(std::string(kAgentColumns) + "ORDER BY u.name COLLATE NOCASE, u.id");
    std::vector<AgentRecord> agents;
    while (query.step()) {
        agents.push_back(read_agent(query));
    }
    fill_skillsets(db, agents);
    return agents;
}

std::optional<AgentRecord> find_agent(Connection& db, std::int64_t id) {
    auto query = db.prepare(std::string(kAgentColumns) + "WHERE u.id = ?");
    query.bind(1, id);
    if (!query.step()) {
        return std::nullopt;
    }
    std::vector<AgentRecord> one{read_agent(query)};
    query.reset();
    auto skills = db.prepare("SELECT skillset_id FROM user_skillsets WHERE user_id = ? "
                             "ORDER BY skillset_id");
    skills.bind(1, id);
    while (skills.step()) {
        one.front().skillsets.push_back(skills.get_int(0));
    }
    return one.front();
}

std::vector<SkillsetRecord> list_skillsets(Connection& db) {
    auto query = db.prepare(std::string(kSkillsetColumns) +
                            "ORDER BY s.menu_digit IS NULL, s.menu_digit, s.name COLLATE NOCASE");
    std::vector<SkillsetRecord> skillsets;
    while (query.step()) {
        skillsets.push_back(read_skillset(query));
    }
    return skillsets;
}

std::optional<SkillsetRecord> find_skillset(Connection& db, std::int64_t id) {
    auto query = db.prepare(std::string(kSkillsetColumns) + "WHERE s.id = ?");
    query.bind(1, id);
    return one_skillset(query);
}

std::optional<SkillsetRecord> find_skillset_by_digit(Connection& db, int digit) {
    auto query = db.prepare(std::string(kSkillsetColumns) + "WHERE s.menu_digit = ?");
    query.bind(1, digit);
    return one_skillset(query);
}

void update_agent(Connection& db, std::int64_t id, const AgentChanges& changes) {
    db.prepare("UPDATE users SET name = COALESCE(?, name), email = COALESCE(?, email), "
               "role = COALESCE(?, role), max_concurrent_chats = COALESCE(?, "
               "max_concurrent_chats), licence_type = COALESCE(?, licence_type) WHERE id = ?")
        .bind(1, changes.name)
        .bind(2, changes.email)
        .bind(3, changes.role)
        .bind(4, changes.max_concurrent_chats)
        .bind(5, changes.licence_type)
        .bind(6, id)
        .run();
    if (changes.skillsets) {
        set_agent_skillsets(db, id, *changes.skillsets);
    }
}

void set_agent_skillsets(Connection& db, std::int64_t id, const std::vector<std::int64_t>& ids) {
    db.prepare("DELETE FROM user_skillsets WHERE user_id = ?").bind(1, id).run();
    auto insert =
        db.prepare("INSERT OR IGNORE INTO user_skillsets (user_id, skillset_id) VALUES (?, ?)");
    for (const auto skillset : ids) {
        insert.reset();
        insert.bind(1, id).bind(2, skillset).run();
    }
}

bool set_presence(Connection& db, std::int64_t id, const std::string& presence, std::int64_t now) {
    db.prepare("UPDATE users SET presence = ?, presence_since = ? WHERE id = ? AND presence <> ?")
        .bind(1, presence)
        .bind(2, now)
        .bind(3, id)
        .bind(4, presence)
        .run();
    return db.changes() > 0;
}

std::int64_t create_skillset(Connection& db, const std::string& name, std::optional<int> digit) {
    db.prepare("INSERT INTO skillsets (name, menu_digit) VALUES (?, ?)")
        .bind(1, name)
        .bind(2, digit)
        .run();
    return db.last_insert_id();
}

void update_skillset(Connection& db, std::int64_t id, const std::optional<std::string>& name,
                     std::optional<std::optional<int>> digit) {
    if (name) {
        db.prepare("UPDATE skillsets SET name = ? WHERE id = ?").bind(1, *name).bind(2, id).run();
    }
    if (digit) {
        db.prepare("UPDATE skillsets SET menu_digit = ? WHERE id = ?")
            .bind(1, *digit)
            .bind(2, id)
            .run();
    }
}

std::optional<std::int64_t> skillset_with_digit(Connection& db, int digit,
                                                std::optional<std::int64_t> except) {
    auto query = db.prepare("SELECT id FROM skillsets WHERE menu_digit = ? AND id <> ?");
    query.bind(1, digit).bind(2, except.value_or(0));
    return query.first_int();
}

std::optional<std::int64_t> skillset_with_name(Connection& db, const std::string& name,
                                               std::optional<std::int64_t> except) {
    auto query = db.prepare("SELECT id FROM skillsets WHERE name = ? AND id <> ?");
    query.bind(1, name).bind(2, except.value_or(0));
    return query.first_int();
}

std::vector<std::int64_t> unknown_skillsets(Connection& db, const std::vector<std::int64_t>& ids) {
    std::vector<std::int64_t> unknown;
    auto query = db.prepare("SELECT 1 FROM skillsets WHERE id = ?");
    for (const auto id : ids) {
        query.reset();
        query.bind(1, id);
        if (!query.step()) {
            unknown.push_back(id);
        }
    }
    return unknown;
}

} // namespace waconsole
