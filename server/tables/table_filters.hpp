// The filters several sections share: agent (a name substring, or agent_id), customer (name or
// phone substring), skillset (a name), and the choice between the two ways to read an agent's
// rows in table order.
#pragma once

#include "server/tables/table_spec.hpp"

#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

namespace waconsole {

// The agents `agent` (substring of the name) and `agent_id` select, both when both are given;
// nullopt when neither is; a bad agent_id is a 400 naming it.
std::variant<std::optional<std::vector<std::int64_t>>, ApiError>
filtered_agent_ids(Connection& db, const std::map<std::string, std::string>& filters);

// The plan of a filter that selects nothing (say an agent name no one has): no rows, total 0.
TablePlan nothing_matches();

// Adds "`column` is a customer whose name, phone or WhatsApp id holds `text`".
void add_customer_filter(SqlFilter& filter, const std::string& column, const std::string& text);

// The id of the skillset named `name` (any case), or nullopt.
std::optional<std::int64_t> skillset_id_named(Connection& db, const std::string& name);

// True when the rows of a few agents are best read all through an agent index and sorted;
// false when scanning the order's index and skipping other agents' rows is cheaper. Reading
// them costs `matching`; scanning finds a page of `page_size` after about page_size * all /
// matching rows.
bool read_agent_rows_first(std::size_t agents, long long matching, long long all, int page_size);

} // namespace waconsole
