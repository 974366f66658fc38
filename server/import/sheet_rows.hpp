// Streams a worksheet part (<sheetData><row><c>) to a RowCallback, one row in memory at a time.
#pragma once

#include "server/import/cell_styles.hpp"
#include "server/import/file_row.hpp"
#include "server/import/import_error.hpp"
#include "server/import/import_limits.hpp"
#include "server/import/shared_strings.hpp"
#include "server/import/zip_package.hpp"

#include <string>
#include <string_view>

namespace waconsole {

struct SheetContext {
    const SharedStrings& strings;
    const CellStyles& styles;
    bool date1904 = false;
};

// Cells: t="s" shared string, "inlineStr" (<is>, rich runs joined), "str" (a formula's text
// result: text, even if it is all digits), "b" TRUE/FALSE, "e" the error text, "d" ISO text as
// stored, else a number (a formula's cached value is its <v>), shown as a date when its style is
// one. A row or cell without its r attribute follows the one before. Rows with no value are not
// passed on. Errors: those of parse_part, corrupt_xml (a cell past column XFD or a shared string
// index out of range), cell_too_long, too_many_rows (more than `max_rows` rows passed on).
ImportResult read_sheet_rows(ZipPackage& package, const std::string& part,
                             const SheetContext& context, const ImportLimits& limits,
                             std::size_t max_rows, const RowCallback& on_row);

// "B12" -> 1, "AA3" -> 26; the row digits are ignored. nullopt if not a reference to column A..XFD.
std::optional<std::size_t> column_of_reference(std::string_view reference);

} // namespace waconsole
