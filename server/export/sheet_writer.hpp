// One worksheet's XML streamed into the open entry of a zip, row after row: the sheet is never
// held whole (a buffer of ~64 KiB goes to deflate at a time), so a sheet of a million rows costs
// what one of ten does. Cells are written in the sheet's order; text goes inline (no shared
// string table to keep in memory), dates as Excel serials with the date-time style.
#pragma once

#include "server/export/zip_writer.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace waconsole {

struct SheetLayout {
    std::vector<double> column_widths; // in characters, as Excel's column width box; one a column
    bool freeze_header_row = false;
    bool autofilter = false; // over the header and every row written
    bool selected = false;   // the sheet the workbook opens on
};

class SheetWriter {
public:
    // Writes the sheet's start into `zip`'s current entry, which must stay open until finish().
    SheetWriter(ZipWriter& zip, SheetLayout layout);

    // Starts the next row (the first is row 1), ending the one before. Within a row, cells go
    // left to right (a cell out of order, or before the first row, throws XlsxError); a column
    // without a call is an empty cell.
    void begin_row();
    void header(int column, std::string_view value); // bold text
    void text(int column, std::string_view value);   // "" is an empty cell
    void integer(int column, std::int64_t value);
    // A real Excel date cell: seconds since 1970-01-01 00:00 on the reader's wall clock.
    void datetime(int column, std::int64_t wall_clock_seconds);

    // Ends the last row and the sheet. Returns the autofilter's range ("A1:K101"), or "" when
    // the layout has none; the workbook names it too.
    std::string finish();
    int rows() const { return m_rows; }

private:
    void open_cell(int column, const char* attributes);
    void string_cell(int column, const char* attributes, std::string_view value);
    void end_row();
    void flush_if_full();

    ZipWriter& m_zip;
    SheetLayout m_layout;
    std::vector<std::string> m_column_letters;
    std::string m_row_number; // the current row's digits, for cell references
    std::string m_xml;        // written but not yet deflated
    int m_rows = 0;
    int m_last_column = -1; // of the current row
    bool m_in_row = false;
};

} // namespace waconsole
