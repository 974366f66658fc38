// Hand-written sheets for the cell kinds and the traps real files hold: each would fail against
// a naive reader (formula strings read as numbers, rich text losing runs, cells without r
// packed to the left, the wrong sheet, dates left as serials, styles counted in the wrong list).
#include "workbook_builder.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

std::vector<std::string> cells(std::initializer_list<const char*> values) {
    return std::vector<std::string>(values.begin(), values.end());
}

} // namespace

TEST_CASE("a formula's text result (t=\"str\", as SheetJS writes) is text, digits and all") {
    const auto read = read_xlsx_bytes(workbook_bytes(
        {R"(<row r="1"><c r="A1" t="str"><v>phone</v></c></row>)"
         R"(<row r="2"><c r="A2" t="str"><f>"+"&amp;"34600000001"</f><v>+34600000001</v></c></row>)"
         R"(<row r="3"><c r="A3" t="str"><v>034600000001</v></c></row>)"}));
    REQUIRE_FALSE(read.error);
    REQUIRE(read.rows.size() == 3);
    CHECK(read.rows[1].cells == cells({"+34600000001"}));
    CHECK(read.rows[2].cells == cells({"034600000001"})); // the leading zero stays
}

TEST_CASE("shared strings, rich text runs and inline strings are read whole, without phonetics") {
    const auto read = read_xlsx_bytes(workbook_bytes(
        {R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>)"
         R"(<c r="C1" t="inlineStr"><is><t>Mañana</t></is></c>)"
         R"(<c r="D1" t="inlineStr"><is><r><rPr><b/></rPr><t>Ana </t></r><r><t>Pérez</t></r></is></c>)"
         R"(<c r="E1" t="s"><v>2</v></c></row>)",
         R"(<si><t>Иван Петров</t></si>)"
         R"(<si><r><rPr><b/></rPr><t xml:space="preserve">José </t></r><r><t>García</t></r></si>)"
         R"(<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>)"}));
    REQUIRE_FALSE(read.error);
    REQUIRE(read.rows.size() == 1);
    CHECK(read.rows[0].cells ==
          cells({"Иван Петров", "José García", "Mañana", "Ana Pérez", "東京"}));
}

TEST_CASE("numbers are exact text: a phone written as 3.4600000001E10 is 34600000001") {
    const auto read = read_xlsx_bytes(workbook_bytes(
        {R"(<row r="1"><c r="A1"><v>3.4600000001E10</v></c><c r="B1" t="n"><v>442079460001234</v></c>)"
         R"(<c r="C1"><v>1234.5</v></c><c r="D1"><v>0.30000000000000004</v></c></row>)"}));
    REQUIRE_FALSE(read.error);
    REQUIRE(read.rows.size() == 1);
    CHECK(read.rows[0].cells == cells({"34600000001", "442079460001234", "1234.5", "0.3"}));
}

TEST_CASE("booleans, errors, ISO dates and formulas' cached values are read as shown") {
    const auto read = read_xlsx_bytes(workbook_bytes(
        {R"(<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c>)"
         R"(<c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D1" t="d"><v>2026-03-05T10:00:00</v></c>)"
         R"(<c r="E1"><f>SUM(1,2)</f><v>3</v></c><c r="F1"><f>A9</f></c><c r="G1"><v>7</v></c></row>)"}));
    REQUIRE_FALSE(read.error);
    REQUIRE(read.rows.size() == 1);
    // F1 is a formula never calculated: no cached value, an empty cell; the formula text never
    // shows.
    CHECK(read.rows[0].cells ==
          cells({"TRUE", "FALSE", "#DIV/0!", "2026-03-05T10:00:00", "3", "", "7"}));
}

TEST_CASE("cells and rows without an r attribute take the place after the one before") {
    const auto read = read_xlsx_bytes(workbook_bytes(
        {R"(<row><c t="inlineStr"><is><t>phone</t></is></c><c t="inlineStr"><is><t>name</t></is></c></row>)"
         R"(<row><c><v>34600000001</v></c><c r="D2" t="inlineStr"><is><t>Ana</t></is></c><c><v>5</v></c></row>)"
         R"(<row r="7"><c r="B7"><v>1</v></c></row><row><c><v>2</v></c></row>)"}));
    REQUIRE_FALSE(read.error);
    REQUIRE(read.rows.size() == 4);
    CHECK(read.rows[0].number == 1);
    CHECK(read.rows[1].number == 2);
    CHECK(read.rows[1].cells == cells({"34600000001", "", "", "Ana", "5"}));
    CHECK(read.rows[2].number == 7);
    CHECK(read.rows[2].cells == cells({"", "1"}));
    CHECK(read.rows[3].number == 8);
    CHECK(read.rows[3].cells == cells({"2"}));
}

TEST_CASE("empty rows, styled empty cells and trailing rows are not passed on, numbers stay") {
    const auto read = read_xlsx_bytes(workbook_bytes(
        {R"(<row r="1"><c r="A1" t="inlineStr"><is><t>phone</t></is></c></row>)"
         R"(<row r="2"/><row r="3"><c r="A3" s="0"/><c r="B3" t="inlineStr"><is><t></t></is></c></row>)"
         R"(<row r="4"><c r="A4"><v>34600000001</v></c><c r="C4" s="0"/></row>)"
         R"(<row r="5"/><row r="6"><c r="A6" s="0"/></row><row r="1048576"/>)"}));
    REQUIRE_FALSE(read.error);
    REQUIRE(read.rows.size() == 2);
    CHECK(read.rows[1].number == 4);
    CHECK(read.rows[1].cells == cells({"34600000001"}));
}

TEST_CASE("the first sheet is found through workbook.xml and its rels, whatever its part name") {
    SheetXml sheet{
        R"(<row r="1"><c r="A1" t="inlineStr"><is><t>the first sheet</t></is></c></row>)"};
    sheet.sheet_part = "xl/worksheets/sheet3.xml";
    ZipParts parts = workbook_parts(sheet);
    // A sheet1.xml that is not the first sheet (it was moved to the right in Excel).
    parts.emplace_back(
        "xl/worksheets/sheet1.xml",
        R"(<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>not this one</t></is></c></row></sheetData></worksheet>)");
    const auto read = read_xlsx_bytes(zip_bytes(parts));
    REQUIRE_FALSE(read.error);
    REQUIRE(read.rows.size() == 1);
    CHECK(read.rows[0].cells == cells({"the first sheet"}));
}

TEST_CASE("an absolute relationship target and prefixed elements are understood") {
    SheetXml sheet;
    sheet.sheet_part = "xl/worksheets/data.xml";
    ZipParts parts = workbook_parts(sheet);
    for (auto& [name, content] : parts) {
        if (name == "xl/_rels/workbook.xml.rels") {
            content =
                R"(<Relationships><Relationship Id="rId7" Target="/xl/worksheets/data.xml"/></Relationships>)";
        }
        if (name == "xl/worksheets/data.xml") {
            content =
                R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
                R"(<x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>prefixed</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>)";
        }
    }
    const auto read = read_xlsx_bytes(zip_bytes(parts));
    REQUIRE_FALSE(read.error);
    REQUIRE(read.rows.size() == 1);
    CHECK(read.rows[0].cells == cells({"prefixed"}));
}

TEST_CASE("numbers with a date style become ISO dates, the style index counting cellXfs only") {
    // cellXfs: 0 General, 1 built-in 14 (date), 2 custom dd/mm/yyyy, 3 built-in 22 (date and
    // time), 4 custom "0.00" (not a date), 5 custom h:mm (time).
    SheetXml sheet{R"(<row r="1"><c r="A1"><v>46086</v></c><c r="B1" s="1"><v>46086</v></c>)"
                   R"(<c r="C1" s="2"><v>46086</v></c><c r="D1" s="3"><v>46086.6041666667</v></c>)"
                   R"(<c r="E1" s="4"><v>46086</v></c><c r="F1" s="5"><v>0.6041666667</v></c>)"
                   R"(<c r="G1" s="1"><v>46086.5</v></c></row>)"};
    sheet.styles =
        styles_xml({0, 14, 164, 22, 165, 166}, {{164, "dd/mm/yyyy"}, {165, "0.00"}, {166, "h:mm"}});
    const auto read = read_xlsx_bytes(workbook_bytes(sheet));
    REQUIRE_FALSE(read.error);
    REQUIRE(read.rows.size() == 1);
    CHECK(read.rows[0].cells == cells({"46086", "2026-03-05", "2026-03-05", "2026-03-05 14:30:00",
                                       "46086", "14:30:00", "2026-03-05 12:00:00"}));
}

TEST_CASE("a workbook in the 1904 date system dates from 1904") {
    SheetXml sheet{R"(<row r="1"><c r="A1" s="1"><v>44624</v></c></row>)"};
    sheet.styles = styles_xml({0, 14});
    sheet.workbook_pr = R"(<workbookPr date1904="1"/>)";
    const auto read = read_xlsx_bytes(workbook_bytes(sheet));
    REQUIRE_FALSE(read.error);
    REQUIRE(read.rows.size() == 1);
    CHECK(read.rows[0].cells == cells({"2026-03-05"}));
}

TEST_CASE("multi-byte UTF-8 split across every buffer boundary comes out whole") {
    const std::string names[] = {"Иван Петров", "Zoë Ñúñez-Ålberg", "東京都 渋谷区",
                                 "😀 emoji 👍🏽"};
    std::string shared, inline_rows;
    for (std::size_t i = 0; i < std::size(names); ++i) {
        shared += "<si><t>" + names[i] + "</t></si>";
        inline_rows += "<row r=\"" + std::to_string(i + 1) + "\"><c r=\"A" + std::to_string(i + 1) +
                       "\" t=\"s\"><v>" + std::to_string(i) + "</v></c><c r=\"B" +
                       std::to_string(i + 1) + "\" t=\"inlineStr\"><is><t>" + names[i] +
                       "</t></is></c></row>";
    }
    const std::string bytes = workbook_bytes({inline_rows, shared});
    for (const std::size_t buffer : {1, 2, 3, 5, 7, 13, 4096}) {
        INFO("buffer of " << buffer << " bytes");
        ImportLimits limits;
        limits.read_buffer_bytes = buffer;
        const auto read = read_xlsx_bytes(bytes, limits);
        REQUIRE_FALSE(read.error);
        REQUIRE(read.rows.size() == std::size(names));
        for (std::size_t i = 0; i < std::size(names); ++i) {
            CHECK(read.rows[i].cells == std::vector<std::string>{names[i], names[i]});
        }
    }
}

TEST_CASE("the row callback can stop the read early") {
    int seen = 0;
    const std::string bytes = workbook_bytes(
        {R"(<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>)"});
    const auto error =
        read_upload_rows(UploadedFile::in_memory(bytes, "a.xlsx"), {}, [&](const FileRow&) {
            ++seen;
            return false;
        });
    CHECK_FALSE(error);
    CHECK(seen == 1);
}

TEST_CASE("a sheet in Latin-1 or UTF-16 is still read, through expat") {
    const std::string body =
        R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
        R"(<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Jos)";
    const std::string tail = R"(</t></is></c></row></sheetData></worksheet>)";
    const std::string latin1 =
        R"(<?xml version="1.0" encoding="ISO-8859-1"?>)" + body + "\xE9" + tail;
    std::string utf16 = "\xFF\xFE"; // little-endian, with its byte order mark
    for (const char c : R"(<?xml version="1.0" encoding="UTF-16"?>)" + body + "\xE9" + tail) {
        utf16 += c;
        utf16 += '\0';
    }
    for (const std::string& sheet : {latin1, utf16}) {
        ZipParts parts = workbook_parts({"<row/>"});
        for (auto& [name, content] : parts) {
            if (name == "xl/worksheets/sheet1.xml") {
                content = sheet;
            }
        }
        const auto read = read_xlsx_bytes(zip_bytes(parts));
        REQUIRE_FALSE(read.error);
        REQUIRE(read.rows.size() == 1);
        CHECK(read.rows[0].cells == cells({"José"}));
    }
}

TEST_CASE("Excel's _xHHHH_ escapes become the characters they stand for, in every kind of text") {
    // Excel writes a multi-line cell's line break as _x000D__x000A_ and a literal "_x0041_" as
    // "_x005F_x0041_"; read as stored, a message would go out with the escapes in it.
    const auto read = read_xlsx_bytes(
        workbook_bytes({R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>)"
                        R"(<c r="C1" t="inlineStr"><is><t>Tab_x0009_here</t></is></c>)"
                        R"(<c r="D1" t="str"><f>A1</f><v>Caf_x00e9_</v></c>)"
                        R"(<c r="E1" t="s"><v>2</v></c><c r="F1" t="s"><v>3</v></c></row>)",
                        R"(<si><t>Line one_x000D__x000A_Line two</t></si>)"
                        R"(<si><r><t>Code _x005F_x0041_</t></r><r><t> as typed</t></r></si>)"
                        R"(<si><t>Smile _xD83D__xDE00_, lone _xD83D_ end</t></si>)"
                        R"(<si><t>Not escapes: _x12G4_ _x004 _x</t></si>)"}));
    REQUIRE_FALSE(read.error);
    REQUIRE(read.rows.size() == 1);
    CHECK(read.rows[0].cells ==
          cells({"Line one\r\nLine two", "Code _x0041_ as typed", "Tab\there", "Café",
                 "Smile 😀, lone \xEF\xBF\xBD end", "Not escapes: _x12G4_ _x004 _x"}));
}
