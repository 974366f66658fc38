// Writes every row of a table (with the request's filters) to an .xlsx file, with times on the
// administrator's wall clock, and stops at Excel's row limit with a note saying what was left out.
#pragma once

#include "server/export/time_zone.hpp"
#include "server/export/xlsx_error.hpp"
#include "server/export/xlsx_names.hpp"
#include "server/tables/table_spec.hpp"

#include <optional>
#include <string>
#include <variant>

namespace waconsole {

struct ExportOptions {
    TimeZone zone = TimeZone::server_zone(); // date cells and the file name's stamp
    // Rows the data sheet may hold, header included. Always Excel's limit in the server; tests
    // pass a small one to reach the limit without writing a million rows.
    int max_sheet_rows = kXlsxMaxRows;
};

struct ExportSummary {
    long long rows_written = 0;  // data rows in the sheet (the header not counted)
    long long rows_left_out = 0; // rows that matched but did not fit; > 0 adds a note sheet
};

// Status codes become the words the UI shows ("window_open" → "Window open").
std::string status_label(const std::string& code);

// Returns an error for bad filters; throws XlsxError / StoreError on I/O failures.
std::variant<ExportSummary, ApiError> export_table_xlsx(Connection& db, const TableSpec& spec,
                                                        const TableRequest& request,
                                                        std::int64_t now, const std::string& path,
                                                        const ExportOptions& options);

// "active-conversations-20261123-1805.xlsx", stamped on the zone's wall clock.
std::string export_file_name(const TableSpec& spec, std::int64_t now, const TimeZone& zone);

// The note sheet's name and its text.
constexpr const char* kRowsLeftOutSheet = "Rows left out";
std::string rows_left_out_note(const TableSpec& spec, const ExportSummary& summary);

} // namespace waconsole
