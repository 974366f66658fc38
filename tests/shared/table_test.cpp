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

TEST_CASE("a page's sort and its sortable columns survive JSON, and an older server's read as none") {
    TablePage page;
    page.table = "active";
    page.columns = {{"customer", "Customer", ColumnType::text, 24},
                    {"started_at", "Started", ColumnType::datetime, 18, true}};
    page.sort = "started_at";
    page.default_sort = "-started_at";
    const auto json = nlohmann::json(page);
    CHECK(json["sort"] == "started_at");
    CHECK(json["default_sort"] == "-started_at");
    CHECK(json["columns"][0]["sortable"] == false);
    CHECK(json["columns"][1]["sortable"] == true);
    const auto back = json.get<TablePage>();
    CHECK(back.sort == "started_at");
    CHECK(back.default_sort == "-started_at");
    CHECK_FALSE(back.columns[0].sortable);
    CHECK(back.columns[1].sortable);

    auto older = json;
    older.erase("sort");
    older.erase("default_sort");
    older["columns"][1].erase("sortable");
    const auto old_page = older.get<TablePage>();
    CHECK(old_page.sort.empty());
    CHECK(old_page.default_sort.empty());
    CHECK_FALSE(old_page.columns[1].sortable);
}

TEST_CASE("a sort is a column key with an optional minus for descending") {
    struct Case {
        const char* text;
        bool valid;
        const char* column;
        bool descending;
    };
    const Case cases[] = {
        {"started_at", true, "started_at", false},
        {"-started_at", true, "started_at", true},
        {"", false, "", false},
        {"-", false, "", false},
        {"--started_at", false, "", false},
        {"Started_at", false, "", false},
        {"started_at DESC", false, "", false},
        {"started_at;drop", false, "", false},
        {"+started_at", false, "", false},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        const auto sort = parse_column_sort(c.text);
        REQUIRE(sort.has_value() == c.valid);
        if (sort) {
            CHECK(sort->column == c.column);
            CHECK(sort->descending == c.descending);
            CHECK(to_string(*sort) == c.text);
        }
    }
    CHECK_FALSE(parse_column_sort(std::string(65, 'a')));
}
