// A small RAII wrapper over libxlsxwriter that checks every return code and throws XlsxError,
// so an export either produces a whole file or fails loudly, never a half-written sheet.
#pragma once

#include "server/export/xlsx_error.hpp"
#include "server/export/xlsx_names.hpp"

#include <cstdint>
#include <string>

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace waconsole {

class XlsxWorkbook {
public:
    // constant_memory streams rows to disk as they are written (rows must go in order), so an
    // export of any size uses a few kilobytes.
    XlsxWorkbook(const std::string& path, bool constant_memory);
    ~XlsxWorkbook();
    XlsxWorkbook(const XlsxWorkbook&) = delete;
    XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;

    // Starts a sheet; the calls below write to the newest one. Excel forbids some characters in
    // the name and more than 31 of them.
    void add_sheet(const std::string& name);
    // Makes the newest sheet the one Excel shows when the file opens.
    void activate_sheet();
    void set_column_width(int column, double width);
    void write_header(int column, const std::string& text); // bold
    void write_text(int row, int column, const std::string& text);
    void write_number(int row, int column, double value);
    // A real Excel date cell (a serial number with a date-time format). Cells have no time zone:
    // pass seconds since 1970-01-01 00:00 on the reader's wall clock
    // (TimeZone::wall_clock_seconds).
    void write_datetime(int row, int column, std::int64_t wall_clock_seconds);
    void freeze_header_row();
    void autofilter(int last_row, int last_column);
    // Writes the file; the destructor closes too but cannot report errors.
    void close();

private:
    lxw_workbook* m_workbook = nullptr;
    lxw_worksheet* m_sheet = nullptr;
    lxw_format* m_bold = nullptr;
    lxw_format* m_datetime = nullptr;
};

} // namespace waconsole
