// Table → .xlsx: bold frozen header with autofilter, date cells on the administrator's wall clock,
// widths from the column spec; past Excel's row limit, a note sheet that says how many rows are
// missing and opens first.
#include "server/export/table_export.hpp"

#include "server/export/streamed_workbook.hpp"
#include "server/store/read_snapshot.hpp"
#include "shared/xlsx_download.hpp"

#include <algorithm>
#include <ctime>
#include <deque>
#include <string_view>
#include <utility>

namespace waconsole {
namespace {

// Status codes repeat on every row: each one's label is made once per export. A table has a
// handful of codes, so a short list beats a map (and is searched without a string copy).
class StatusLabels {
public:
    const std::string& operator()(std::string_view code) {
        for (const auto& [known, label] : m_labels) {
            if (known == code) {
                return label;
            }
        }
        return m_labels.emplace_back(std::string(code), status_label(std::string(code))).second;
    }

private:
    std::deque<std::pair<std::string, std::string>> m_labels; // references stay valid
};

// One row's cells into the sheet, whether they come as JSON (a table whose rows are finished in
// code) or straight from the statement (every other table: no row object at all).
class RowWriter {
public:
    RowWriter(SheetWriter& sheet, const TableSpec& spec, const TimeZone& zone)
        : m_sheet(sheet), m_spec(spec), m_zone(zone) {}

    void write(const nlohmann::json& row) {
        for (std::size_t c = 0; c < m_spec.columns.size(); ++c) {
            const auto& column = m_spec.columns[c];
            const auto& value = row.at(column.key);
            if (value.is_null()) {
                continue;
            }
            const int at = static_cast<int>(c);
            if (column.type == ColumnType::datetime || column.type == ColumnType::integer) {
                write_number(column.type, at, value.get<std::int64_t>());
            } else {
                write_text(column.type, at, value.get_ref<const std::string&>());
            }
        }
    }

    // `rows` as prepare_table_rows leaves it: the key, then the columns in order.
    void write(const Statement& rows) {
        for (std::size_t c = 0; c < m_spec.columns.size(); ++c) {
            const auto& column = m_spec.columns[c];
            const int index = static_cast<int>(c) + 1;
            if (rows.is_null(index)) {
                continue;
            }
            const int at = static_cast<int>(c);
            if (column.type == ColumnType::datetime || column.type == ColumnType::integer) {
                write_number(column.type, at, rows.get_int(index));
            } else {
                write_text(column.type, at, rows.get_view(index));
            }
        }
    }

private:
    void write_number(ColumnType type, int column, std::int64_t value) {
        if (type == ColumnType::datetime) {
            m_sheet.datetime(column, m_zone.wall_clock_seconds(value));
        } else {
            m_sheet.integer(column, value);
        }
    }
    void write_text(ColumnType type, int column, std::string_view value) {
        if (type == ColumnType::status) {
            m_sheet.text(column, m_labels(value));
        } else {
            m_sheet.text(column, value);
        }
    }

    SheetWriter& m_sheet;
    const TableSpec& m_spec;
    const TimeZone& m_zone;
    StatusLabels m_labels;
};

// Calls `on_row` for every row in table order: with the statement itself when the table has no
// finisher (its columns are raw values then), else with each finished JSON row.
template <typename OnRow>
std::optional<ApiError> each_row(Connection& db, const TableSpec& spec, const TableRequest& request,
                                 std::int64_t now, OnRow&& on_row) {
    if (spec.make_finisher || spec.read_rows) {
        return for_each_table_row(db, spec, request, now,
                                  [&](const nlohmann::json& row) { on_row(row); });
    }
    ReadSnapshot snapshot(db); // the plan's queries and the rows see one state
    auto prepared = prepare_table_rows(db, spec, request);
    if (const auto* error = std::get_if<ApiError>(&prepared)) {
        return *error;
    }
    auto& rows = std::get<Statement>(prepared);
    while (rows.step()) {
        on_row(std::as_const(rows));
    }
    return std::nullopt;
}

} // namespace

std::string status_label(const std::string& code) {
    std::string label = code;
    for (auto& c : label) {
        if (c == '_') {
            c = ' ';
        }
    }
    if (!label.empty() && label[0] >= 'a' && label[0] <= 'z') {
        label[0] = static_cast<char>(label[0] - 'a' + 'A');
    }
    return label;
}

std::string rows_left_out_note(const TableSpec& spec, const ExportSummary& summary) {
    return "This file holds only the first " + group_thousands(summary.rows_written) + " of " +
           group_thousands(summary.rows_written + summary.rows_left_out) + " rows of " +
           spec.title + ": an Excel sheet holds at most " + group_thousands(kXlsxMaxRows) +
           " rows, header included, so " + group_thousands(summary.rows_left_out) +
           " rows were left out. Narrow the filters and download again to get the rest.";
}

std::variant<ExportSummary, ApiError> export_table_xlsx(Connection& db, const TableSpec& spec,
                                                        const TableRequest& request,
                                                        std::int64_t now, const std::string& path,
                                                        const ExportOptions& options) {
    StreamedWorkbook workbook(path);
    SheetLayout layout;
    for (const auto& column : spec.columns) {
        layout.column_widths.push_back(column.width);
    }
    layout.freeze_header_row = true;
    layout.autofilter = true;
    auto& sheet = workbook.add_sheet(spec.title, std::move(layout));
    sheet.begin_row();
    for (std::size_t c = 0; c < spec.columns.size(); ++c) {
        sheet.header(static_cast<int>(c), spec.columns[c].title);
    }

    ExportSummary summary;
    const long long max_data_rows = std::max(0, options.max_sheet_rows - 1);
    RowWriter writer(sheet, spec, options.zone);
    auto error = each_row(db, spec, request, now, [&](const auto& row) {
        if (summary.rows_written >= max_data_rows) {
            ++summary.rows_left_out; // counted for the note, not written
            return;
        }
        ++summary.rows_written;
        sheet.begin_row();
        writer.write(row);
    });
    if (error) {
        return *error;
    }
    if (summary.rows_left_out > 0) {
        SheetLayout note_layout;
        note_layout.column_widths = {120};
        note_layout.selected = true; // the note opens first
        auto& note = workbook.add_sheet(kRowsLeftOutSheet, std::move(note_layout));
        note.begin_row();
        note.header(0, "Not every row is in this file");
        note.begin_row();
        note.text(0, rows_left_out_note(spec, summary));
    }
    workbook.close();
    return summary;
}

std::string export_file_name(const TableSpec& spec, std::int64_t now, const TimeZone& zone) {
    const std::time_t wall_clock = static_cast<std::time_t>(zone.wall_clock_seconds(now));
    std::tm fields{};
    gmtime_r(&wall_clock, &fields); // already on the zone's wall clock: no further shift
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M", &fields);
    return spec.file_stem + "-" + stamp + ".xlsx";
}

} // namespace waconsole
