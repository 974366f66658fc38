// Fault injection through POST /_sim/config: 5xx, 429, slow answers, duplicated and reordered
// webhooks.
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::metasim;
using namespace waconsole::test;
using namespace std::chrono_literals;

TEST_CASE("fail_5xx_percent answers 131000 or 131016 and records nothing", "[metasim][faults]") {
    SimFixture sim;
    sim.configure({{"fail_5xx_percent", 100}});
    for (int i = 0; i < 6; ++i) {
        const auto res = sim.send(order_update_send("+34600000001"));
        REQUIRE(res);
        const int code = json::parse(res->body)["error"]["code"];
        CHECK(((res->status == 500 && code == 131000) || (res->status == 503 && code == 131016)));
    }
    CHECK(sim.sends().empty());
    sim.configure({{"fail_5xx_percent", 0}});
    CHECK(sim.send(order_update_send("+34600000001"))->status == 200);
}

TEST_CASE("rate_429_percent answers 130429 with HTTP 429", "[metasim][faults]") {
    SimFixture sim;
    sim.configure({{"rate_429_percent", 100}});
    const auto res = sim.send(order_update_send("+34600000001"));
    REQUIRE(res);
    CHECK(res->status == 429);
    CHECK(json::parse(res->body)["error"]["code"] == 130429);
    CHECK(sim.sends().empty());
}

TEST_CASE("timeout_percent holds the answer past the client's timeout and still accepts the send",
          "[metasim][faults]") {
    SimFixture sim;
    sim.configure({{"timeout_percent", 100}, {"timeout_hold_ms", 800}});
    httplib::Client impatient("127.0.0.1", sim.sim->port());
    impatient.set_read_timeout(0, 300'000);
    const auto started = std::chrono::steady_clock::now();
    const auto res =
        impatient.Post("/v21.0/1000000001/messages", {{"Authorization", "Bearer " + kToken}},
                       order_update_send("+34600000001").dump(), "application/json");
    CHECK_FALSE(res);
    CHECK(std::chrono::steady_clock::now() - started >= 300ms);
    // Like Meta, the send went through after all: a client that retries sends twice.
    bool recorded = false;
    for (int i = 0; i < 200 && !recorded; ++i) {
        recorded = sim.sends().size() == 1;
        std::this_thread::sleep_for(10ms);
    }
    CHECK(recorded);
}

TEST_CASE("late_answer_percent accepts the send at once and answers after the client gave up",
          "[metasim][faults]") {
    SimFixture sim;
    sim.configure({{"late_answer_percent", 100}, {"timeout_hold_ms", 5000}});
    httplib::Client impatient("127.0.0.1", sim.sim->port());
    impatient.set_read_timeout(0, 300'000);
    const auto res =
        impatient.Post("/v21.0/1000000001/messages", {{"Authorization", "Bearer " + kToken}},
                       order_update_send("+34600000001").dump(), "application/json");
    CHECK_FALSE(res);
    // Unlike timeout_percent, the send is already logged and its statuses are on their way
    // while the answer is still held.
    const auto sends = sim.sends();
    REQUIRE(sends.size() == 1);
    const std::string wamid = sends[0]["wamid"];
    CHECK(sim.receiver.wait_for(
        [&](const auto& hooks) { return statuses_of(hooks, wamid).size() >= 1; }));
}

TEST_CASE("duplicate_webhooks_percent delivers byte-identical webhooks twice",
          "[metasim][faults]") {
    SimFixture sim;
    sim.configure({{"duplicate_webhooks_percent", 100}});
    const auto res = sim.send(order_update_send("+34600000001"));
    REQUIRE(res);
    const std::string wamid = json::parse(res->body)["messages"][0]["id"];
    REQUIRE(sim.receiver.wait_for(
        [&](const auto& hooks) { return statuses_of(hooks, wamid).size() >= 6; }));
    const auto hooks = sim.receiver.received();
    std::map<std::string, int> copies;
    for (const auto& hook : hooks) {
        CHECK(hook.signature_valid);
        ++copies[hook.body];
    }
    CHECK(copies.size() == 3);
    for (const auto& [body, count] : copies) {
        CHECK(count == 2);
    }
    CHECK(json::parse(sim.client->Get("/_sim/webhooks")->body)["duplicated"] == 3);
}

TEST_CASE("reorder_webhooks delivers read before delivered before sent", "[metasim][faults]") {
    SimFixture sim;
    sim.configure({{"reorder_webhooks", true}});
    const auto res = sim.send(order_update_send("+34600000001"));
    REQUIRE(res);
    const std::string wamid = json::parse(res->body)["messages"][0]["id"];
    REQUIRE(sim.receiver.wait_for(
        [&](const auto& hooks) { return statuses_of(hooks, wamid).size() >= 3; }));
    const auto statuses = statuses_of(sim.receiver.received(), wamid);
    CHECK(status_names(statuses) == std::vector<std::string>{"read", "delivered", "sent"});
    // The timestamps still tell the true order.
    CHECK(statuses[0]["timestamp"].get<std::string>() >=
          statuses[2]["timestamp"].get<std::string>());
}

TEST_CASE("the config endpoint returns the whole config and refuses bad values",
          "[metasim][faults]") {
    SimFixture sim;
    const auto res =
        sim.post("/_sim/config", {{"mps", 1000}, {"unreachable_numbers", {"+34 600 000 001"}}});
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const json config = json::parse(res->body);
    CHECK(config["mps"] == 1000);
    CHECK(config["unreachable_numbers"] == json{"34600000001"});
    for (const char* key : {"fail_5xx_percent", "rate_429_percent", "timeout_percent",
                            "late_answer_percent", "duplicate_webhooks_percent", "reorder_webhooks",
                            "status_delay_ms", "pair_rate_seconds", "read_percent"}) {
        CHECK(config.contains(key));
    }
    const auto bad = sim.post("/_sim/config", {{"read_percent", 150}});
    REQUIRE(bad);
    CHECK(bad->status == 422);
    CHECK(json::parse(bad->body)["error"]["field"] == "read_percent");
    const auto unknown = sim.post("/_sim/config", {{"speed_of_light", 1}});
    REQUIRE(unknown);
    CHECK(unknown->status == 422);
    CHECK(json::parse(sim.client->Get("/_sim/config")->body)["read_percent"] == 100);
}
