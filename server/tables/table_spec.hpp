// What a paged section of the menu is to the server: its columns, the SQL that finds its rows,
// the filters it accepts and how a row becomes JSON. The list endpoint and the Excel export
// both run from the same spec, so a download always holds what the table shows.
#pragma once

#include "server/store/database.hpp"
#include "shared/api_error.hpp"
#include "shared/paging.hpp"
#include "shared/table.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace waconsole {

using SqlValue = std::variant<std::int64_t, std::string>;

// A WHERE clause assembled from filters, with its values bound as parameters, never spliced.
struct SqlFilter {
    std::vector<std::string> conditions;
    std::vector<SqlValue> values;
    void add(std::string condition, std::vector<SqlValue> condition_values);
    std::string where_clause() const; // "" or " WHERE a AND b"
    int bind_all(Statement& statement, int first_index = 1) const;
};

// Escapes % _ and \ for a LIKE ... ESCAPE '\' pattern matching `text` anywhere.
std::string like_contains(const std::string& text);

struct TableSpec {
    std::string name;      // the URL name: /api/tables/{name}
    std::string title;     // sheet and UI title
    std::string file_stem; // download name before the date
    std::vector<Column> columns;
    std::vector<std::string> filters; // query parameters accepted besides page and page_size
    // SELECT list: "id" first, then one expression per column, in the order of `columns`.
    std::string select_list;
    // Paging runs in two steps so it stays fast on big tables: the page's keys are chosen (and
    // rows counted) on the main table alone, through its indexes; only those rows are joined.
    std::string main_from;  // "FROM conversations c": the main table alone
    std::string key_column; // "c.id": the main table's key
    std::string joins;      // "JOIN customers cu ON ...": what the columns need besides it
    // Conditions every row meets, on the main table only (may be empty).
    std::string base_where;
    // On the main table only; must end with a unique key so pages never overlap.
    std::string order_by;
    // Adds the conditions for the given filter values; returns an error for a bad value.
    // Conditions may use only the main table (subqueries are fine), like base_where.
    std::function<std::optional<ApiError>(const std::map<std::string, std::string>&, SqlFilter&)>
        apply_filters;
    // Computes derived cells (e.g. a status from a time) after the row is read.
    std::function<void(nlohmann::json& row, std::int64_t now)> finish_row;
};

struct TableRequest {
    PageQuery page;
    std::map<std::string, std::string> filters;
};

// Checks page, page_size and the filter names; unknown parameters are refused by name.
std::variant<TableRequest, ApiError>
parse_table_request(const TableSpec& spec, const std::map<std::string, std::string>& params);

// One page of rows plus the total that match.
std::variant<TablePage, ApiError> query_table_page(Connection& db, const TableSpec& spec,
                                                   const TableRequest& request, std::int64_t now);

// Calls `on_row` for every matching row in table order (for the Excel export).
std::optional<ApiError>
for_each_table_row(Connection& db, const TableSpec& spec, const TableRequest& request,
                   std::int64_t now, const std::function<void(const nlohmann::json&)>& on_row);

} // namespace waconsole
