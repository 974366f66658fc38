// Shared filters of the sections.
#include "server/tables/table_filters.hpp"

#include <algorithm>

namespace waconsole {

std::variant<std::optional<std::vector<std::int64_t>>, ApiError>
filtered_agent_ids(Connection& db, const std::map<std::string, std::string>& filters) {
    const auto by_name = filters.find("agent");
    const auto by_id = filters.find("agent_id");
    if (by_name == filters.end() && by_id == filters.end()) {
        return std::optional<std::vector<std::int64_t>>();
    }
    std::optional<std::int64_t> wanted_id;
    if (by_id != filters.end()) {
        const auto id = parse_whole_number(by_id->second);
        if (!id) {
            return validation_error("agent_id", "must be a user id (a whole number)");
        }
        wanted_id = *id;
    }
    std::string sql = "SELECT id FROM users WHERE 1";
    if (by_name != filters.end()) {
        sql += " AND name LIKE ? ESCAPE '\\'";
    }
    if (wanted_id) {
        sql += " AND id = ?";
    }
    auto query = db.prepare(sql + " ORDER BY id");
    int index = 1;
    if (by_name != filters.end()) {
        query.bind(index++, like_contains(by_name->second));
    }
    if (wanted_id) {
        query.bind(index, *wanted_id);
    }
    std::vector<std::int64_t> ids;
    while (query.step()) {
        ids.push_back(query.get_int(0));
    }
    return std::optional<std::vector<std::int64_t>>(std::move(ids));
}

TablePlan nothing_matches() {
    TablePlan plan;
    plan.filter.add("0", {}); // and no index: SQLite finds no plan for a forced index then
    plan.total = 0;
    return plan;
}

void add_customer_filter(SqlFilter& filter, const std::string& column, const std::string& text) {
    const auto pattern = like_contains(text);
    filter.add(column + " IN (SELECT id FROM customers WHERE name LIKE ? ESCAPE '\\' OR phone "
                        "LIKE ? ESCAPE '\\' OR wa_id LIKE ? ESCAPE '\\')",
               {pattern, pattern, pattern});
}

std::optional<std::int64_t> skillset_id_named(Connection& db, const std::string& name) {
    auto query = db.prepare("SELECT id FROM skillsets WHERE name = ? COLLATE NOCASE");
    query.bind(1, name);
    return query.first_int();
}

bool read_agent_rows_first(std::size_t agents, long long matching, long long all, int page_size) {
    if (agents <= 1) {
        return true; // one agent's rows come in table order from its index: nothing to sort
    }
    if (matching <= 0) {
        return true;
    }
    return static_cast<double>(matching) * static_cast<double>(matching) <=
           static_cast<double>(page_size) * static_cast<double>(std::max(all, matching));
}

} // namespace waconsole
