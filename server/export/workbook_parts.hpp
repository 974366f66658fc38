// The parts of an .xlsx package around its worksheets, written once the sheets are: content
// types, relationships, the workbook (sheet names, the sheet it opens on, autofilter names) and
// the styles the sheets' cells refer to by number.
#pragma once

#include "server/export/zip_writer.hpp"

#include <string>
#include <vector>

namespace waconsole {

// A cell's attributes for each style styles.xml defines (cellXfs 0: default, 1: bold, 2: date).
constexpr const char* kInlineStringAttributes = " t=\"inlineStr\"";
constexpr const char* kBoldInlineStringAttributes = " s=\"1\" t=\"inlineStr\"";
constexpr const char* kDateTimeAttributes = " s=\"2\"";
constexpr const char* kDateTimeFormat = "yyyy-mm-dd hh:mm";

struct WorkbookSheet {
    std::string name;         // as Excel shows it (safe_sheet_name)
    std::string filter_range; // "A1:K101", or "" for a sheet without an autofilter
};

// "xl/worksheets/sheet1.xml" for the first sheet (index 0).
std::string worksheet_part(std::size_t index);

// Writes every part but the worksheets, which must be (or be going to be) at worksheet_part(i)
// for sheets[i]. `active` is the index of the sheet the workbook opens on.
void write_workbook_parts(ZipWriter& zip, const std::vector<WorkbookSheet>& sheets,
                          std::size_t active);

} // namespace waconsole
