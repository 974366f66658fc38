// Numbers and dates as the campaign sees them: the digits of a phone number are never lost to
// scientific notation or a double, and date serials become ISO text.
#include "server/import/cell_styles.hpp"
#include "server/import/cell_text.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("a stored number becomes its plain decimal text without passing through a double") {
    struct Case {
        const char* stored;
        const char* text;
    };
    const Case cases[] = {
        {"34600000001", "34600000001"},
        {"3.4600000001E10", "34600000001"}, // how Excel writes an 11-digit phone
        {"3.4600000001e+10", "34600000001"},
        {"4.4207946000123E12", "4420794600012.3"},
        {"4.42079460001234E14", "442079460001234"}, // 15 digits, all kept
        {"123456789012345", "123456789012345"},
        {"1234567890123456789", "1234567890123456789"}, // an integer literal keeps every digit
        {"5.5512345678E10", "55512345678"},
        {"1234.5", "1234.5"},
        {"1234.50", "1234.5"},
        {"19.99", "19.99"},
        {"0.30000000000000004", "0.3"}, // float noise past 15 digits, as Excel shows it
        {"2.9999999999999996", "3"},
        {"99999999999999999E-2", "1000000000000000"},
        {"-12.5", "-12.5"},
        {"-0", "0"},
        {"0", "0"},
        {"000123", "123"},
        {"1E3", "1000"},
        {"1.5E-3", "0.0015"},
        {" 42 ", "42"},
        {"1E300", "1E300"}, // absurdly long as a plain decimal: kept scientific
    };
    for (const auto& c : cases) {
        INFO(c.stored);
        const auto text = plain_number_text(c.stored);
        REQUIRE(text);
        CHECK(*text == c.text);
    }
}

TEST_CASE("text that is not a number is not turned into one") {
    for (const char* stored : {"", "abc", "1.2.3", "12a", "1E", "E5", "+", "."}) {
        INFO(stored);
        CHECK_FALSE(plain_number_text(stored));
    }
}

TEST_CASE("a date serial becomes ISO text in the 1900 and 1904 date systems") {
    struct Case {
        const char* stored;
        DateStyle style;
        bool date1904;
        const char* text;
    };
    const Case cases[] = {
        {"46086", DateStyle::date, false, "2026-03-05"},
        {"46086.6041666667", DateStyle::date, false, "2026-03-05 14:30:00"},
        {"46086.6041666667", DateStyle::date_time, false, "2026-03-05 14:30:00"},
        {"46086", DateStyle::date_time, false, "2026-03-05 00:00:00"},
        {"0.6041666667", DateStyle::time, false, "14:30:00"},
        {"1", DateStyle::date, false, "1900-01-01"},
        {"59", DateStyle::date, false, "1900-02-28"},
        {"60", DateStyle::date, false, "1900-02-29"}, // Excel's phantom leap day
        {"61", DateStyle::date, false, "1900-03-01"},
        {"25569", DateStyle::date, false, "1970-01-01"},
        {"2958465", DateStyle::date, false, "9999-12-31"},
        {"44621.99999999", DateStyle::date, false, "2022-03-02"}, // rounds to the next midnight
        {"0", DateStyle::date, true, "1904-01-01"},
        {"44624", DateStyle::date, true, "2026-03-05"},
    };
    for (const auto& c : cases) {
        INFO(c.stored << (c.date1904 ? " (1904)" : ""));
        const auto text = serial_date_text(c.stored, c.style, c.date1904);
        REQUIRE(text);
        CHECK(*text == c.text);
    }
    CHECK_FALSE(serial_date_text("-1", DateStyle::date, false));
    CHECK_FALSE(serial_date_text("3000000", DateStyle::date, false));
    CHECK_FALSE(serial_date_text("soon", DateStyle::date, false));
}

TEST_CASE("a number format code is told apart as date, time, both or neither") {
    struct Case {
        const char* code;
        DateStyle style;
    };
    const Case cases[] = {
        {"yyyy-mm-dd", DateStyle::date},
        {"dd/mm/yyyy", DateStyle::date},
        {"d-mmm-yy", DateStyle::date},
        {"mmm yyyy", DateStyle::date},
        {"[$-409]mmmm d, yyyy;@", DateStyle::date},
        {"yyyy-mm-dd hh:mm:ss", DateStyle::date_time},
        {"m/d/yy h:mm", DateStyle::date_time},
        {"h:mm AM/PM", DateStyle::time},
        {"mm:ss", DateStyle::time},
        {"[h]:mm:ss", DateStyle::time},
        {"General", DateStyle::none},
        {"0.00", DateStyle::none},
        {"#,##0", DateStyle::none},
        {"0.00E+00", DateStyle::none},
        {"@", DateStyle::none},
        {"[Red]0.00", DateStyle::none},   // "d" inside a colour is no day
        {"0 \"days\"", DateStyle::none},  // nor inside quoted text
        {"#,##0\\ \\d", DateStyle::none}, // nor escaped
        {"_(* #,##0_);_(* (#,##0)", DateStyle::none},
    };
    for (const auto& c : cases) {
        INFO(c.code);
        CHECK(date_style_of_format(c.code) == c.style);
    }
}

TEST_CASE("Excel's built-in date and time formats are known by id") {
    for (const long id : {14L, 15L, 16L, 17L}) {
        CHECK(date_style_of_builtin(id) == DateStyle::date);
    }
    for (const long id : {18L, 19L, 20L, 21L, 45L, 46L, 47L}) {
        CHECK(date_style_of_builtin(id) == DateStyle::time);
    }
    CHECK(date_style_of_builtin(22) == DateStyle::date_time);
    for (const long id : {0L, 1L, 2L, 3L, 4L, 9L, 10L, 11L, 49L}) {
        CHECK(date_style_of_builtin(id) == DateStyle::none);
    }
}
