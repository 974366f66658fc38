// The table export read back by the project's own import reader (server/import/): every kind of
// cell a table holds — numbers, text with XML's special characters, multi-byte UTF-8, characters
// XML 1.0 forbids, bytes that are not UTF-8, dates, empty cells — comes back as written, in a
// zip that libzip opens with its consistency checks and whose every part inflates with its CRC.
#include "server/export/table_export.hpp"
#include "server/import/recipient_file.hpp"
#include "test_server.hpp"
#include "xlsx_reader.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

struct Thing {
    std::optional<std::int64_t> number;
    std::optional<std::string> text;
    std::optional<std::string> state;
    std::optional<std::int64_t> at;
};

// A table of its own with one column of each type, so the cells are exactly what a test says.
struct ThingTable {
    TempDir dir;
    Connection db{(dir.path / "things.db").string()};
    TableSpec spec;

    explicit ThingTable(const std::vector<Thing>& things) {
        db.exec("CREATE TABLE things (id INTEGER PRIMARY KEY, number INTEGER, text TEXT, "
                "state TEXT, at INTEGER)");
        auto insert =
            db.prepare("INSERT INTO things (number, text, state, at) VALUES (?, ?, ?, ?)");
        for (const auto& thing : things) {
            insert.bind(1, thing.number).bind(2, thing.text).bind(3, thing.state).bind(4, thing.at);
            insert.run();
            insert.reset();
        }
        spec.name = "things";
        spec.title = "Things";
        spec.file_stem = "things";
        spec.columns = {{"number", "Number", ColumnType::integer, 10},
                        {"text", "Text", ColumnType::text, 40},
                        {"state", "State", ColumnType::status, 12},
                        {"at", "At", ColumnType::datetime, 18}};
        spec.select_list = "t.id, t.number, t.text, t.state, t.at";
        spec.main_table = "things";
        spec.alias = "t";
        spec.key_column = "t.id";
        spec.order = {{"t.id", false}};
    }

    std::string export_file(int max_sheet_rows = kXlsxMaxRows) {
        const auto path = (dir.path / "things.xlsx").string();
        ExportOptions options{*TimeZone::find("UTC")};
        options.max_sheet_rows = max_sheet_rows;
        auto result = export_table_xlsx(db, spec, TableRequest{}, 0, path, options);
        REQUIRE(std::holds_alternative<ExportSummary>(result));
        return path;
    }
};

// The first sheet's rows as the import reader hands them to a campaign upload.
std::vector<FileRow> read_back(const std::string& path) {
    std::vector<FileRow> rows;
    const auto error = read_upload_rows(UploadedFile::on_disk(path, "things.xlsx"), ImportLimits{},
                                        [&](const FileRow& row) {
                                            rows.push_back(row);
                                            return true;
                                        });
    INFO((error ? error->message : ""));
    REQUIRE_FALSE(error);
    return rows;
}

std::vector<std::string> cells(std::initializer_list<std::string> values) {
    return values;
}

} // namespace

TEST_CASE("exported numbers, dates and empty cells read back as the table holds them") {
    ThingTable table({
        {1, std::string("plain"), std::string("window_open"), 1774746000},
        {-42, std::nullopt, std::nullopt, 1774745999}, // empty cells in the middle
        {34600000001, std::string("last two empty"), std::nullopt, std::nullopt},
        {std::nullopt, std::nullopt, std::nullopt, 0}, // only a date, the epoch itself
        {std::nullopt, std::string(""), std::nullopt, std::nullopt}, // an empty text: no value
        {7, std::nullopt, std::nullopt, std::nullopt},
    });
    const auto rows = read_back(table.export_file());
    // The header and five rows with a value: the reader skips the row whose only cell is an
    // empty text, so the row after it comes as row 7.
    REQUIRE(rows.size() == 6);
    CHECK(rows[0].cells == cells({"Number", "Text", "State", "At"}));
    CHECK(rows[1].number == 2);
    CHECK(rows[1].cells == cells({"1", "plain", "Window open", "2026-03-29 01:00:00"}));
    CHECK(rows[2].cells == cells({"-42", "", "", "2026-03-29 00:59:59"}));
    CHECK(rows[3].cells == cells({"34600000001", "last two empty"}));
    CHECK(rows[4].cells == cells({"", "", "", "1970-01-01 00:00:00"}));
    CHECK(rows[5].number == 7);
    CHECK(rows[5].cells == cells({"7"}));
}

TEST_CASE("exported text keeps XML's special characters, UTF-8 and white space") {
    const std::string specials = "<b>Tom & \"Jerry\"</b> isn't 1 < 2 > 0 ]]> &amp;";
    const std::string utf8 =
        "Zoë Ñúñez, Иван Петров, 東京, مرحبا, 😀 and 👍🏽";
    const std::string spaced = "  two spaces either side  ";
    const std::string lines = "line one\nline two\r\nline three\ttabbed";
    ThingTable table({{1, specials, std::nullopt, std::nullopt},
                      {2, utf8, std::nullopt, std::nullopt},
                      {3, spaced, std::nullopt, std::nullopt},
                      {4, lines, std::nullopt, std::nullopt}});
    const auto rows = read_back(table.export_file());
    REQUIRE(rows.size() == 5);
    CHECK(rows[1].cells == cells({"1", specials}));
    CHECK(rows[2].cells == cells({"2", utf8}));
    CHECK(rows[3].cells == cells({"3", spaced}));
    CHECK(rows[4].cells == cells({"4", lines}));
}

TEST_CASE("characters XML forbids are written as Excel's escapes and bad UTF-8 as U+FFFD") {
    // A raw control character would make the sheet malformed XML (the reader, like Excel, would
    // refuse the whole file); written as _xHHHH_ escapes, they read back as themselves. A literal
    // "_x0041_" must itself be escaped (_x005F_x0041_), or a reader would show "A".
    const std::string controls("bell\x07, nul\0 and unit\x1f", 21);
    ThingTable table({
        {1, controls, std::nullopt, std::nullopt},
        {2, std::string("looks like an escape: _x0041_"), std::nullopt, std::nullopt},
        {3, std::string("cut \xC3 here, \xFF\xFE, \xED\xA0\x80 surrogate, \xEF\xBF\xBF"),
         std::nullopt, std::nullopt},
    });
    const auto file = table.export_file();
    const auto sheet = read_zip_part(file, "xl/worksheets/sheet1.xml").value_or("");
    CHECK(sheet.find("bell_x0007_, nul_x0000_ and unit_x001F_") != std::string::npos);
    CHECK(sheet.find("_x005F_x0041_") != std::string::npos);
    const auto rows = read_back(file);
    REQUIRE(rows.size() == 4);
    CHECK(rows[1].cells == cells({"1", controls}));
    CHECK(rows[2].cells == cells({"2", "looks like an escape: _x0041_"}));
    CHECK(rows[3].cells == cells({"3", "cut \uFFFD here, \uFFFD\uFFFD, \uFFFD\uFFFD\uFFFD "
                                       "surrogate, \uFFFD\uFFFD\uFFFD"}));
}

TEST_CASE("text past Excel's 32,767 characters a cell is cut there, never inside a character") {
    std::string long_text(32766, 'a');
    long_text += "😀"; // two UTF-16 units: does not fit in the one left
    long_text += "tail";
    ThingTable table({{1, long_text, std::nullopt, std::nullopt}});
    const auto rows = read_back(table.export_file());
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].cells[1] == std::string(32766, 'a'));
}

TEST_CASE("an export is a well-formed zip with the parts Excel needs") {
    ThingTable table(std::vector<Thing>(20, Thing{5, std::string("x"), std::string("read"), 0}));
    const auto names = checked_zip_entries(table.export_file(/*max_sheet_rows=*/11));
    for (const char* part :
         {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
          "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"}) {
        INFO(part);
        CHECK(std::find(names.begin(), names.end(), part) != names.end());
    }
    CHECK(names.size() == 7);
}

TEST_CASE("an export past the row limit still reads back, its data sheet first") {
    ThingTable table(std::vector<Thing>(20, Thing{5, std::string("x"), std::string("read"), 0}));
    const auto path = table.export_file(/*max_sheet_rows=*/11);
    const auto rows = read_back(path);
    REQUIRE(rows.size() == 11);
    CHECK(rows[10].cells == cells({"5", "x", "Read", "1970-01-01 00:00:00"}));
    const auto workbook = read_zip_part(path, "xl/workbook.xml");
    REQUIRE(workbook);
    CHECK(workbook->find("'Things'!$A$1:$D$11") != std::string::npos); // the autofilter's name
}
