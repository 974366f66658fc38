// The Excel download's contract between the server and the UI (GET /api/tables/{table}.xlsx):
// the query parameter naming the administrator's time zone, the headers that say how many rows
// the file holds and how many Excel's row limit left out, and how counts are written for people.
#pragma once

#include <string>

namespace waconsole {

// An IANA zone name ("Europe/Madrid"); date cells and the file name use its wall clock.
constexpr const char* kTimeZoneParam = "time_zone";
// Data rows in the file, and rows that matched but did not fit (then the file has a note sheet).
constexpr const char* kExportRowsHeader = "X-Export-Rows";
constexpr const char* kExportRowsLeftOutHeader = "X-Export-Rows-Left-Out";

// 1048575 -> "1,048,575"
std::string group_thousands(long long number);

} // namespace waconsole
