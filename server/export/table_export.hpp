// Writes every row of a table (with the request's filters) to an .xlsx file.
#pragma once

#include "server/tables/table_spec.hpp"

#include <optional>
#include <string>

namespace waconsole {

// Status codes become the words the UI shows ("window_open" → "Window open").
std::string status_label(const std::string& code);

// Returns an error for bad filters; throws XlsxError / StoreError on I/O failures.
std::optional<ApiError> export_table_xlsx(Connection& db, const TableSpec& spec,
                                          const TableRequest& request, std::int64_t now,
                                          const std::string& path);

// "active-conversations-20261123-1805.xlsx", in the server's time zone.
std::string export_file_name(const TableSpec& spec, std::int64_t now);

} // namespace waconsole
