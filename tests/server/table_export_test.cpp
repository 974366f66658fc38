#include "server/export/table_export.hpp"
#include "shared/xlsx_download.hpp"
#include "test_server.hpp"
#include "xlsx_reader.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

std::string save_body(const TempDir& dir, const httplib::Result& result) {
    const auto path = (dir.path / "export.xlsx").string();
    std::ofstream(path, std::ios::binary) << result->body;
    return path;
}

// The <v> of cell `ref` ("E2") in a sheet's XML; NaN when the cell has none.
double cell_number(const std::string& sheet, const std::string& ref) {
    const auto cell = sheet.find("<c r=\"" + ref + "\"");
    const auto value = cell == std::string::npos ? cell : sheet.find("<v>", cell);
    if (value == std::string::npos || value > sheet.find("</c>", cell)) {
        return std::nan("");
    }
    return std::stod(sheet.substr(value + 3, 24));
}

// Excel's serial for a wall-clock time given as seconds since 1970-01-01 00:00.
double excel_serial(std::int64_t wall_clock_seconds) {
    return static_cast<double>(wall_clock_seconds) / 86400.0 + 25569.0;
}

// A table of its own, so the rows and their times are exactly what the test says.
struct EventTable {
    TempDir dir;
    Connection db{(dir.path / "events.db").string()};
    TableSpec spec;

    explicit EventTable(const std::vector<std::int64_t>& times) {
        db.exec("CREATE TABLE events (id INTEGER PRIMARY KEY, at INTEGER)");
        for (const auto at : times) {
            db.prepare("INSERT INTO events (at) VALUES (?)").bind(1, at).run();
        }
        spec.name = "events";
        spec.title = "Events";
        spec.file_stem = "events";
        spec.columns = {{"at", "At", ColumnType::datetime, 18}};
        spec.select_list = "e.id, e.at";
        spec.main_table = "events";
        spec.alias = "e";
        spec.key_column = "e.id";
        spec.order = {{"e.id", false}};
    }

    ExportSummary export_to(const std::string& path, const ExportOptions& options) {
        auto result = export_table_xlsx(db, spec, TableRequest{}, 0, path, options);
        REQUIRE(std::holds_alternative<ExportSummary>(result));
        return std::get<ExportSummary>(result);
    }
};

ExportOptions in_zone(const char* name) {
    const auto zone = TimeZone::find(name);
    REQUIRE(zone);
    return ExportOptions{*zone};
}

} // namespace

TEST_CASE("the active table downloads as a real xlsx with every row, a bold frozen header, "
          "an autofilter and date cells") {
    RunningServer server;
    const auto token = server.admin_token();
    const auto page = json_of(server.client().Get("/api/tables/active", server.bearer(token)));
    const int total = page["total"];

    auto result = server.client().Get("/api/tables/active.xlsx", server.bearer(token));
    REQUIRE(result);
    REQUIRE(result->status == 200);
    CHECK(result->get_header_value("Content-Type") ==
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    CHECK(result->get_header_value("Content-Disposition")
              .find("attachment; filename=\"active-conversations-") == 0);

    TempDir dir;
    const auto path = save_body(dir, result);
    const auto sheet = read_zip_part(path, "xl/worksheets/sheet1.xml");
    REQUIRE(sheet);
    // Header row plus one row per conversation, every one of them (not just a page).
    CHECK(count_occurrences(*sheet, "<row ") == total + 1);
    CHECK(sheet->find("<pane ySplit=\"1\"") != std::string::npos);
    CHECK(sheet->find("<autoFilter ref=\"A1:H" + std::to_string(total + 1) + "\"") !=
          std::string::npos);
    CHECK(sheet->find("<cols>") != std::string::npos);
    CHECK(sheet->find("Zoë Ñúñez") != std::string::npos);
    CHECK(sheet->find("Алексей Смирнов") != std::string::npos);
    CHECK(sheet->find("Last customer message") != std::string::npos);
    CHECK(sheet->find("Window open") != std::string::npos);

    const auto styles = read_zip_part(path, "xl/styles.xml");
    REQUIRE(styles);
    CHECK(styles->find("<b/>") != std::string::npos);
    CHECK(styles->find("yyyy-mm-dd hh:mm") != std::string::npos);
    // Dates are numbers (Excel serials around 46,000 for the 2020s) with the date style.
    CHECK(sheet->find("<c r=\"E2\" s=\"") != std::string::npos);
    const auto e2 = sheet->find("<c r=\"E2\"");
    const auto value_at = sheet->find("<v>", e2);
    REQUIRE(value_at != std::string::npos);
    const double serial = std::stod(sheet->substr(value_at + 3, 12));
    CHECK(serial > 45000);
    CHECK(serial < 60000);
}

TEST_CASE("the xlsx export applies the same filters as the table") {
    RunningServer server;
    const auto token = server.admin_token();
    const auto page =
        json_of(server.client().Get("/api/tables/active?skillset=Support", server.bearer(token)));
    auto result =
        server.client().Get("/api/tables/active.xlsx?skillset=Support", server.bearer(token));
    REQUIRE(result);
    TempDir dir;
    const auto sheet = read_zip_part(save_body(dir, result), "xl/worksheets/sheet1.xml");
    REQUIRE(sheet);
    CHECK(count_occurrences(*sheet, "<row ") == page["total"].get<int>() + 1);
}

TEST_CASE("the xlsx export refuses bad filters and needs a session") {
    RunningServer server;
    auto bad = server.client().Get("/api/tables/active.xlsx?page_size=5",
                                   server.bearer(server.admin_token()));
    REQUIRE(bad);
    CHECK(bad->status == 400);
    CHECK(json_of(bad)["error"]["field"] == "page_size");
    auto anonymous = server.client().Get("/api/tables/active.xlsx");
    REQUIRE(anonymous);
    CHECK(anonymous->status == 401);
}

TEST_CASE("exported times are on the administrator's wall clock on both sides of a DST change") {
    // Madrid: summer time starts 2026-03-29 01:00 UTC and ends 2026-10-25 01:00 UTC.
    EventTable table({1774745999, 1774746000, 1792889999, 1792890000});
    const auto path = (table.dir.path / "madrid.xlsx").string();
    table.export_to(path, in_zone("Europe/Madrid"));
    const auto sheet = read_zip_part(path, "xl/worksheets/sheet1.xml");
    REQUIRE(sheet);
    // Excel serials of the wall-clock times, as seconds since 1970-01-01 00:00 on that clock.
    const double expected[] = {
        excel_serial(1774745999 + 3600), // 2026-03-29 01:59:59 CET
        excel_serial(1774746000 + 7200), // 2026-03-29 03:00:00 CEST
        excel_serial(1792889999 + 7200), // 2026-10-25 02:59:59 CEST
        excel_serial(1792890000 + 3600), // 2026-10-25 02:00:00 CET
    };
    for (int row = 0; row < 4; ++row) {
        INFO("row " << row + 2);
        CHECK(cell_number(*sheet, "A" + std::to_string(row + 2)) ==
              Approx(expected[row]).epsilon(0).margin(1e-7));
    }
}

TEST_CASE("the same instants exported for New York are on New York's clock") {
    EventTable table({1772953199, 1772953200});
    const auto path = (table.dir.path / "new-york.xlsx").string();
    table.export_to(path, in_zone("America/New_York"));
    const auto sheet = read_zip_part(path, "xl/worksheets/sheet1.xml");
    REQUIRE(sheet);
    CHECK(cell_number(*sheet, "A2") == Approx(excel_serial(1772953199 - 5 * 3600)).margin(1e-7));
    CHECK(cell_number(*sheet, "A3") == Approx(excel_serial(1772953200 - 4 * 3600)).margin(1e-7));
}

TEST_CASE("an export stops at the sheet's row limit and a note sheet says how many rows are "
          "missing") {
    EventTable table(std::vector<std::int64_t>(10, 1774746000));
    const auto path = (table.dir.path / "limited.xlsx").string();
    ExportOptions options = in_zone("UTC");
    options.max_sheet_rows = 5; // the header and four rows
    const auto summary = table.export_to(path, options);
    CHECK(summary.rows_written == 4);
    CHECK(summary.rows_left_out == 6);

    const auto sheet = read_zip_part(path, "xl/worksheets/sheet1.xml");
    REQUIRE(sheet);
    CHECK(count_occurrences(*sheet, "<row ") == 5);
    CHECK(sheet->find("<autoFilter ref=\"A1:A5\"") != std::string::npos);
    const auto note = read_zip_part(path, "xl/worksheets/sheet2.xml");
    REQUIRE(note);
    CHECK(note->find("6 rows were left out") != std::string::npos);
    CHECK(note->find("only the first 4 of 10 rows of Events") != std::string::npos);
    const auto workbook = read_zip_part(path, "xl/workbook.xml");
    REQUIRE(workbook);
    CHECK(workbook->find("name=\"Rows left out\"") != std::string::npos);
    CHECK(workbook->find("activeTab=\"1\"") != std::string::npos); // the note opens first
}

TEST_CASE("an export that fits exactly has no note sheet") {
    EventTable table(std::vector<std::int64_t>(4, 1774746000));
    const auto path = (table.dir.path / "exact.xlsx").string();
    ExportOptions options = in_zone("UTC");
    options.max_sheet_rows = 5;
    const auto summary = table.export_to(path, options);
    CHECK(summary.rows_written == 4);
    CHECK(summary.rows_left_out == 0);
    CHECK_FALSE(read_zip_part(path, "xl/worksheets/sheet2.xml"));
}

TEST_CASE("the note names Excel's real limit with thousands separators") {
    TableSpec spec;
    spec.title = "Active conversations";
    const auto note = rows_left_out_note(spec, ExportSummary{1048575, 1234});
    CHECK(note.find("only the first 1,048,575 of 1,049,809 rows of Active conversations") !=
          std::string::npos);
    CHECK(note.find("at most 1,048,576 rows") != std::string::npos);
    CHECK(note.find("1,234 rows were left out") != std::string::npos);
}

TEST_CASE("the xlsx download writes dates in the time zone the UI names") {
    RunningServer server;
    const auto token = server.admin_token();
    const auto first =
        json_of(server.client().Get("/api/tables/active?page_size=10", server.bearer(token)));
    const std::int64_t started_at = first["rows"][0]["started_at"];
    TempDir dir;
    const auto started_serial = [&](const std::string& zone) {
        auto result =
            server.client().Get("/api/tables/active.xlsx?time_zone=" + zone, server.bearer(token));
        REQUIRE(result);
        REQUIRE(result->status == 200);
        const auto sheet = read_zip_part(save_body(dir, result), "xl/worksheets/sheet1.xml");
        REQUIRE(sheet);
        return cell_number(*sheet, "E2"); // started_at of the first row
    };
    CHECK(started_serial("UTC") == Approx(excel_serial(started_at)).margin(1e-7));
    // Kathmandu is UTC+5:45 all year.
    CHECK(started_serial("Asia%2FKathmandu") ==
          Approx(excel_serial(started_at + 5 * 3600 + 45 * 60)).margin(1e-7));
}

TEST_CASE("a time zone that is not an IANA name is refused naming the field") {
    RunningServer server;
    const auto token = server.admin_token();
    for (const char* zone : {"Mars%2FOlympus", "..%2F..%2Fetc%2Fpasswd", "", "UTC%2B2"}) {
        INFO(zone);
        auto result = server.client().Get(std::string("/api/tables/active.xlsx?time_zone=") + zone,
                                          server.bearer(token));
        REQUIRE(result);
        CHECK(result->status == 400);
        const auto body = json_of(result);
        CHECK(body["error"]["code"] == "validation_failed");
        CHECK(body["error"]["field"] == kTimeZoneParam);
        CHECK(body["error"]["fields"][0]["message"] ==
              "must be an IANA time zone name such as Europe/Madrid");
    }
}

TEST_CASE("a download past the row limit says in headers and in the file how many rows are "
          "missing") {
    ServerConfig config;
    config.export_row_limit = 6;
    RunningServer server(true, config);
    const auto token = server.admin_token();
    const int total =
        json_of(server.client().Get("/api/tables/active", server.bearer(token)))["total"];
    REQUIRE(total > 5);

    auto result =
        server.client().Get("/api/tables/active.xlsx?time_zone=UTC", server.bearer(token));
    REQUIRE(result);
    REQUIRE(result->status == 200);
    CHECK(result->get_header_value(kExportRowsHeader) == "5");
    CHECK(result->get_header_value(kExportRowsLeftOutHeader) == std::to_string(total - 5));
    TempDir dir;
    const auto path = save_body(dir, result);
    const auto sheet = read_zip_part(path, "xl/worksheets/sheet1.xml");
    REQUIRE(sheet);
    CHECK(count_occurrences(*sheet, "<row ") == 6);
    const auto note = read_zip_part(path, "xl/worksheets/sheet2.xml");
    REQUIRE(note);
    CHECK(note->find(std::to_string(total - 5) + " rows were left out") != std::string::npos);
}

TEST_CASE("a complete download says so in its headers") {
    RunningServer server;
    const auto token = server.admin_token();
    const int total =
        json_of(server.client().Get("/api/tables/active", server.bearer(token)))["total"];
    auto result = server.client().Get("/api/tables/active.xlsx", server.bearer(token));
    REQUIRE(result);
    CHECK(result->get_header_value(kExportRowsHeader) == std::to_string(total));
    CHECK(result->get_header_value(kExportRowsLeftOutHeader) == "0");
}

TEST_CASE("a UI on another origin may read the download's row counts") {
    ServerConfig config;
    config.cors_origin = "http://ui.example:9000";
    RunningServer server(true, config);
    auto result = server.client().Get("/api/tables/active.xlsx",
                                      {{"Origin", "http://ui.example:9000"},
                                       {"Authorization", "Bearer " + server.admin_token()}});
    REQUIRE(result);
    REQUIRE(result->status == 200);
    // Browsers join repeated list headers with ", ".
    std::string exposed;
    const auto range = result->headers.equal_range("Access-Control-Expose-Headers");
    for (auto it = range.first; it != range.second; ++it) {
        exposed += (exposed.empty() ? "" : ", ") + it->second;
    }
    CHECK(exposed.find("Content-Disposition") != std::string::npos);
    CHECK(exposed.find(kExportRowsHeader) != std::string::npos);
    CHECK(exposed.find(kExportRowsLeftOutHeader) != std::string::npos);
}
