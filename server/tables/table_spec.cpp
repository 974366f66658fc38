// Runs a TableSpec against the database.
#include "server/tables/table_spec.hpp"

#include <algorithm>

namespace waconsole {
namespace {

nlohmann::json read_row(const Statement& row, const TableSpec& spec) {
    nlohmann::json out = nlohmann::json::object();
    out["id"] = row.get_int(0);
    for (std::size_t i = 0; i < spec.columns.size(); ++i) {
        const int index = static_cast<int>(i) + 1;
        const auto& column = spec.columns[i];
        if (row.is_null(index)) {
            out[column.key] = nullptr;
        } else if (column.type == ColumnType::integer || column.type == ColumnType::datetime) {
            out[column.key] = row.get_int(index);
        } else {
            out[column.key] = row.get_text(index);
        }
    }
    return out;
}

std::string where_with_base(const TableSpec& spec, const SqlFilter& filter) {
    SqlFilter combined = filter;
    if (!spec.base_where.empty()) {
        combined.conditions.insert(combined.conditions.begin(), spec.base_where);
    }
    return combined.where_clause();
}

std::optional<ApiError> build_filter(const TableSpec& spec, const TableRequest& request,
                                     SqlFilter& filter) {
    if (spec.apply_filters) {
        return spec.apply_filters(request.filters, filter);
    }
    return std::nullopt;
}

} // namespace

void SqlFilter::add(std::string condition, std::vector<SqlValue> condition_values) {
    conditions.push_back(std::move(condition));
    for (auto& value : condition_values) {
        values.push_back(std::move(value));
    }
}

std::string SqlFilter::where_clause() const {
    std::string clause;
    for (const auto& condition : conditions) {
        clause += clause.empty() ? " WHERE (" : " AND (";
        clause += condition;
        clause += ")";
    }
    return clause;
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

std::string like_contains(const std::string& text) {
    std::string pattern = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern.push_back('\\');
        }
        pattern.push_back(c);
    }
    pattern.push_back('%');
    return pattern;
}

std::variant<TableRequest, ApiError>
parse_table_request(const TableSpec& spec, const std::map<std::string, std::string>& params) {
    auto paging = parse_page_query(params);
    if (paging.error) {
        return *paging.error;
    }
    TableRequest request;
    request.page = *paging.query;
    for (const auto& [key, value] : params) {
        if (key == "page" || key == "page_size") {
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

std::variant<TablePage, ApiError> query_table_page(Connection& db, const TableSpec& spec,
                                                   const TableRequest& request, std::int64_t now) {
    SqlFilter filter;
    if (auto error = build_filter(spec, request, filter)) {
        return *error;
    }
    const std::string where = where_with_base(spec, filter);

    TablePage page;
    page.table = spec.name;
    page.columns = spec.columns;
    page.page = request.page.page;
    page.page_size = request.page.page_size;

    auto count = db.prepare("SELECT COUNT(*) " + spec.main_from + where);
    filter.bind_all(count);
    count.step();
    page.total = count.get_int(0);

    if (page_offset(request.page) < page.total) {
        auto rows = db.prepare("SELECT " + spec.select_list + " " + spec.main_from + " " +
                               spec.joins + " WHERE " + spec.key_column + " IN (SELECT " +
                               spec.key_column + " " + spec.main_from + where + " ORDER BY " +
                               spec.order_by + " LIMIT ? OFFSET ?) ORDER BY " + spec.order_by);
        const int next = filter.bind_all(rows);
        rows.bind(next, request.page.page_size);
        rows.bind(next + 1, static_cast<std::int64_t>(page_offset(request.page)));
        while (rows.step()) {
            auto row = read_row(rows, spec);
            if (spec.finish_row) {
                spec.finish_row(row, now);
            }
            page.rows.push_back(std::move(row));
        }
    }
    return page;
}

std::optional<ApiError>
for_each_table_row(Connection& db, const TableSpec& spec, const TableRequest& request,
                   std::int64_t now, const std::function<void(const nlohmann::json&)>& on_row) {
    SqlFilter filter;
    if (auto error = build_filter(spec, request, filter)) {
        return error;
    }
    auto rows = db.prepare("SELECT " + spec.select_list + " " + spec.main_from + " " + spec.joins +
                           where_with_base(spec, filter) + " ORDER BY " + spec.order_by);
    filter.bind_all(rows);
    while (rows.step()) {
        auto row = read_row(rows, spec);
        if (spec.finish_row) {
            spec.finish_row(row, now);
        }
        on_row(row);
    }
    return std::nullopt;
}

} // namespace waconsole
