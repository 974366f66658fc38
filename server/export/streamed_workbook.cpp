// The sheets first, each into its own zip entry as it is written, then the workbook parts that
// name them (the autofilter ranges are known only once each sheet is done).
#include "server/export/streamed_workbook.hpp"

#include "server/export/xlsx_names.hpp"

namespace waconsole {

StreamedWorkbook::StreamedWorkbook(const std::string& path) : m_zip(path) {}

SheetWriter& StreamedWorkbook::add_sheet(const std::string& name, SheetLayout layout) {
    finish_sheet();
    if (layout.selected) {
        m_active = m_sheets.size();
    }
    m_zip.begin_entry(worksheet_part(m_sheets.size()));
    m_sheets.push_back(WorkbookSheet{safe_sheet_name(name), ""});
    return m_sheet.emplace(m_zip, std::move(layout));
}

void StreamedWorkbook::finish_sheet() {
    if (m_sheet) {
        m_sheets.back().filter_range = m_sheet->finish();
        m_zip.end_entry();
        m_sheet.reset();
    }
}

void StreamedWorkbook::close() {
    finish_sheet();
    write_workbook_parts(m_zip, m_sheets, m_active);
    m_zip.close();
}

} // namespace waconsole
