// What can go wrong reading an uploaded recipient file: a code the campaign service maps to its
// HTTP answer, and a message a person understands (it names the problem and, where it helps,
// the part of the file and what to do about it).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace waconsole {

enum class ImportErrorCode {
    file_unreadable,    // the path could not be opened or read
    file_too_large,     // over ImportLimits::max_file_bytes
    empty_file,         // no bytes, or no row with any value
    not_xlsx,           // neither a zip nor text, or a zip that is not an Excel workbook
    extension_mismatch, // e.g. a CSV renamed .xlsx: the name and the content disagree
    legacy_xls,         // an Excel 97-2003 .xls (a compound file, not a zip)
    encrypted,          // password-protected: an encrypted package or an encrypted zip entry
    corrupt_zip,        // a damaged archive (bad headers, CRC mismatch)
    zip_bomb,           // an entry or the whole inflates past the limits, or too high a ratio
    corrupt_xml,        // a part is not well-formed XML
    xml_dtd_refused,    // a part declares a DOCTYPE or entities: refused, never expanded
    no_sheet,           // the workbook names no sheet, or its first sheet's part is missing
    too_many_rows,      // more data rows than ImportLimits::max_rows
    cell_too_long,      // a cell over ImportLimits::max_cell_bytes
    not_utf8,           // a CSV that is not UTF-8 (e.g. Windows-1252 or UTF-16)
    missing_column,     // the header row lacks a required column (e.g. phone)
};

struct ImportError {
    ImportErrorCode code = ImportErrorCode::not_xlsx;
    std::string message;
};

// A stable snake_case name for logs and the API's error code field ("zip_bomb").
const char* import_error_code_name(ImportErrorCode code);

// The errors every reader gives alike. `row` is the row a person sees; 0 when not known (a
// shared string is read before the rows that use it).
ImportError too_many_rows_error(std::size_t limit, std::size_t row);
ImportError cell_too_long_error(std::size_t limit, std::size_t row);

// nullopt: the file was read to its end (or the row callback chose to stop).
using ImportResult = std::optional<ImportError>;

} // namespace waconsole
