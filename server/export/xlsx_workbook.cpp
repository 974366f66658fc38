// libxlsxwriter calls, each checked.
#include "server/export/xlsx_workbook.hpp"

#include <xlsxwriter.h>

namespace waconsole {
namespace {

void check(lxw_error error, const char* what) {
    if (error != LXW_NO_ERROR) {
        throw XlsxError(std::string(what) + ": " + lxw_strerror(error));
    }
}

} // namespace

XlsxWorkbook::XlsxWorkbook(const std::string& path, bool constant_memory) {
    lxw_workbook_options options = {};
    options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
    m_workbook = workbook_new_opt(path.c_str(), &options);
    if (!m_workbook) {
        throw XlsxError("cannot create workbook " + path);
    }
    m_bold = workbook_add_format(m_workbook);
    m_datetime = workbook_add_format(m_workbook);
    if (!m_bold || !m_datetime) {
        throw XlsxError("cannot create cell formats");
    }
    format_set_bold(m_bold);
    format_set_num_format(m_datetime, "yyyy-mm-dd hh:mm");
}

XlsxWorkbook::~XlsxWorkbook() {
    if (m_workbook) {
        workbook_close(m_workbook);
    }
}

void XlsxWorkbook::add_sheet(const std::string& name) {
    m_sheet = workbook_add_worksheet(m_workbook, safe_sheet_name(name).c_str());
    if (!m_sheet) {
        throw XlsxError("cannot add worksheet");
    }
}

void XlsxWorkbook::activate_sheet() {
    worksheet_activate(m_sheet);
}

void XlsxWorkbook::set_column_width(int column, double width) {
    check(worksheet_set_column(m_sheet, static_cast<lxw_col_t>(column),
                               static_cast<lxw_col_t>(column), width, nullptr),
          "set column width");
}

void XlsxWorkbook::write_header(int column, const std::string& text) {
    check(worksheet_write_string(m_sheet, 0, static_cast<lxw_col_t>(column), text.c_str(), m_bold),
          "write header");
}

void XlsxWorkbook::write_text(int row, int column, const std::string& text) {
    check(worksheet_write_string(m_sheet, static_cast<lxw_row_t>(row),
                                 static_cast<lxw_col_t>(column), text.c_str(), nullptr),
          "write text");
}

void XlsxWorkbook::write_number(int row, int column, double value) {
    check(worksheet_write_number(m_sheet, static_cast<lxw_row_t>(row),
                                 static_cast<lxw_col_t>(column), value, nullptr),
          "write number");
}

void XlsxWorkbook::write_datetime(int row, int column, std::int64_t wall_clock_seconds) {
    check(worksheet_write_unixtime(m_sheet, static_cast<lxw_row_t>(row),
                                   static_cast<lxw_col_t>(column), wall_clock_seconds, m_datetime),
          "write date");
}

void XlsxWorkbook::freeze_header_row() {
    worksheet_freeze_panes(m_sheet, 1, 0);
}

void XlsxWorkbook::autofilter(int last_row, int last_column) {
    check(worksheet_autofilter(m_sheet, 0, 0, static_cast<lxw_row_t>(last_row),
                               static_cast<lxw_col_t>(last_column)),
          "autofilter");
}

void XlsxWorkbook::close() {
    lxw_workbook* workbook = m_workbook;
    m_workbook = nullptr;
    check(workbook_close(workbook), "write workbook");
}

} // namespace waconsole
