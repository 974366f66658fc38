// The team as the contact center sees it: agents (users) with their skillsets, capacity,
// licence, presence and load, and the skillsets with their bot digits. SQL only; every function
// runs in the caller's transaction.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

struct AgentRecord {
    std::int64_t id = 0;
    std::string name;
    std::string email;
    std::string role;
    std::vector<std::int64_t> skillsets;
    int max_concurrent_chats = 0;
    std::string licence_type;
    std::string presence;
    std::int64_t presence_since = 0;
    int load = 0; // waiting (assigned) plus active conversations
    bool disabled = false;
};

struct SkillsetRecord {
    std::int64_t id = 0;
    std::string name;
    std::optional<int> menu_digit;
    int ready_agents = 0;     // ready, enabled, with free capacity
    int logged_in_agents = 0; // enabled and not offline
};

std::vector<AgentRecord> list_agents(Connection& db);
std::optional<AgentRecord> find_agent(Connection& db, std::int64_t id);
std::vector<SkillsetRecord> list_skillsets(Connection& db);
std::optional<SkillsetRecord> find_skillset(Connection& db, std::int64_t id);
std::optional<SkillsetRecord> find_skillset_by_digit(Connection& db, int digit);

// Fields of an agent an edit may change; unset ones stay.
struct AgentChanges {
    std::optional<std::string> name;
    std::optional<std::string> email;
    std::optional<std::string> role;
    std::optional<std::vector<std::int64_t>> skillsets;
    std::optional<int> max_concurrent_chats;
    std::optional<std::string> licence_type;
};
// Throws StoreError (is_constraint()) when the e-mail address is taken.
void update_agent(Connection& db, std::int64_t id, const AgentChanges& changes);
void set_agent_skillsets(Connection& db, std::int64_t id, const std::vector<std::int64_t>& ids);
// Returns whether the presence changed.
bool set_presence(Connection& db, std::int64_t id, const std::string& presence, std::int64_t now);

// Throws StoreError (is_constraint()) when the name or digit is taken.
std::int64_t create_skillset(Connection& db, const std::string& name, std::optional<int> digit);
void update_skillset(Connection& db, std::int64_t id, const std::optional<std::string>& name,
                     std::optional<std::optional<int>> digit);
// Which skillset (other than `except`) holds `digit`, if any.
std::optional<std::int64_t> skillset_with_digit(Connection& db, int digit,
                                                std::optional<std::int64_t> except);
std::optional<std::int64_t> skillset_with_name(Connection& db, const std::string& name,
                                               std::optional<std::int64_t> except);
// Ids among `ids` that are not skillsets.
std::vector<std::int64_t> unknown_skillsets(Connection& db, const std::vector<std::int64_t>& ids);

} // namespace waconsole
