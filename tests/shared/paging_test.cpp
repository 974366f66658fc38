#include "shared/paging.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("page and page_size default to the first page of 10 rows") {
    const auto result = parse_page_query({});
    REQUIRE(result.query);
    CHECK(result.query->page == 1);
    CHECK(result.query->page_size == 10);
}

TEST_CASE("page_size accepts every whole number from 10 to 100") {
    for (const int size : {10, 11, 50, 99, 100}) {
        const auto result = parse_page_query({{"page_size", std::to_string(size)}});
        REQUIRE(result.query);
        CHECK(result.query->page_size == size);
    }
}

TEST_CASE("page_size outside 10..100 or not a whole number is refused naming the field") {
    for (const std::string bad :
         {"0", "9", "101", "x", "", "-10", "10.5", " 10", "1e2", "+20", "99999999999999999999"}) {
        INFO("page_size=" << bad);
        const auto result = parse_page_query({{"page_size", bad}});
        REQUIRE_FALSE(result.query);
        REQUIRE(result.error);
        CHECK(result.error->http_status == 400);
        CHECK(result.error->code == "validation_failed");
        REQUIRE(result.error->fields.size() == 1);
        CHECK(result.error->fields[0].field == "page_size");
    }
}

TEST_CASE("page must be a whole number from 1") {
    for (const std::string bad : {"0", "-1", "abc", "", "3000000000"}) {
        INFO("page=" << bad);
        const auto result = parse_page_query({{"page", bad}});
        REQUIRE(result.error);
        CHECK(result.error->fields.at(0).field == "page");
    }
    CHECK(parse_page_query({{"page", "7"}}).query->page == 7);
}

TEST_CASE("every page-size choice of the selector is accepted by the validation") {
    for (const int size : kPageSizeChoices) {
        CHECK(parse_page_query({{"page_size", std::to_string(size)}}).query);
    }
    CHECK(kPageSizeChoices.front() == kMinPageSize);
    CHECK(kPageSizeChoices.back() == kMaxPageSize);
}

TEST_CASE("page count and offset") {
    CHECK(page_count(0, 10) == 1);
    CHECK(page_count(10, 10) == 1);
    CHECK(page_count(11, 10) == 2);
    CHECK(page_count(100000, 100) == 1000);
    CHECK(page_offset({3, 20}) == 40);
}
