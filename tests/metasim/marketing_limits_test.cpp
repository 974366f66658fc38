// Issue 9's blocks on outbound templates: marketing stopped (131050) and capped (131049) per
// number, and the daily messaging limit (131048) with its tier read through the Graph API. Each
// send is accepted like Meta's and fails afterwards by a signed status webhook.
#include "metasim/daily_limit.hpp"
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::metasim;
using namespace waconsole::test;
using namespace std::chrono_literals;

namespace {

json summer_sale(const std::string& to, const std::string& callback_data = "") {
    json body = template_send(to, "summer_sale", "en_US", {"Zoë", "20%"});
    if (!callback_data.empty()) {
        body["biz_opaque_callback_data"] = callback_data;
    }
    return body;
}

// Every status of `wamid` once its chain ended (read or failed), and a moment more for any status
// that should not be there to show.
std::vector<json> settled_statuses(SimFixture& sim, const std::string& wamid) {
    REQUIRE(sim.receiver.wait_for(has_final_status(wamid)));
    std::this_thread::sleep_for(60ms);
    return statuses_of(sim.receiver.received(), wamid);
}

// The one failed status of `wamid`, after checking there is nothing else.
json only_failure(SimFixture& sim, const std::string& wamid) {
    const auto statuses = settled_statuses(sim, wamid);
    REQUIRE(status_names(statuses) == std::vector<std::string>{"failed"});
    CHECK_FALSE(statuses[0].contains("pricing"));
    return statuses[0];
}

void check_error_shape(const json& error) {
    CHECK(error["title"].is_string());
    CHECK(error["message"] == error["title"]);
    CHECK(error["error_data"]["details"].is_string());
    CHECK_FALSE(error["error_data"]["details"].get<std::string>().empty());
    CHECK(error["href"] ==
          "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/");
}

json messaging_limit(SimFixture& sim) {
    const auto res = sim.get("/v21.0/1000000001?fields=whatsapp_business_manager_messaging_limit");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return json::parse(res->body);
}

} // namespace

TEST_CASE("a marketing template to a number that stopped marketing is accepted and fails with "
          "131050",
          "[metasim][marketing]") {
    SimFixture sim;
    sim.configure({{"marketing_stopped_numbers", {"+34 600 000 101"}}});
    const auto res = sim.send(summer_sale("+34600000101", "waconsole:7"));
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const json answer = json::parse(res->body);
    const std::string wamid = answer["messages"][0]["id"];
    CHECK(answer["messages"][0]["message_status"] == "accepted");
    // In the send log as Meta has it: accepted.
    const json sends = sim.sends();
    REQUIRE(sends.size() == 1);
    CHECK(sends[0]["wamid"] == wamid);
    CHECK(sends[0]["template"] == "summer_sale");

    const json failed = only_failure(sim, wamid);
    CHECK(failed["recipient_id"] == "34600000101");
    CHECK(failed["biz_opaque_callback_data"] == "waconsole:7");
    const json& error = failed["errors"][0];
    CHECK(error["code"] == 131050);
    CHECK(error["title"] == "Unable to deliver message: the user has stopped marketing messages");
    check_error_shape(error);
    for (const auto& hook : sim.receiver.received()) {
        CHECK(hook.signature_valid);
    }
}

TEST_CASE("a marketing template to a capped number is accepted and fails with 131049",
          "[metasim][marketing]") {
    SimFixture sim;
    // Matched by wa_id too: Mexico's 52 + 10 digits is answered as 521 + the same digits.
    sim.configure({{"marketing_capped_numbers", {"34600000102", "5215512345678"}}});
    for (const char* to : {"+34 600 000 102", "+52 55 1234 5678"}) {
        INFO(to);
        const std::string wamid = accepted_wamid(sim, summer_sale(to, "waconsole:8"));
        const json failed = only_failure(sim, wamid);
        CHECK(failed["biz_opaque_callback_data"] == "waconsole:8");
        CHECK(failed["errors"][0]["code"] == 131049);
        CHECK(failed["errors"][0]["title"] ==
              "This message was not delivered to maintain healthy ecosystem engagement.");
        check_error_shape(failed["errors"][0]);
    }
    const json config = json::parse(sim.client->Get("/_sim/config")->body);
    CHECK(config["marketing_capped_numbers"] == json{"34600000102", "5215512345678"});
    CHECK(config["marketing_stopped_numbers"] == json::array());
}

TEST_CASE("marketing blocks leave utility and authentication templates and free text alone",
          "[metasim][marketing]") {
    SimFixture sim;
    sim.configure({{"marketing_stopped_numbers", {"34600000101"}},
                   {"marketing_capped_numbers", {"34600000101"}}});
    REQUIRE(sim.post("/_sim/inbound", {{"from", "34600000101"}, {"name", "Ana"}, {"text", "hola"}})
                ->status == 200);
    json code = template_send("+34600000101", "verification_code", "en_US", {"123456"});
    code["template"]["components"].push_back(
        {{"type", "button"},
         {"sub_type", "url"},
         {"index", "0"},
         {"parameters", json::array({{{"type", "text"}, {"text", "123456"}}})}});
    const std::vector<json> bodies = {order_update_send("+34600000101"), code,
                                      text_send("+34600000101", "¿En qué te ayudo?")};
    for (const auto& body : bodies) {
        INFO(body.dump());
        const std::string wamid = accepted_wamid(sim, body);
        CHECK(status_names(settled_statuses(sim, wamid)) ==
              std::vector<std::string>{"sent", "delivered", "read"});
    }
}

TEST_CASE("a marketing block still fails by webhook when the answer comes late",
          "[metasim][marketing][faults]") {
    SimFixture sim;
    sim.configure({{"marketing_stopped_numbers", {"34600000101"}},
                   {"late_answer_percent", 100},
                   {"timeout_hold_ms", 5000}});
    httplib::Client impatient("127.0.0.1", sim.sim->port());
    impatient.set_read_timeout(0, 300'000);
    const auto res =
        impatient.Post("/v21.0/1000000001/messages", {{"Authorization", "Bearer " + kToken}},
                       summer_sale("+34600000101", "waconsole:9").dump(), "application/json");
    CHECK_FALSE(res);
    const auto sends = sim.sends();
    REQUIRE(sends.size() == 1);
    const json failed = only_failure(sim, sends[0]["wamid"]);
    CHECK(failed["errors"][0]["code"] == 131050);
    CHECK(failed["biz_opaque_callback_data"] == "waconsole:9");
}

TEST_CASE("the daily limit fails the first customer too many with 131048 and a customer with an "
          "open window does not count",
          "[metasim][daily_limit]") {
    SimFixture sim;
    sim.configure({{"daily_limit", 2}});
    // A wrote in: templates to A are not business-initiated and never count.
    REQUIRE(sim.post("/_sim/inbound", {{"from", "34600000201"}, {"name", "Ana"}, {"text", "hola"}})
                ->status == 200);
    auto delivered = [&](const std::string& to) {
        INFO(to);
        const std::string wamid = accepted_wamid(sim, order_update_send(to));
        CHECK(status_names(settled_statuses(sim, wamid)) ==
              std::vector<std::string>{"sent", "delivered", "read"});
    };
    delivered("+34600000201");
    delivered("+34600000202"); // 1 of 2
    delivered("+34600000203"); // 2 of 2
    delivered("+34600000202"); // counted once per 24 h
    delivered("+34600000201");

    json fourth = order_update_send("+34600000204");
    fourth["biz_opaque_callback_data"] = "waconsole:204";
    const std::string over = accepted_wamid(sim, fourth);
    const json failed = only_failure(sim, over);
    CHECK(failed["biz_opaque_callback_data"] == "waconsole:204");
    CHECK(failed["errors"][0]["code"] == 131048);
    CHECK(failed["errors"][0]["title"] == "Spam rate limit hit");
    check_error_shape(failed["errors"][0]);
    // Accepted all the same, like Meta.
    CHECK(sim.sends().back()["wamid"] == over);

    // A marketing block does not use the limit, and a higher limit lets the customer through.
    sim.configure({{"daily_limit", 3}, {"marketing_stopped_numbers", {"34600000205"}}});
    CHECK(only_failure(sim, accepted_wamid(
                                sim, summer_sale("+34600000205")))["errors"][0]["code"] == 131050);
    delivered("+34600000204"); // 3 of 3
    CHECK(only_failure(
              sim, accepted_wamid(sim, order_update_send("+34600000206")))["errors"][0]["code"] ==
          131048);
    sim.configure({{"daily_limit", 0}});
    delivered("+34600000206");
}

TEST_CASE("the daily limit counts each customer once in a moving 24 hours",
          "[metasim][daily_limit]") {
    DailyLimit limit;
    const std::int64_t t0 = 1'700'000'000'000;
    const std::int64_t hour = 60 * 60 * 1000;
    CHECK(limit.admit("A", t0, 2));
    CHECK(limit.admit("B", t0 + hour, 2));
    CHECK(limit.admit("A", t0 + 2 * hour, 2)); // already counted
    CHECK_FALSE(limit.admit("C", t0 + 2 * hour, 2));
    CHECK(limit.customers(t0 + 2 * hour) == 2);
    // A's 24 hours end: C fits, and A would be one too many until B's end too.
    CHECK(limit.admit("C", t0 + DailyLimit::kWindowMs, 2));
    CHECK_FALSE(limit.admit("A", t0 + DailyLimit::kWindowMs + 1, 2));
    CHECK(limit.admit("A", t0 + DailyLimit::kWindowMs + hour, 2));
    CHECK(limit.customers(t0 + DailyLimit::kWindowMs + hour) == 2);

    DailyLimit unlimited;
    for (int i = 0; i < 1000; ++i) {
        CHECK(unlimited.admit(std::to_string(i), t0, 0));
    }
    CHECK(unlimited.customers(t0) == 1000);
}

TEST_CASE("the messaging limit is read from the phone number as Meta's tier and the exact number",
          "[metasim][daily_limit][graph]") {
    SimFixture sim;
    CHECK(messaging_limit(sim) ==
          json{{"whatsapp_business_manager_messaging_limit", "TIER_UNLIMITED"},
               {"max_daily_conversations_per_business", 0},
               {"id", "1000000001"}});
    const std::vector<std::pair<int, std::string>> tiers = {
        {3, "TIER_250"},       {250, "TIER_250"},          {251, "TIER_2K"},
        {2000, "TIER_2K"},     {2001, "TIER_10K"},         {10000, "TIER_10K"},
        {100000, "TIER_100K"}, {100001, "TIER_UNLIMITED"}, {0, "TIER_UNLIMITED"}};
    for (const auto& [limit, tier] : tiers) {
        INFO(limit);
        sim.configure({{"daily_limit", limit}});
        const json node = messaging_limit(sim);
        CHECK(node["whatsapp_business_manager_messaging_limit"] == tier);
        CHECK(node["max_daily_conversations_per_business"] == limit);
        CHECK(node["id"] == "1000000001");
    }

    // Authenticated and addressed like every Graph route.
    const auto no_token =
        sim.client->Get("/v21.0/1000000001?fields=whatsapp_business_manager_messaging_limit",
                        {{"Authorization", "Bearer wrong"}});
    REQUIRE(no_token);
    CHECK(no_token->status == 401);
    CHECK(json::parse(no_token->body)["error"]["code"] == 190);
    const auto query_token = sim.client->Get(
        "/v21.0/1000000001?fields=whatsapp_business_manager_messaging_limit&access_token=" +
        kToken);
    REQUIRE(query_token);
    CHECK(query_token->status == 200);
    const auto other = sim.get("/v21.0/999?fields=whatsapp_business_manager_messaging_limit");
    REQUIRE(other);
    CHECK(other->status == 400);
    CHECK(json::parse(other->body)["error"]["error_subcode"] == 33);
    const auto unknown = sim.get("/v21.0/1000000001?fields=no_such_field");
    REQUIRE(unknown);
    CHECK(unknown->status == 400);
    CHECK(json::parse(unknown->body)["error"]["code"] == 100);
}
