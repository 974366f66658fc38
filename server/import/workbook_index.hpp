// Where a workbook's parts are: the first sheet is the first <sheet> of xl/workbook.xml, found
// through its relationship id in xl/_rels/workbook.xml.rels (its part is not necessarily
// sheet1.xml: sheets reordered or deleted keep their part names).
#pragma once

#include "server/import/import_error.hpp"
#include "server/import/zip_package.hpp"

#include <string>

namespace waconsole {

struct WorkbookIndex {
    std::string first_sheet_name;
    std::string first_sheet_part;    // e.g. "xl/worksheets/sheet3.xml"
    std::string shared_strings_part; // "" when the workbook has none
    std::string styles_part;         // "" when the workbook has none
    bool date1904 = false;           // <workbookPr date1904="1">: serials count from 1904
};

// Errors: not_xlsx (a zip without xl/workbook.xml, e.g. a Word file), no_sheet, and those of
// parse_part.
ImportResult read_workbook_index(ZipPackage& package, WorkbookIndex& index);

// A relationship target resolved against the folder of the part that names it:
// ("xl/", "worksheets/sheet1.xml") -> "xl/worksheets/sheet1.xml"; "/xl/x.xml" -> "xl/x.xml";
// "../a.xml" steps up.
std::string resolve_part_target(const std::string& base_folder, const std::string& target);

} // namespace waconsole
