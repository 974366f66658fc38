// Table → .xlsx: bold frozen header with autofilter, date cells on the administrator's wall clock,
// widths from the column spec; past Excel's row limit, a note sheet that says how many rows are
// missing and opens first.
#include "server/export/table_export.hpp"

#include "shared/xlsx_download.hpp"

#include <algorithm>
#include <ctime>

namespace waconsole {
namespace {

void write_row(XlsxWorkbook& workbook, const TableSpec& spec, const nlohmann::json& row,
               int row_index, const TimeZone& zone) {
    for (std::size_t c = 0; c < spec.columns.size(); ++c) {
        const auto& column = spec.columns[c];
        const auto& value = row.at(column.key);
        const int column_index = static_cast<int>(c);
        if (value.is_null()) {
            continue;
        }
        switch (column.type) {
        case ColumnType::datetime:
            workbook.write_datetime(row_index, column_index,
                                    zone.wall_clock_seconds(value.get<std::int64_t>()));
            break;
        case ColumnType::integer:
            workbook.write_number(row_index, column_index, value.get<double>());
            break;
        case ColumnType::status:
            workbook.write_text(row_index, column_index, status_label(value.get<std::string>()));
            break;
        case ColumnType::text:
            workbook.write_text(row_index, column_index, value.get<std::string>());
            break;
        }
    }
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
    XlsxWorkbook workbook(path, /*constant_memory=*/true);
    workbook.add_sheet(spec.title);
    const int last_column = static_cast<int>(spec.columns.size()) - 1;
    for (int c = 0; c <= last_column; ++c) {
        workbook.set_column_width(c, spec.columns[static_cast<std::size_t>(c)].width);
    }
    for (int c = 0; c <= last_column; ++c) {
        workbook.write_header(c, spec.columns[static_cast<std::size_t>(c)].title);
    }
    workbook.freeze_header_row();

    ExportSummary summary;
    const long long max_data_rows = std::max(0, options.max_sheet_rows - 1);
    auto error = for_each_table_row(db, spec, request, now, [&](const nlohmann::json& row) {
        if (summary.rows_written >= max_data_rows) {
            ++summary.rows_left_out; // counted for the note, not written
            return;
        }
        ++summary.rows_written;
        write_row(workbook, spec, row, static_cast<int>(summary.rows_written), options.zone);
    });
    if (error) {
        return *error;
    }
    workbook.autofilter(static_cast<int>(summary.rows_written), last_column);
    if (summary.rows_left_out > 0) {
        workbook.add_sheet(kRowsLeftOutSheet);
        workbook.set_column_width(0, 120);
        workbook.write_header(0, "Not every row is in this file");
        workbook.write_text(1, 0, rows_left_out_note(spec, summary));
        workbook.activate_sheet();
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
