// Reads back the parts of an .xlsx file that tests check: it is a zip of XML parts.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace waconsole::testing {

// The text of one part (e.g. "xl/worksheets/sheet1.xml"), or nullopt if the file is not a
// zip or has no such part.
std::optional<std::string> read_zip_part(const std::string& zip_path, const std::string& part);

// Opens the zip with libzip's consistency checks (central directory against local headers) and
// reads every entry to its end, which checks its CRC; fails the test on any error. Returns the
// entry names in the archive's order.
std::vector<std::string> checked_zip_entries(const std::string& zip_path);

// Counts non-overlapping occurrences of `needle` in `haystack`.
int count_occurrences(const std::string& haystack, const std::string& needle);

} // namespace waconsole::testing
