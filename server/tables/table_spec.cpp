// Runs a TableSpec against the database: parsing a request, one page (first, last, by number or
// from a cursor) with its exact total, and every row for the export.
//
// [SECTION] Filters and cursors
// [SECTION] Requests
// [SECTION] Rows
// [SECTION] Pages
// [SECTION] Export
#include "server/tables/table_spec.hpp"

#include "server/store/read_snapshot.hpp"
#include "server/tables/ordered_reader.hpp"
#include "shared/xlsx_download.hpp"

#include <algorithm>
#include <unordered_map>

namespace waconsole {

// [SECTION] Filters and cursors

void SqlFilter::add(std::string condition, std::vector<SqlValue> condition_values) {
    conditions.push_back(std::move(condition));
    for (auto& value : condition_values) {
        values.push_back(std::move(value));
    }
}

void SqlFilter::add_in(const std::string& column, const std::vector<std::int64_t>& ids) {
    if (ids.empty()) {
        conditions.push_back("0");
        return;
    }
    std::string condition = column + " IN (";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        condition += i == 0 ? "?" : ",?";
        values.emplace_back(ids[i]);
    }
    conditions.push_back(condition + ")");
}

std::string where_clause(const std::vector<std::string>& conditions) {
    std::string clause;
    for (const auto& condition : conditions) {
        clause += clause.empty() ? " WHERE (" : " AND (";
        clause += condition;
        clause += ")";
    }
    return clause;
}

std::string SqlFilter::where_clause() const {
    return waconsole::where_clause(conditions);
}

int SqlFilter::bind_all(Statement& statement, int first_index) const {
    int index = first_index;
    for (const auto& value : values) {
        if (const auto* number = std::get_if<std::int64_t>(&value)) {
            statement.bind(index++, *number);
        } else {
            statement.bind(index++, std::get<std::string>(value));
        }
    }
    return index;
}

std::string indexed_by(const std::string& index) {
    return "INDEXED BY " + index;
}

std::string to_string(const TableCursor& cursor) {
    std::string text = cursor.after ? "a" : "b";
    if (!cursor.sort.empty()) {
        text += ":" + cursor.sort;
    }
    for (const auto key : cursor.keys) {
        text += "." + std::to_string(key);
    }
    return text;
}

std::optional<TableCursor> parse_table_cursor(const std::string& text, std::size_t key_count,
                                              const std::string& sort) {
    if (text.size() < 3 || text.size() > 200 || (text[0] != 'a' && text[0] != 'b')) {
        return std::nullopt;
    }
    // "a." or "a:<sort>.": the sort must be the request's.
    const std::string head = text.substr(0, 1) + (sort.empty() ? "" : ":" + sort) + ".";
    if (text.compare(0, head.size(), head) != 0) {
        return std::nullopt;
    }
    TableCursor cursor;
    cursor.after = text[0] == 'a';
    cursor.sort = sort;
    std::size_t start = head.size();
    while (start <= text.size()) {
        auto end = text.find('.', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        const auto part = text.substr(start, end - start);
        const bool negative = !part.empty() && part[0] == '-';
        const auto magnitude = parse_whole_number(negative ? part.substr(1) : part);
        if (!magnitude) {
            return std::nullopt;
        }
        cursor.keys.push_back(negative ? -*magnitude : *magnitude);
        start = end + 1;
    }
    if (cursor.keys.size() != key_count) {
        return std::nullopt;
    }
    return cursor;
}

// [SECTION] Requests

namespace {

const SortableColumn* find_sortable(const TableSpec& spec, const std::string& column) {
    for (const auto& sortable : spec.sorts) {
        if (sortable.column == column) {
            return &sortable;
        }
    }
    return nullptr;
}

std::string sort_refusal(const TableSpec& spec) {
    if (spec.sorts.empty()) {
        return "is not a sort of the " + spec.name + " table: it has none";
    }
    std::string names;
    for (const auto& sortable : spec.sorts) {
        names += (names.empty() ? "" : ", ") + sortable.column;
    }
    return "is not a sort of the " + spec.name + " table: one of " + names +
           ", with - first for descending";
}

// The request's sort, checked against the table's list, as TableRequest::sort holds it.
std::variant<std::string, ApiError> parse_sort(const TableSpec& spec, const std::string& text) {
    if (text.empty()) {
        return std::string();
    }
    const auto sort = parse_column_sort(text);
    if (!sort || !find_sortable(spec, sort->column)) {
        return validation_error("sort", sort_refusal(spec));
    }
    const auto name = to_string(*sort);
    return name == spec.default_sort ? std::string() : name;
}

// The sortable column `sort` names on `spec`, and whether it is descending.
std::pair<const SortableColumn*, bool> find_sort(const TableSpec& spec, const std::string& sort) {
    const auto parsed = parse_column_sort(sort);
    if (!parsed) {
        return {nullptr, false};
    }
    return {find_sortable(spec, parsed->column), parsed->descending};
}

std::vector<OrderKey> order_of(const SortableColumn& sortable, bool descending) {
    auto order = sortable.order;
    for (auto& key : order) {
        key.descending = key.descending != descending;
    }
    return order;
}

} // namespace

std::vector<OrderKey> sort_order(const TableSpec& spec, const std::string& sort) {
    const auto [sortable, descending] = find_sort(spec, sort);
    return sortable ? order_of(*sortable, descending) : spec.order;
}

std::variant<TableRequest, ApiError>
parse_table_request(const TableSpec& spec, const std::map<std::string, std::string>& params) {
    auto paging = parse_page_query(params);
    if (paging.error) {
        return *paging.error;
    }
    TableRequest request;
    request.page = *paging.query;
    // The sort first: a cursor is read in its order.
    if (const auto it = params.find("sort"); it != params.end()) {
        auto sort = parse_sort(spec, it->second);
        if (const auto* error = std::get_if<ApiError>(&sort)) {
            return *error;
        }
        request.sort = std::get<std::string>(sort);
    }
    for (const auto& [key, value] : params) {
        if (key == "page" || key == "page_size" || key == "sort") {
            continue;
        }
        if (key == "cursor") {
            if (!value.empty()) {
                request.cursor =
                    parse_table_cursor(value, sort_order(spec, request.sort).size(), request.sort);
                if (!request.cursor) {
                    return validation_error("cursor", "is not a cursor of the " + spec.name +
                                                          " table in this sort: send back a "
                                                          "page's next or prev with its sort");
                }
            }
            continue;
        }
        if (key == kTimeZoneParam) {
            request.zone = TimeZone::find(value);
            if (!request.zone) {
                return validation_error(kTimeZoneParam,
                                        "must be an IANA time zone name such as Europe/Madrid");
            }
            continue;
        }
        if (std::find(spec.filters.begin(), spec.filters.end(), key) == spec.filters.end()) {
            return validation_error(key, "is not a filter of the " + spec.name + " table");
        }
        if (!value.empty()) {
            request.filters[key] = value;
        }
    }
    return request;
}

std::variant<TablePlan, ApiError> plan_table_request(Connection& db, const TableSpec& spec,
                                                     const TableRequest& request) {
    TablePlan plan;
    if (spec.plan) {
        auto planned = spec.plan(db, request);
        if (const auto* error = std::get_if<ApiError>(&planned)) {
            return *error;
        }
        plan = std::move(std::get<TablePlan>(planned));
    } else {
        plan.index_clause = spec.default_index_clause;
    }
    const auto [sortable, descending] = find_sort(spec, request.sort);
    if (!sortable) {
        plan.order = spec.order;
        return plan;
    }
    plan.order = order_of(*sortable, descending);
    plan.fixed_keys = 0;
    // The plan's index served the default order. With no filter the sort's index serves this
    // one; with filters SQLite picks (forcing the sort's index would scan past every row that
    // does not match, a page of a rare agent's rows through the whole section).
    plan.index_clause = plan.filter.conditions.empty() ? indexed_by(sortable->index) : "";
    return plan;
}

// [SECTION] Rows
namespace {

void read_field(const Statement& row, int index, const Column& field, nlohmann::json& out) {
    if (row.is_null(index)) {
        out[field.key] = nullptr;
    } else if (field.type == ColumnType::integer || field.type == ColumnType::datetime) {
        out[field.key] = row.get_int(index);
    } else {
        out[field.key] = row.get_text(index);
    }
}

nlohmann::json read_row(const Statement& row, const TableSpec& spec) {
    nlohmann::json out = nlohmann::json::object();
    out["id"] = row.get_int(0);
    int index = 1;
    for (const auto* fields : {&spec.columns, &spec.extra_fields, &spec.hidden_fields}) {
        for (const auto& field : *fields) {
            read_field(row, index++, field, out);
        }
    }
    return out;
}

RowFinisher finisher_for(Connection& db, const TableSpec& spec, const TableRequest& request,
                         std::int64_t now) {
    RowFinisher finish = spec.make_finisher ? spec.make_finisher(db, request, now) : nullptr;
    return [finish, &spec](nlohmann::json& row) {
        if (finish) {
            finish(row);
        }
        for (const auto& field : spec.hidden_fields) {
            row.erase(field.key);
        }
    };
}

// The rows of `keyed`, joined and finished, in the same order.
nlohmann::json load_rows(Connection& db, const TableSpec& spec, const TableRequest& request,
                         const std::vector<KeyedRow>& keyed, std::int64_t now) {
    nlohmann::json rows = nlohmann::json::array();
    if (keyed.empty()) {
        return rows;
    }
    std::string ids;
    for (std::size_t i = 0; i < keyed.size(); ++i) {
        ids += i == 0 ? "?" : ",?";
    }
    auto query =
        db.prepare("SELECT " + spec.select_list + " FROM " + spec.main_table + " " + spec.alias +
                   " " + spec.joins + " WHERE " + spec.key_column + " IN (" + ids + ")");
    for (std::size_t i = 0; i < keyed.size(); ++i) {
        query.bind(static_cast<int>(i) + 1, keyed[i].id);
    }
    std::unordered_map<std::int64_t, nlohmann::json> by_id;
    while (query.step()) {
        by_id.emplace(query.get_int(0), read_row(query, spec));
    }
    const auto finish = finisher_for(db, spec, request, now);
    for (const auto& key : keyed) {
        auto it = by_id.find(key.id);
        if (it != by_id.end()) {
            finish(it->second);
            rows.push_back(std::move(it->second));
        }
    }
    return rows;
}

// [SECTION] Pages

struct PageRows {
    std::vector<KeyedRow> rows;
    bool has_prev = false;
    bool has_next = false;
    int page = 1;
};

PageRows first_page(OrderedReader& reader, int size) {
    PageRows result;
    result.rows = reader.from_start(size + 1);
    result.has_next = static_cast<int>(result.rows.size()) > size;
    result.rows.resize(std::min<std::size_t>(result.rows.size(), static_cast<std::size_t>(size)));
    return result;
}

// The last page holds what is left after the full pages, as numbered from the first, so paging
// back from it meets the same pages as paging forward.
PageRows last_page(OrderedReader& reader, long long total, int size) {
    PageRows result;
    result.page = page_count(total, size);
    const long long rows = total - static_cast<long long>(result.page - 1) * size;
    result.rows = reader.from_end(rows);
    result.has_prev = result.page > 1;
    return result;
}

// Page `page` (not the first nor the last) by skipping rows from the nearer end.
PageRows numbered_page(OrderedReader& reader, long long total, int page, int size) {
    PageRows result;
    result.page = page;
    const long long from_start = static_cast<long long>(page - 1) * size;
    const long long from_end = total - static_cast<long long>(page) * size;
    result.rows = from_start <= from_end ? reader.from_start(size, from_start)
                                         : reader.from_end(size, from_end);
    result.has_prev = true;
    result.has_next = true;
    return result;
}

// The client's page number for a page read from a cursor: rows may have come and gone ahead of
// it, so the number is the client's count of pages walked, kept within what the table holds.
int cursor_page_label(int asked, const PageRows& result, int pages) {
    if (!result.has_prev) {
        return 1;
    }
    if (!result.has_next) {
        return pages;
    }
    return std::clamp(asked, 2, std::max(2, pages - 1));
}

// The rows strictly after (or before) the cursor, the nearest ones. At the start of the table
// that page may hold fewer rows than the first page would: rows that were ahead have gone, and
// rows already shown are not shown again. Only when no row at all is left on the cursor's side
// does it give the last (or first) page instead, which may repeat rows.
PageRows cursor_page(OrderedReader& reader, const TableCursor& cursor, long long total, int asked,
                     int size) {
    const int pages = page_count(total, size);
    PageRows result;
    if (cursor.after) {
        result.rows = reader.after(cursor.keys, size + 1);
        if (result.rows.empty()) {
            return total > 0 ? last_page(reader, total, size) : first_page(reader, size);
        }
        result.has_next = static_cast<int>(result.rows.size()) > size;
        result.rows.resize(
            std::min<std::size_t>(result.rows.size(), static_cast<std::size_t>(size)));
        result.has_prev = !reader.before(result.rows.front().keys, 1).empty();
    } else {
        result.rows = reader.before(cursor.keys, size + 1);
        if (result.rows.empty()) {
            return first_page(reader, size);
        }
        result.has_prev = static_cast<int>(result.rows.size()) > size;
        if (result.has_prev) {
            result.rows.erase(result.rows.begin()); // the farthest from the cursor
        }
        result.has_next = !reader.after(result.rows.back().keys, 1).empty();
    }
    result.page = cursor_page_label(asked, result, pages);
    return result;
}

} // namespace

std::variant<TablePage, ApiError> query_table_page(Connection& db, const TableSpec& spec,
                                                   const TableRequest& request, std::int64_t now) {
    ReadSnapshot snapshot(db);
    if (spec.read_page) {
        return spec.read_page(db, request);
    }
    auto planned = plan_table_request(db, spec, request);
    if (const auto* error = std::get_if<ApiError>(&planned)) {
        return *error;
    }
    const auto& plan = std::get<TablePlan>(planned);
    OrderedReader reader(db, spec, plan);

    TablePage page;
    page.table = spec.name;
    page.columns = spec.columns;
    for (auto& column : page.columns) {
        column.sortable = find_sortable(spec, column.key) != nullptr;
    }
    page.sort = request.sort.empty() ? spec.default_sort : request.sort;
    page.default_sort = spec.default_sort;
    page.page_size = request.page.page_size;
    page.total = plan.total ? *plan.total : reader.count();

    const int size = request.page.page_size;
    const int pages = page_count(page.total, size);
    PageRows result;
    if (request.cursor) {
        result = cursor_page(reader, *request.cursor, page.total, request.page.page, size);
    } else if (request.page.page == 1) {
        result = first_page(reader, size);
    } else if (request.page.page > pages) {
        result.page = request.page.page; // past the end: no rows, the true total
    } else if (request.page.page == pages) {
        result = last_page(reader, page.total, size);
    } else {
        result = numbered_page(reader, page.total, request.page.page, size);
    }
    page.page = result.page;
    if (!result.rows.empty()) {
        if (result.has_next) {
            page.next = to_string(TableCursor{true, result.rows.back().keys, request.sort});
        }
        if (result.has_prev) {
            page.prev = to_string(TableCursor{false, result.rows.front().keys, request.sort});
        }
    }
    page.rows = load_rows(db, spec, request, result.rows, now);
    return page;
}

// [SECTION] Export

std::variant<Statement, ApiError> prepare_table_rows(Connection& db, const TableSpec& spec,
                                                     const TableRequest& request) {
    auto planned = plan_table_request(db, spec, request);
    if (const auto* error = std::get_if<ApiError>(&planned)) {
        return *error;
    }
    const auto& plan = std::get<TablePlan>(planned);
    SqlFilter filter = plan.filter;
    if (!spec.base_where.empty()) {
        filter.conditions.insert(filter.conditions.begin(), spec.base_where);
    }
    std::string order;
    for (std::size_t k = plan.fixed_keys; k < plan.order.size(); ++k) {
        order += order.empty() ? " ORDER BY " : ", ";
        order += plan.order[k].expression + (plan.order[k].descending ? " DESC" : " ASC");
    }
    auto rows =
        db.prepare("SELECT " + spec.select_list + " FROM " + spec.main_table + " " + spec.alias +
                   " " + plan.index_clause + " " + spec.joins + filter.where_clause() + order);
    filter.bind_all(rows);
    return rows;
}

std::optional<ApiError>
for_each_table_row(Connection& db, const TableSpec& spec, const TableRequest& request,
                   std::int64_t now, const std::function<void(const nlohmann::json&)>& on_row) {
    ReadSnapshot snapshot(db);
    if (spec.read_rows) {
        return spec.read_rows(db, request, on_row);
    }
    auto prepared = prepare_table_rows(db, spec, request);
    if (const auto* error = std::get_if<ApiError>(&prepared)) {
        return *error;
    }
    auto& rows = std::get<Statement>(prepared);
    const auto finish = finisher_for(db, spec, request, now);
    while (rows.step()) {
        auto row = read_row(rows, spec);
        finish(row);
        on_row(row);
    }
    return std::nullopt;
}

} // namespace waconsole
