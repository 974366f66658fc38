#include "shared/table.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("a table page survives a JSON round trip") {
    TablePage page;
    page.table = "active";
    page.columns = {{"customer", "Customer", ColumnType::text, 24},
                    {"started_at", "Started", ColumnType::datetime, 18},
                    {"status", "Status", ColumnType::status, 12}};
    page.rows = nlohmann::json::array({{{"id", 1}, {"customer", "Zoë Ñúñez"}, {"started_at", 5}}});
    page.total = 41;
    page.page = 3;
    page.page_size = 20;

    const auto back = nlohmann::json(page).get<TablePage>();
    CHECK(back.table == "active");
    REQUIRE(back.columns.size() == 3);
    CHECK(back.columns[1].type == ColumnType::datetime);
    CHECK(back.columns[2].type == ColumnType::status);
    CHECK(back.rows[0]["customer"] == "Zoë Ñúñez");
    CHECK(back.total == 41);
    CHECK(back.page == 3);
    CHECK(back.page_size == 20);
}

TEST_CASE("an unknown column type reads as text") {
    CHECK(column_type_from_string("sparkline") == ColumnType::text);
    CHECK(column_type_from_string("int") == ColumnType::integer);
}

TEST_CASE("a page's cursors survive JSON, and a page without them reads as having none") {
    TablePage page;
    page.table = "history";
    page.next = "a.1772319600.42";
    const auto json = nlohmann::json(page);
    CHECK(json["next"] == "a.1772319600.42");
    CHECK(json["prev"].is_null());
    const auto back = json.get<TablePage>();
    CHECK(back.next == std::optional<std::string>("a.1772319600.42"));
    CHECK_FALSE(back.prev);

    auto older = json;
    older.erase("next");
    older.erase("prev");
    CHECK_FALSE(older.get<TablePage>().next);
}
