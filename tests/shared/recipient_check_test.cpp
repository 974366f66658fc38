#include "shared/recipient_check.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

namespace {

CampaignTemplate order_template() {
    CampaignTemplate campaign;
    campaign.body = "Hola {{1}}, tu pedido {{2}} está listo.";
    return campaign;
}

RecipientRow row_of(int row, std::string phone, std::string name, std::string order) {
    return {row, std::move(phone), {{"1", std::move(name)}, {"2", std::move(order)}}};
}

} // namespace

TEST_CASE("an accepted recipient carries its number, its person key and the rendered text") {
    const auto verdict =
        check_recipient(order_template(), row_of(2, "0034 600-123-456", "Zoë", "A-17"), {});
    CHECK(verdict.accepted());
    CHECK(*verdict.e164 == "+34600123456");
    CHECK(verdict.key == "34600123456");
    CHECK(verdict.rendered == "Hola Zoë, tu pedido A-17 está listo.");
}

TEST_CASE("each reason a recipient is refused names its field") {
    struct Case {
        const char* what;
        RecipientRow row;
        RecipientFacts facts;
        bool marketing;
        bool include_active;
        const char* field;
        const char* reason_part;
    };
    const std::string long_value(1020, 'x');
    const Case cases[] = {
        {"bad number",
         row_of(2, "+34 600 12", "Ana", "A1"),
         {},
         false,
         false,
         "phone",
         "is too short"},
        {"no such country",
         row_of(3, "+999 600 123 456", "Ana", "A1"),
         {},
         false,
         false,
         "phone",
         "not a country code in use"},
        {"missing variable",
         {4, "+34600123456", {{"1", "Ana"}}},
         {},
         false,
         false,
         "var:2",
         "{{2}} has no value"},
        {"blank variable",
         row_of(5, "+34600123456", "   ", "A1"),
         {},
         false,
         false,
         "var:1",
         "{{1}} has no value"},
        {"newline",
         row_of(6, "+34600123456", "Ana\nMaría", "A1"),
         {},
         false,
         false,
         "var:1",
         "line break"},
        {"tab", row_of(7, "+34600123456", "Ana", "A\t1"), {}, false, false, "var:2", "a tab"},
        {"five spaces",
         row_of(8, "+34600123456", "Ana     María", "A1"),
         {},
         false,
         false,
         "var:1",
         "more than 4 spaces"},
        {"too long",
         row_of(9, "+34600123456", long_value, "A1"),
         {},
         false,
         false,
         "body",
         "WhatsApp allows 1024"},
        {"marketing to the US",
         row_of(10, "+1 212 555 0123", "Ana", "A1"),
         {},
         true,
         false,
         "phone",
         "United States"},
        {"opted out",
         row_of(11, "+34600123456", "Ana", "A1"),
         {true, false},
         false,
         false,
         "customer",
         "asked not to receive"},
        {"active conversation",
         row_of(12, "+34600123456", "Ana", "A1"),
         {false, true},
         false,
         false,
         "customer",
         "active conversation"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto campaign = order_template();
        campaign.marketing = c.marketing;
        campaign.include_active_conversations = c.include_active;
        const auto verdict = check_recipient(campaign, c.row, c.facts);
        CHECK_FALSE(verdict.accepted());
        CHECK(verdict.field == c.field);
        CHECK_THAT(verdict.reason, Catch::Matchers::Contains(c.reason_part));
    }
}

TEST_CASE("the switches change the verdict: active conversations allowed, utility to the US") {
    auto campaign = order_template();
    campaign.include_active_conversations = true;
    CHECK(check_recipient(campaign, row_of(2, "+34600123456", "Ana", "A1"), {false, true})
              .accepted());
    campaign.marketing = false;
    CHECK(check_recipient(campaign, row_of(3, "+1 212 555 0123", "Ana", "A1"), {}).accepted());
    // Canada is +1 but not the United States.
    campaign.marketing = true;
    CHECK(check_recipient(campaign, row_of(4, "+1 416 555 0199", "Ana", "A1"), {}).accepted());
    // Exactly 1024 characters after substitution is allowed.
    const auto fixed = std::string("Hola , tu pedido A1 está listo.").size() - 1; // "á" is 2 bytes
    const auto fits = check_recipient(
        campaign, row_of(5, "+34600123456", std::string(1024 - fixed, 'x'), "A1"), {});
    CHECK(fits.accepted());
}

TEST_CASE("the same person twice is refused with the row it duplicates") {
    DuplicateRecipients seen;
    const auto campaign = order_template();
    const auto first = check_recipient(campaign, row_of(2, "+52 55 1234 5678", "Ana", "A1"), {});
    const auto again = check_recipient(campaign, row_of(7, "+52 1 55 1234 5678", "Ana", "A2"), {});
    const auto other = check_recipient(campaign, row_of(8, "+52 55 1234 5679", "Bea", "A3"), {});
    CHECK(seen.check(first, 2).empty());
    CHECK(seen.check(again, 7) == "The same number as row 2.");
    CHECK(seen.check(other, 8).empty());
    // A refused row keeps no place: the next good row of that person is the one sent.
    const auto refused = check_recipient(campaign, {9, "+34600123456", {{"1", "Ana"}}}, {});
    const auto good = check_recipient(campaign, row_of(10, "+34 600 123 456", "Ana", "A4"), {});
    CHECK(seen.check(refused, 9).empty());
    CHECK(seen.check(good, 10).empty());
}

TEST_CASE("duplicates are told apart by the whole key, digits or not") {
    DuplicateRecipients seen;
    auto accepted = [](std::string key) {
        RecipientVerdict verdict;
        verdict.key = std::move(key);
        return verdict;
    };
    CHECK(seen.check(accepted("9223372036854775807"), 2).empty());
    CHECK(seen.check(accepted("9999999999999999999"), 3).empty());  // 19 digits, the most held
    CHECK(seen.check(accepted("99999999999999999999"), 4).empty()); // 20: kept as text
    CHECK(seen.check(accepted("0999"), 5).empty());
    CHECK(seen.check(accepted("999"), 6).empty());
    CHECK(seen.check(accepted("x1"), 7).empty());
    CHECK(seen.check(accepted("9999999999999999999"), 8) == "The same number as row 3.");
    CHECK(seen.check(accepted("99999999999999999999"), 9) == "The same number as row 4.");
    CHECK(seen.check(accepted("0999"), 10) == "The same number as row 5.");
    CHECK(seen.check(accepted("999"), 11) == "The same number as row 6.");
    CHECK(seen.check(accepted("x1"), 12) == "The same number as row 7.");
}

TEST_CASE("a text header over 60 characters after substitution is refused, at 60 accepted") {
    auto campaign = order_template();
    campaign.header = "Para {{1}}";
    campaign.variables = {"1", "2", "header.1"};
    auto row = row_of(2, "+34600123456", "Zoë", "A-17");
    row.values["header.1"] = std::string(55, 'x'); // "Para " + 55 = 60
    CHECK(check_recipient(campaign, row, {}).accepted());
    row.values["header.1"] = std::string(56, 'x');
    const auto refused = check_recipient(campaign, row, {});
    CHECK(refused.field == "header");
    CHECK(refused.reason == "The header would be 61 characters long; WhatsApp allows 60.");
    row.values.erase("header.1");
    CHECK(check_recipient(campaign, row, {}).field == "var:header.1");
}
