#include "test_server.hpp"
#include "xlsx_reader.hpp"

#include <catch2/catch.hpp>
#include <fstream>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

std::string save_body(const TempDir& dir, const httplib::Result& result) {
    const auto path = (dir.path / "export.xlsx").string();
    std::ofstream(path, std::ios::binary) << result->body;
    return path;
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
