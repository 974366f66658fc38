#include "shared/phone_plan.hpp"
#include "shared/recipient_phone.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("recipient numbers from many countries, written as people write them, are accepted") {
    struct Case {
        const char* input;
        const char* e164;
    };
    const Case cases[] = {
        {"+34 600 123 456", "+34600123456"},      // Spain
        {"0034 (600) 12-34-56", "+34600123456"},  // Spain, 00 prefix and brackets
        {"+1 (212) 555-0123", "+12125550123"},    // United States
        {"+1 416 555 0199", "+14165550199"},      // Canada
        {"+44 7700 900123", "+447700900123"},     // United Kingdom mobile
        {"+49 1512 3456789", "+4915123456789"},   // Germany mobile
        {"+33 6 12 34 56 78", "+33612345678"},    // France
        {"+39 312 345 6789", "+393123456789"},    // Italy
        {"+52 1 55 1234 5678", "+5215512345678"}, // Mexico, the old mobile 1
        {"+52 55 1234 5678", "+525512345678"},    // Mexico
        {"+55 11 91234-5678", "+5511912345678"},  // Brazil mobile with the ninth digit
        {"+55 11 8123-4567", "+551181234567"},    // Brazil, eight digits
        {"+91 98765 43210", "+919876543210"},     // India
        {"+86 139 1234 5678", "+8613912345678"},  // China
        {"+81 90-1234-5678", "+819012345678"},    // Japan
        {"+7 912 345-67-89", "+79123456789"},     // Russia
        {"+234 803 123 4567", "+2348031234567"},  // Nigeria
        {"+971 50 123 4567", "+971501234567"},    // United Arab Emirates
        {"+353 85 123 4567", "+353851234567"},    // Ireland
        {"+61 412 345 678", "+61412345678"},      // Australia
        {"+27 82 123 4567", "+27821234567"},      // South Africa
        {"+351 912 345 678", "+351912345678"},    // Portugal
        {"+972 50-123-4567", "+972501234567"},    // Israel
        {"+966 50 123 4567", "+966501234567"},    // Saudi Arabia
        {"+62 812 3456 7890", "+6281234567890"},  // Indonesia
    };
    for (const auto& c : cases) {
        INFO(c.input);
        const auto result = check_recipient_phone(c.input);
        INFO(result.error);
        REQUIRE(result.e164);
        CHECK(*result.e164 == c.e164);
    }
}

TEST_CASE("recipient numbers that Meta cannot reach are refused with a reason a person reads") {
    struct Case {
        const char* input;
        const char* reason; // a part of the message
    };
    const Case cases[] = {
        {"+34 600 12 345", "has 8 digits after +34 (ES), where numbers have 9"},
        {"+34 600 123 4567", "has 10 digits after +34 (ES)"},
        {"+1 212 555 012", "has 9 digits after +1 (US), where numbers have 10"},
        {"+999 1234 5678", "+999, which is not a country code in use"},
        {"+0 600 123 456", "must start with the country code"},
        {"600 123 456", "has 7 digits after +60 (MY)"},    // no country code: read as Malaysia
        {"+34 6OO 123 456", "not part of a phone number"}, // letter O for zero
        {"phone", "not part of a phone number"},
        {"", "is empty"},
        {"+44 7700 9001234567", "longer than 15 digits"},
    };
    for (const auto& c : cases) {
        INFO(c.input);
        const auto result = check_recipient_phone(c.input);
        CHECK_FALSE(result.e164);
        CHECK_THAT(result.error, Catch::Matchers::Contains(c.reason));
    }
}

TEST_CASE("one person's number written two ways has one key") {
    CHECK(same_person_key("+5215512345678") == same_person_key("+525512345678"));
    // After the 9, a subscriber number starting 1 is no mobile: not folded.
    CHECK(same_person_key("+5511912345678") != same_person_key("+551112345678"));
    CHECK(same_person_key("+5511981234567") == same_person_key("+551181234567"));
    // A Brazilian landline (first digit 2 to 5) never gains a ninth digit.
    CHECK(same_person_key("+551132345678") == "551132345678");
    CHECK(same_person_key("+34600123456") == "34600123456");
    CHECK(same_person_key("+34600123456") != same_person_key("+34600123457"));
}

TEST_CASE("the numbering plan knows calling codes, their lengths and the United States") {
    const auto spain = calling_code_of("34600123456");
    REQUIRE(spain);
    CHECK(spain->code == 34);
    CHECK(spain->region == "ES");
    CHECK(spain->national == "600123456");
    CHECK(calling_code_of("3546001234")->code == 354); // Iceland, not 35 or 3
    CHECK_FALSE(calling_code_of("999123"));
    CHECK(national_length_possible(34, 9));
    CHECK_FALSE(national_length_possible(34, 8));
    CHECK(national_lengths_text(52) == "10 or 11");
    CHECK(national_lengths_text(1) == "10");

    CHECK(is_united_states_number("12125550123"));       // New York
    CHECK(is_united_states_number("17875550123"));       // Puerto Rico: a US territory
    CHECK_FALSE(is_united_states_number("14165550199")); // Toronto
    CHECK_FALSE(is_united_states_number("18765550123")); // Jamaica
    CHECK_FALSE(is_united_states_number("34600123456"));
}
