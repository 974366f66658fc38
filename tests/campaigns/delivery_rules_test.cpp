// The small rules of delivery, table by table: quick-reply payloads, which failures may be
// retried, Meta's tier names and the daily limit kept in settings.
#include "server/campaigns/campaign_replies.hpp"
#include "server/campaigns/campaign_retry.hpp"
#include "server/meta/messaging_limit.hpp"
#include "server/store/migrations.hpp"
#include "test_server.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("quick-reply payloads name their campaign, row and button, and nothing else parses") {
    const auto tap = parse_quick_reply_payload("c12.r3.b1");
    REQUIRE(tap);
    CHECK(tap->campaign_id == 12);
    CHECK(tap->row_number == 3);
    CHECK(tap->button == 1);
    for (const char* bad :
         {"", "c12", "c12.r3", "c12.r3.b", "c.r3.b1", "C12.r3.b1", "c12.r3.b1x", "c12.r3.b10",
          "c-1.r3.b1", "c12,r3,b1", "C42|YES", "c12.r3.b1.", "c99999999999999999999.r1.b0"}) {
        INFO(bad);
        CHECK_FALSE(parse_quick_reply_payload(bad));
    }
}

TEST_CASE("only Meta's transient refusals are retried, and the marketing cap after a day") {
    struct Case {
        std::int64_t code;
        std::int64_t seconds_since;
        bool retryable;
    };
    const Case cases[] = {
        {130429, 0, true},       {131056, 0, true},       {4, 0, true},
        {80007, 0, true},        {131000, 0, true},       {131016, 0, true},
        {131048, 0, true},       {131049, 3600, false},   {131049, 86399, false},
        {131049, 86400, true},   {131026, 999999, false}, {131047, 999999, false},
        {131050, 999999, false}, {132000, 999999, false}, {132015, 999999, false},
        {131008, 0, false},      {131021, 0, false},      {133010, 0, false},
        {190, 0, false},         {368, 0, false},         {0, 999999, false},
    };
    for (const auto& c : cases) {
        INFO(c.code << " after " << c.seconds_since << " s");
        CHECK(is_retryable_failure(c.code, c.seconds_since) == c.retryable);
    }
}

TEST_CASE("tier names map to their daily customers and back") {
    CHECK(tier_customers("TIER_250") == std::optional<std::int64_t>(250));
    CHECK(tier_customers("TIER_2K") == std::optional<std::int64_t>(2000));
    CHECK(tier_customers("TIER_10K") == std::optional<std::int64_t>(10000));
    CHECK(tier_customers("TIER_100K") == std::optional<std::int64_t>(100000));
    CHECK(tier_customers("TIER_1K") == std::optional<std::int64_t>(1000));
    CHECK_FALSE(tier_customers("TIER_UNLIMITED"));
    CHECK_FALSE(tier_customers("tier_250"));
    CHECK(tier_for_customers(4) == "TIER_250");
    CHECK(tier_for_customers(250) == "TIER_250");
    CHECK(tier_for_customers(251) == "TIER_2K");
    CHECK(tier_for_customers(100000) == "TIER_100K");
    CHECK(tier_for_customers(100001) == "TIER_UNLIMITED");

    const auto graph = daily_limit_from_graph(nlohmann::json::parse(
        R"({"whatsapp_business_manager_messaging_limit":"TIER_2K","id":"1"})"));
    REQUIRE(graph);
    CHECK(graph->tier == "TIER_2K");
    CHECK(graph->customers == std::optional<std::int64_t>(2000));
    const auto exact = daily_limit_from_graph(nlohmann::json::parse(
        R"({"whatsapp_business_manager_messaging_limit":"TIER_2K",
            "max_daily_conversations_per_business":1000})"));
    REQUIRE(exact);
    CHECK(exact->customers == std::optional<std::int64_t>(1000));
    CHECK_FALSE(daily_limit_from_graph(nlohmann::json::parse(R"({"id":"1"})")));
}

TEST_CASE("the daily limit is kept in settings, an exact number over the tier's") {
    testing::TempDir dir;
    Connection db((dir.path / "limit.db").string());
    apply_migrations(db);
    CHECK(to_json(load_daily_limit(db)).is_null());
    save_daily_limit(db, {"TIER_10K", 10000}, 1);
    CHECK(load_daily_limit(db).customers == std::optional<std::int64_t>(10000));
    save_daily_limit(db, {"TIER_250", 7}, 2);
    CHECK(load_daily_limit(db).tier == "TIER_250");
    CHECK(load_daily_limit(db).customers == std::optional<std::int64_t>(7));
    save_daily_limit(db, {"TIER_UNLIMITED", std::nullopt}, 3);
    CHECK_FALSE(load_daily_limit(db).customers);
    CHECK(to_json(load_daily_limit(db))["tier"] == "TIER_UNLIMITED");
}
