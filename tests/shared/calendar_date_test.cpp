#include "shared/calendar_date.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("calendar dates are read only as YYYY-MM-DD with a real month and day") {
    const char* good[] = {"2026-03-01", "2024-02-29", "1970-01-01", "9999-12-31"};
    for (const char* text : good) {
        INFO(text);
        const auto date = parse_calendar_date(text);
        REQUIRE(date);
        CHECK(to_string(*date) == text);
    }
    const char* bad[] = {"2026-02-29", "2026-13-01", "2026-00-10",  "2026-04-31",
                         "2026-3-01",  "26-03-01",   "2026/03/01",  "2026-03-01T00:00",
                         "",           "1969-12-31", " 2026-03-01", "2026-03-0a"};
    for (const char* text : bad) {
        INFO(text);
        CHECK_FALSE(parse_calendar_date(text));
    }
}

TEST_CASE("the next day rolls over months, years and leap days") {
    CHECK(to_string(next_day(*parse_calendar_date("2026-02-28"))) == "2026-03-01");
    CHECK(to_string(next_day(*parse_calendar_date("2024-02-28"))) == "2024-02-29");
    CHECK(to_string(next_day(*parse_calendar_date("2026-12-31"))) == "2027-01-01");
    CHECK(to_string(next_day(*parse_calendar_date("2026-04-30"))) == "2026-05-01");
}

TEST_CASE("days since the epoch count from 1970-01-01") {
    CHECK(days_since_epoch(*parse_calendar_date("1970-01-01")) == 0);
    CHECK(days_since_epoch(*parse_calendar_date("2026-03-01")) == 1772323200 / 86400);
    CHECK(*parse_calendar_date("2026-02-28") < *parse_calendar_date("2026-03-01"));
    CHECK_FALSE(*parse_calendar_date("2026-03-01") < *parse_calendar_date("2026-03-01"));
}
