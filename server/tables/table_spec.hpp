// What a paged section of the menu is to the server: its columns, the SQL that finds its rows,
// its order and the index that serves it, the filters it accepts (and how they become conditions,
// an exact total and a plan), and how a row becomes JSON. The list endpoint and the Excel export
// both run from the same spec, so a download always holds what the table shows.
#pragma once

#include "server/export/time_zone.hpp"
#include "server/store/database.hpp"
#include "server/store/like_pattern.hpp"
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
    // "c.agent_id IN (?,?)" over `ids`; "0" (nothing matches) when `ids` is empty.
    void add_in(const std::string& column, const std::vector<std::int64_t>& ids);
    std::string where_clause() const; // "" or " WHERE (a) AND (b)"
    int bind_all(Statement& statement, int first_index = 1) const;
};

// "" or " WHERE (a) AND (b)" over `conditions`.
std::string where_clause(const std::vector<std::string>& conditions);

// "INDEXED BY name", for TablePlan::index_clause.
std::string indexed_by(const std::string& index);

// One key of a table's order: an expression on the main table that is never NULL (COALESCE it)
// and is an integer. The last key of an order is the main table's unique key.
struct OrderKey {
    std::string expression;
    bool descending = false;
};

// A column a table can be sorted by (`?sort=started_at`, `?sort=-started_at`): the order it
// reads rows in, ascending (descending reverses every key), and the index that serves that order
// both ways, so a sorted page costs what the default one does. The keys follow OrderKey's rules;
// the index's key list is exactly theirs (an equality prefix on a base_where column may come
// first) and a partial index's WHERE exactly the table's base_where.
struct SortableColumn {
    std::string column; // a key of TableSpec::columns
    std::vector<OrderKey> order;
    std::string index;
};

// A position in a table's order: the keys of a row. Pages are read after it (`next`) or
// before it (`prev`), so they never overlap or skip while rows come and go, and a deep page
// costs what the first does. On the wire: "a.K1.K2" (after) or "b.K1.K2" (before) in the
// table's default order, "a:-started_at.K1.K2" under a sort: a cursor is accepted only with the
// sort it was made under, since its keys mean nothing in another order.
struct TableCursor {
    bool after = true;
    std::vector<std::int64_t> keys;
    std::string sort; // "" for the default order
};
std::string to_string(const TableCursor& cursor);
std::optional<TableCursor> parse_table_cursor(const std::string& text, std::size_t key_count,
                                              const std::string& sort = "");

struct TableRequest {
    PageQuery page;
    std::map<std::string, std::string> filters;
    // ?sort=, as ColumnSort writes it; "" for the table's default order (also when it names the
    // sort that order already is).
    std::string sort;
    std::optional<TableCursor> cursor;
    std::optional<TimeZone>
        zone; // ?time_zone=; date filters and exports use the server's if absent
};

// How one request reads its rows, decided by the table's `plan` from the filters.
struct TablePlan {
    SqlFilter filter;               // conditions on the main table, besides base_where
    std::optional<long long> total; // exact, from the counters; nullopt: COUNT(*) is run
    // How the main table is read: "INDEXED BY <the order's index>", "NOT INDEXED" (in rowid
    // order) or "" (SQLite chooses). Any choice gives the same rows; it only decides the cost.
    std::string index_clause;
    // Leading order keys held equal by `filter` (say the skillset of the waiting table): left
    // out of ORDER BY, because SQLite cannot see that an expression held equal is constant.
    std::size_t fixed_keys = 0;
    // The keys rows are read in: the table's order, or the request's sort (set by
    // plan_table_request, which then also picks the index).
    std::vector<OrderKey> order;
};

// Completes one row after it is read (derived cells, queue positions); made once per request and
// called for its rows in table order, so it may keep state between them and query `db`.
using RowFinisher = std::function<void(nlohmann::json& row)>;

struct TableSpec {
    std::string name;      // the URL name: /api/tables/{name}
    std::string title;     // sheet and UI title
    std::string file_stem; // download name before the date
    std::vector<Column> columns;
    std::vector<std::string> filters; // query parameters accepted besides paging and time_zone
    // Fields every JSON row carries besides `id` and the columns (e.g. can_transfer), and
    // fields read only for `make_finisher` and then dropped; neither goes to Excel.
    std::vector<Column> extra_fields;
    std::vector<Column> hidden_fields;
    // SELECT list: the key first, then one expression per column, per extra and per hidden
    // field, in that order.
    std::string select_list;
    std::string main_table; // "conversations"
    std::string alias;      // "c"
    std::string key_column; // "c.id"
    std::string joins;      // what the columns need besides the main table
    // Conditions every row meets, on the main table only; a partial index serving the order
    // must have exactly this WHERE.
    std::string base_where;
    std::vector<OrderKey> order;
    // The columns a request may sort by (a page marks them sortable), and the sort `order`
    // already is ("-started_at"; "" when it is no column's).
    std::vector<SortableColumn> sorts;
    std::string default_sort;
    // Filters → plan; an error for a bad value. Absent: no filters, counted with COUNT(*),
    // read with `default_index_clause`.
    std::function<std::variant<TablePlan, ApiError>(Connection&, const TableRequest&)> plan;
    std::string default_index_clause;
    std::function<RowFinisher(Connection&, const TableRequest&, std::int64_t now)> make_finisher;
    // A table whose rows are not rows of `main_table` (a campaign draft's review, kept in blocks)
    // reads them itself, inside the caller's read snapshot: a page, with the totals, page numbers
    // and cursors (over `order`) of any other table, and every row in order for the export.
    std::function<std::variant<TablePage, ApiError>(Connection&, const TableRequest&)> read_page;
    std::function<std::optional<ApiError>(Connection&, const TableRequest&,
                                          const std::function<void(const nlohmann::json&)>&)>
        read_rows;
};

// The keys of `sort` ("-started_at") on `spec`, descending ones reversed; the spec's order for
// "" or a sort it does not have.
std::vector<OrderKey> sort_order(const TableSpec& spec, const std::string& sort);

// Checks page, page_size, sort, cursor, time_zone and the filter names; unknown parameters are
// refused by name.
std::variant<TableRequest, ApiError>
parse_table_request(const TableSpec& spec, const std::map<std::string, std::string>& params);

// One page of rows plus the exact total that match, read in one snapshot of the database.
std::variant<TablePage, ApiError> query_table_page(Connection& db, const TableSpec& spec,
                                                   const TableRequest& request, std::int64_t now);

// Every matching row in table order as one prepared statement, bound and not yet stepped: the
// key in column 0, then one column per column, extra and hidden field as in `select_list`, the
// raw values before any `make_finisher` (for the Excel export of tables that have none).
std::variant<Statement, ApiError> prepare_table_rows(Connection& db, const TableSpec& spec,
                                                     const TableRequest& request);

// Calls `on_row` for every matching row in table order, finished, in one read snapshot.
std::optional<ApiError>
for_each_table_row(Connection& db, const TableSpec& spec, const TableRequest& request,
                   std::int64_t now, const std::function<void(const nlohmann::json&)>& on_row);

// The plan of a request (the spec's, or the default, then its sort's order and index), for code
// that reads a table another way. Under a sort, a request with no filter reads the sort's index;
// one with filters lets SQLite choose (it may sort the matching rows: correct, costlier).
std::variant<TablePlan, ApiError> plan_table_request(Connection& db, const TableSpec& spec,
                                                     const TableRequest& request);

} // namespace waconsole
