// Wires the workbook's parts together for read_xlsx_rows.
#include "server/import/xlsx_rows.hpp"

#include "server/import/cell_styles.hpp"
#include "server/import/shared_strings.hpp"
#include "server/import/sheet_rows.hpp"
#include "server/import/workbook_index.hpp"

namespace waconsole {

ImportResult read_xlsx_rows(ZipPackage& package, const ImportLimits& limits, std::size_t max_rows,
                            const RowCallback& on_row) {
    WorkbookIndex index;
    if (ImportResult error = read_workbook_index(package, index)) {
        return error;
    }
    SharedStrings strings;
    if (!index.shared_strings_part.empty()) {
        if (ImportResult error =
                read_shared_strings(package, index.shared_strings_part, limits, strings)) {
            return error;
        }
    }
    CellStyles styles;
    if (!index.styles_part.empty()) {
        if (ImportResult error = read_cell_styles(package, index.styles_part, styles)) {
            return error;
        }
    }
    const SheetContext context{strings, styles, index.date1904};
    return read_sheet_rows(package, index.first_sheet_part, context, limits, max_rows, on_row);
}

} // namespace waconsole
