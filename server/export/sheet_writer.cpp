// Worksheet XML in SpreadsheetML's element order: sheetViews, sheetFormatPr, cols, sheetData,
// autoFilter, pageMargins. No <dimension>: it comes first and the row count is known only at the
// end (it is optional, and Excel works the range out itself).
#include "server/export/sheet_writer.hpp"

#include "server/export/cell_text_xml.hpp"
#include "server/export/workbook_parts.hpp"
#include "server/export/xlsx_error.hpp"
#include "server/export/xlsx_names.hpp"

#include <algorithm>
#include <charconv>

namespace waconsole {
namespace {

constexpr std::size_t kFlushBytes = 64 * 1024;

void append_number(std::string& out, double value) {
    char digits[32];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr; // shortest exact
    out.append(digits, end);
}

void append_number(std::string& out, std::int64_t value) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, end);
}

// The width Excel stores for a width typed in characters (Calibri 11: 7-pixel digits and 5
// pixels of padding), as libxlsxwriter and Excel itself compute it.
double stored_width(double characters) {
    constexpr double digit = 7, padding = 5;
    if (characters <= 0) {
        return 0;
    }
    const double width = characters < 1
                             ? static_cast<int>(characters * (digit + padding) + 0.5) / digit
                             : static_cast<int>(characters * digit + 0.5 + padding) / digit;
    return static_cast<int>(width * 256) / 256.0; // Excel keeps 1/256 of a character
}

} // namespace

SheetWriter::SheetWriter(ZipWriter& zip, SheetLayout layout)
    : m_zip(zip), m_layout(std::move(layout)) {
    m_xml.reserve(kFlushBytes + 64 * 1024);
    m_xml += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet "
             "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
             "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
             "<sheetViews><sheetView ";
    m_xml += m_layout.selected ? "tabSelected=\"1\" " : "";
    m_xml += "workbookViewId=\"0\"";
    if (m_layout.freeze_header_row) {
        m_xml += "><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" "
                 "state=\"frozen\"/><selection pane=\"bottomLeft\"/></sheetView>";
    } else {
        m_xml += "/>";
    }
    m_xml += "</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>";
    if (!m_layout.column_widths.empty()) {
        m_xml += "<cols>";
        for (std::size_t c = 0; c < m_layout.column_widths.size(); ++c) {
            const auto number = std::to_string(c + 1);
            m_xml += "<col min=\"" + number + "\" max=\"" + number + "\" width=\"";
            append_number(m_xml, stored_width(m_layout.column_widths[c]));
            m_xml += "\" customWidth=\"1\"/>";
        }
        m_xml += "</cols>";
    }
    m_xml += "<sheetData>";
}

void SheetWriter::begin_row() {
    end_row();
    if (m_rows >= kXlsxMaxRows) {
        throw XlsxError("a sheet holds at most " + std::to_string(kXlsxMaxRows) + " rows");
    }
    ++m_rows;
    m_row_number = std::to_string(m_rows);
    m_xml += "<row r=\"";
    m_xml += m_row_number;
    m_xml += "\">";
    m_in_row = true;
    m_last_column = -1;
}

void SheetWriter::end_row() {
    if (m_in_row) {
        m_xml += "</row>";
        m_in_row = false;
        flush_if_full();
    }
}

void SheetWriter::flush_if_full() {
    if (m_xml.size() >= kFlushBytes) {
        m_zip.write(m_xml);
        m_xml.clear();
    }
}

// `<c r="B7"` and the attributes; the cell's content and </c> are the caller's.
void SheetWriter::open_cell(int column, const char* attributes) {
    if (column < 0 || column >= kXlsxMaxColumns) {
        throw XlsxError("a cell past Excel's last column");
    }
    // Excel calls a file with cells out of order damaged: refuse to write one.
    if (!m_in_row || column <= m_last_column) {
        throw XlsxError("sheet cells written out of order");
    }
    m_last_column = column;
    while (m_column_letters.size() <= static_cast<std::size_t>(column)) {
        m_column_letters.push_back(column_letters(static_cast<int>(m_column_letters.size())));
    }
    m_xml += "<c r=\"";
    m_xml += m_column_letters[static_cast<std::size_t>(column)];
    m_xml += m_row_number;
    m_xml += '"';
    m_xml += attributes;
    m_xml += '>';
}

void SheetWriter::header(int column, std::string_view value) {
    string_cell(column, kBoldInlineStringAttributes, value);
}

void SheetWriter::text(int column, std::string_view value) {
    if (!value.empty()) { // an empty text is an empty cell, as libxlsxwriter and Excel make it
        string_cell(column, kInlineStringAttributes, value);
    }
}

void SheetWriter::string_cell(int column, const char* attributes, std::string_view value) {
    open_cell(column, attributes);
    m_xml += needs_space_preserved(value) ? "<is><t xml:space=\"preserve\">" : "<is><t>";
    append_cell_text_xml(m_xml, value);
    m_xml += "</t></is></c>";
}

void SheetWriter::integer(int column, std::int64_t value) {
    open_cell(column, "");
    m_xml += "<v>";
    append_number(m_xml, value);
    m_xml += "</v></c>";
}

void SheetWriter::datetime(int column, std::int64_t wall_clock_seconds) {
    open_cell(column, kDateTimeAttributes);
    m_xml += "<v>";
    // Excel's serial: days since 1899-12-30 (25,569 days before 1970-01-01), the time a fraction.
    append_number(m_xml, static_cast<double>(wall_clock_seconds) / 86400.0 + 25569.0);
    m_xml += "</v></c>";
}

std::string SheetWriter::finish() {
    end_row();
    m_xml += "</sheetData>";
    std::string filter_range;
    if (m_layout.autofilter) {
        const int last_column = std::max<int>(1, static_cast<int>(m_layout.column_widths.size()));
        filter_range =
            "A1:" + column_letters(last_column - 1) + std::to_string(std::max(1, m_rows));
        m_xml += "<autoFilter ref=\"" + filter_range + "\"/>";
    }
    m_xml += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" "
             "header=\"0.3\" footer=\"0.3\"/></worksheet>";
    m_zip.write(m_xml);
    m_xml.clear();
    return filter_range;
}

} // namespace waconsole
