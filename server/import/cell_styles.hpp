// Which cell styles make a number a date. Excel stores a date as a plain number; only the cell's
// style (xl/styles.xml: cellXfs -> numFmtId -> a built-in or custom format code) says so.
#pragma once

#include "server/import/cell_text.hpp"
#include "server/import/import_error.hpp"
#include "server/import/zip_package.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace waconsole {

// What a number format code shows: "yyyy-mm-dd" a date, "h:mm" a time, "General" or "0.00"
// nothing of the kind. Quoted text, escapes and [colour]/[$-locale] sections are ignored.
DateStyle date_style_of_format(std::string_view format_code);
// Excel's built-in formats that are dates or times (14-22, 45-47, and the East Asian 27-36,
// 50-58).
DateStyle date_style_of_builtin(long format_id);

struct CellStyles {
    // by_xf[s] for a cell's s attribute (its index into cellXfs).
    std::vector<DateStyle> by_xf;

    DateStyle of(std::size_t xf) const { return xf < by_xf.size() ? by_xf[xf] : DateStyle::none; }
};

// Reads the styles part. A workbook without one has no date styles.
ImportResult read_cell_styles(ZipPackage& package, const std::string& part, CellStyles& styles);

} // namespace waconsole
