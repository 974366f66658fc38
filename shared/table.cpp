// JSON for table pages.
#include "shared/table.hpp"

namespace waconsole {

const char* to_string(ColumnType type) {
    switch (type) {
    case ColumnType::integer:
        return "int";
    case ColumnType::datetime:
        return "datetime";
    case ColumnType::status:
        return "status";
    case ColumnType::text:
        break;
    }
    return "text";
}

ColumnType column_type_from_string(const std::string& name) {
    if (name == "int") {
        return ColumnType::integer;
    }
    if (name == "datetime") {
        return ColumnType::datetime;
    }
    if (name == "status") {
        return ColumnType::status;
    }
    return ColumnType::text;
}

std::optional<ColumnSort> parse_column_sort(const std::string& text) {
    ColumnSort sort;
    sort.descending = !text.empty() && text.front() == '-';
    sort.column = sort.descending ? text.substr(1) : text;
    if (sort.column.empty() || sort.column.size() > 64) {
        return std::nullopt;
    }
    for (const char c : sort.column) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            return std::nullopt;
        }
    }
    return sort;
}

std::string to_string(const ColumnSort& sort) {
    return (sort.descending ? "-" : "") + sort.column;
}

void to_json(nlohmann::json& out, const Column& column) {
    out = {{"key", column.key},
           {"title", column.title},
           {"type", to_string(column.type)},
           {"width", column.width},
           {"sortable", column.sortable}};
}

void from_json(const nlohmann::json& in, Column& column) {
    in.at("key").get_to(column.key);
    in.at("title").get_to(column.title);
    column.type = column_type_from_string(in.value("type", "text"));
    column.width = in.value("width", 16);
    column.sortable = in.value("sortable", false);
}

void to_json(nlohmann::json& out, const TablePage& page) {
    out = {{"table", page.table}, {"columns", page.columns},
           {"rows", page.rows},   {"total", page.total},
           {"page", page.page},   {"page_size", page.page_size},
           {"sort", page.sort},   {"default_sort", page.default_sort},
           {"next", nullptr},     {"prev", nullptr}};
    if (page.next) {
        out["next"] = *page.next;
    }
    if (page.prev) {
        out["prev"] = *page.prev;
    }
}

void from_json(const nlohmann::json& in, TablePage& page) {
    in.at("table").get_to(page.table);
    in.at("columns").get_to(page.columns);
    page.rows = in.at("rows");
    in.at("total").get_to(page.total);
    in.at("page").get_to(page.page);
    in.at("page_size").get_to(page.page_size);
    page.sort = in.value("sort", std::string());
    page.default_sort = in.value("default_sort", std::string());
    // An older server sends no cursors.
    const auto cursor = [&in](const char* key) -> std::optional<std::string> {
        const auto it = in.find(key);
        return it != in.end() && it->is_string() ? std::optional(it->get<std::string>())
                                                 : std::nullopt;
    };
    page.next = cursor("next");
    page.prev = cursor("prev");
}

} // namespace waconsole
