// The worksheet XML the table export streams: what Excel needs in it besides the cells.
#include "server/export/sheet_writer.hpp"
#include "server/export/xlsx_error.hpp"
#include "test_server.hpp"
#include "xlsx_reader.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

// One sheet written by `write` into a zip of its own; its XML back.
template <typename Write> std::string sheet_xml(const SheetLayout& layout, Write&& write) {
    TempDir dir;
    const auto path = (dir.path / "sheet.zip").string();
    ZipWriter zip(path);
    zip.begin_entry("sheet.xml");
    SheetWriter sheet(zip, layout);
    write(sheet);
    sheet.finish();
    zip.close();
    const auto xml = read_zip_part(path, "sheet.xml");
    REQUIRE(xml);
    return *xml;
}

} // namespace

TEST_CASE("column widths are stored as Excel stores a width typed in characters") {
    const auto xml = sheet_xml(SheetLayout{{8, 24, 0.5}}, [](SheetWriter&) {});
    // Calibri 11's 7-pixel digits plus 5 pixels of padding, in 1/256 of a character.
    CHECK(xml.find("<col min=\"1\" max=\"1\" width=\"8.7109375\" customWidth=\"1\"/>") !=
          std::string::npos);
    CHECK(xml.find("<col min=\"2\" max=\"2\" width=\"24.7109375\" customWidth=\"1\"/>") !=
          std::string::npos);
    CHECK(xml.find("<col min=\"3\" max=\"3\" width=\"0.85546875\" customWidth=\"1\"/>") !=
          std::string::npos);
}

TEST_CASE("the autofilter covers the header and every row written, in the sheet's columns") {
    SheetLayout layout{{10, 10, 10}};
    layout.autofilter = true;
    const auto xml = sheet_xml(layout, [&](SheetWriter& sheet) {
        for (int row = 0; row < 4; ++row) {
            sheet.begin_row();
            sheet.integer(1, row);
        }
    });
    CHECK(xml.find("<autoFilter ref=\"A1:C4\"/>") != std::string::npos);
    CHECK(xml.find("</sheetData><autoFilter") != std::string::npos); // the schema's order
}

TEST_CASE("cells out of order or outside a row are refused, never written as a damaged sheet") {
    TempDir dir;
    ZipWriter zip((dir.path / "bad.zip").string());
    zip.begin_entry("sheet.xml");
    SheetWriter sheet(zip, SheetLayout{{10, 10}});
    CHECK_THROWS_AS(sheet.text(0, "before any row"), XlsxError);
    sheet.begin_row();
    sheet.text(1, "B1");
    CHECK_THROWS_AS(sheet.text(0, "A1 after B1"), XlsxError);
    CHECK_THROWS_AS(sheet.integer(1, 2), XlsxError); // B1 twice
    sheet.begin_row();
    CHECK_NOTHROW(sheet.text(0, "A2")); // a new row starts from the left again
}
