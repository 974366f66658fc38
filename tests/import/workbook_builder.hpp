// Builds test uploads: zips of hand-written parts (so a test can hold exactly the XML a trap
// needs) and minimal workbooks around one sheet's XML, plus a reader that collects every row.
#pragma once

#include "server/import/file_row.hpp"
#include "server/import/import_error.hpp"
#include "server/import/import_limits.hpp"
#include "server/import/recipient_file.hpp"

#include <string>
#include <utility>
#include <vector>

namespace waconsole::testing {

using ZipParts = std::vector<std::pair<std::string, std::string>>;

// The bytes of a zip holding `parts` (name, content), deflated, or stored as they are when
// `stored`. With `password`, every entry is encrypted (traditional PKWARE).
std::string zip_bytes(const ZipParts& parts, const char* password = nullptr, bool stored = false);

// The parts of a one-sheet workbook: [Content_Types].xml, workbook.xml, its rels and the sheet
// at `sheet_part` ("xl/worksheets/sheet1.xml"), with the shared strings and styles when given.
struct SheetXml {
    SheetXml(std::string rows = "", std::string strings = "")
        : sheet_data(std::move(rows)), shared_strings(std::move(strings)) {}

    std::string sheet_data;     // what goes inside <sheetData>
    std::string shared_strings; // the <si> items, or "" for no sharedStrings part
    std::string styles;         // a whole styles.xml, or "" for none
    std::string sheet_part = "xl/worksheets/sheet1.xml";
    std::string workbook_pr; // e.g. R"(<workbookPr date1904="1"/>)"
};
ZipParts workbook_parts(const SheetXml& sheet);
std::string workbook_bytes(const SheetXml& sheet);

// A styles.xml whose cellXfs hold these numFmtIds in order, with the custom formats given as
// (id, code); cellStyleXfs holds a decoy date xf so an index into the wrong list shows.
std::string styles_xml(const std::vector<int>& cell_xf_formats,
                       const std::vector<std::pair<int, std::string>>& custom_formats = {});

struct ReadRows {
    std::vector<waconsole::FileRow> rows;
    waconsole::ImportResult error;
};
ReadRows read_rows(const waconsole::UploadedFile& file, const waconsole::ImportLimits& limits = {});
ReadRows read_xlsx_bytes(const std::string& bytes, const waconsole::ImportLimits& limits = {});

// The start of an OLE compound file (an old .xls, or an encrypted .xlsx) naming one stream:
// enough for the reader to tell what it is.
std::string compound_file(const std::string& stream_name);

// A fresh file path in a temporary folder removed at exit.
std::string temp_path(const std::string& name);

} // namespace waconsole::testing

#include <catch2/catch.hpp>

// Failed checks on a read's error print its code and message.
namespace Catch {
template <> struct StringMaker<waconsole::ImportResult> {
    static std::string convert(const waconsole::ImportResult& result) {
        return result ? std::string(waconsole::import_error_code_name(result->code)) + ": " +
                            result->message
                      : "no error";
    }
};
} // namespace Catch
