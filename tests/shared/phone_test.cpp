#include "shared/phone.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("phone numbers written by people become E.164") {
    struct Case {
        const char* input;
        const char* e164;
    };
    const Case cases[] = {
        {"+34 600 123 456", "+34600123456"},     {"0034600123456", "+34600123456"},
        {"34600123456", "+34600123456"},         {"+52 1 (55) 1234-5678", "+5215512345678"},
        {"+55.11.91234.5678", "+5511912345678"}, {"+7 912 345-67-89", "+79123456789"},
    };
    for (const auto& c : cases) {
        INFO(c.input);
        const auto result = normalise_phone(c.input);
        REQUIRE(result.e164);
        CHECK(*result.e164 == c.e164);
    }
}

TEST_CASE("numbers that cannot be E.164 are refused with a reason") {
    for (const char* bad : {"", "+", "600 12", "0600123456", "+34 600 abc 456", "+1234567890123456",
                            "34+600123456", "++34600123456"}) {
        INFO(bad);
        const auto result = normalise_phone(bad);
        CHECK_FALSE(result.e164);
        CHECK_FALSE(result.error.empty());
    }
}

TEST_CASE("phone digits drop the plus sign") {
    CHECK(phone_digits("+34600123456") == "34600123456");
    CHECK(phone_digits("34600123456") == "34600123456");
}
