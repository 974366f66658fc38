// A page of a table as the API sends it: the column descriptions plus the rows, so one table
// widget in the UI can show any section and the Excel export can describe its columns.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

enum class ColumnType { text, integer, datetime, status };

const char* to_string(ColumnType type);
// Unknown names read as text, so an older UI still shows a newer column.
ColumnType column_type_from_string(const std::string& name);

struct Column {
    std::string key;
    std::string title;
    ColumnType type = ColumnType::text;
    // Width in characters for the Excel sheet and a hint for the UI.
    int width = 16;
    // The table can be sorted by this column (`sort=<key>` or `sort=-<key>`).
    bool sortable = false;
};

// A sort by one column as the API and the URL write it: the column's key, with "-" first for
// descending ("-started_at": newest first). A table accepts only the columns it marks sortable.
struct ColumnSort {
    std::string column;
    bool descending = false;
};
// nullopt unless `text` is a key ([a-z0-9_], 1 to 64 characters) with an optional "-" first.
std::optional<ColumnSort> parse_column_sort(const std::string& text);
std::string to_string(const ColumnSort& sort);

struct TablePage {
    std::string table;
    std::vector<Column> columns;
    nlohmann::json rows = nlohmann::json::array();
    long long total = 0;
    int page = 1;
    int page_size = 10;
    // The sort the rows are in ("-started_at"), and the one of the table's own order, the order
    // without ?sort=; either is "" when it is no column's (the waiting queues).
    std::string sort;
    std::string default_sort;
    // Cursors for the pages after and before this one (null at either end): sent back as
    // `cursor` they fetch that page by its neighbour's keys, so rows never overlap or skip
    // while the table changes, and deep pages cost what the first does (docs/architecture.md).
    std::optional<std::string> next;
    std::optional<std::string> prev;
};

void to_json(nlohmann::json& out, const Column& column);
void from_json(const nlohmann::json& in, Column& column);
void to_json(nlohmann::json& out, const TablePage& page);
void from_json(const nlohmann::json& in, TablePage& page);

} // namespace waconsole
