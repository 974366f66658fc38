// GET /_sim/sends records exactly the sends "Meta" accepted, in order, bounded by send_log_limit.
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>
#include <malloc.h>

using namespace waconsole;
using namespace waconsole::metasim;
using namespace waconsole::test;

TEST_CASE("the sends log counts exactly the accepted sends", "[metasim][sends]") {
    SimFixture sim([](SimOptions& options) { options.config.pair_rate_seconds = 60; });
    std::vector<std::string> accepted;
    auto try_send = [&](const json& body) {
        const auto res = sim.send(body);
        REQUIRE(res);
        if (res->status == 200) {
            accepted.push_back(json::parse(res->body)["messages"][0]["id"]);
        }
    };
    try_send(order_update_send("+34600000001"));
    try_send(order_update_send("+34600000001"));                     // pair rate
    try_send(template_send("+34600000002", "no_such", "en_US", {})); // 132001
    try_send(text_send("+34600000003", "hola")); // accepted, fails later by webhook
    try_send(order_update_send("+34600000004"));
    REQUIRE(accepted.size() == 3);

    const json sends = sim.sends();
    REQUIRE(sends.size() == 3);
    for (std::size_t i = 0; i < sends.size(); ++i) {
        CHECK(sends[i]["seq"] == i + 1);
        CHECK(sends[i]["wamid"] == accepted[i]);
        CHECK(sends[i]["at_ms"].get<std::int64_t>() > 0);
    }
    CHECK(sends[0]["type"] == "template");
    CHECK(sends[0]["template"] == "order_update");
    CHECK(sends[0]["to"] == "+34600000001");
    CHECK(sends[0]["wa_id"] == "34600000001");
    CHECK(sends[0]["request"]["template"]["language"]["code"] == "es_MX");
    CHECK(sends[1]["type"] == "text");
    CHECK(sends[1]["template"].is_null());

    const auto since = sim.client->Get("/_sim/sends?since=2");
    REQUIRE(since);
    const json later = json::parse(since->body)["sends"];
    REQUIRE(later.size() == 1);
    CHECK(later[0]["seq"] == 3);
    CHECK(sim.client->Get("/_sim/sends?since=x")->status == 400);
}

TEST_CASE("the sends log keeps the newest send_log_limit records and counts the dropped ones",
          "[metasim][sends]") {
    SimFixture sim;
    CHECK(json::parse(sim.client->Get("/_sim/config")->body)["send_log_limit"] == 2'000'000);
    sim.configure({{"send_log_limit", 3}});
    std::vector<std::string> accepted;
    for (int i = 1; i <= 5; ++i) {
        const auto res = sim.send(order_update_send("+3460000000" + std::to_string(i)));
        REQUIRE(res);
        REQUIRE(res->status == 200);
        accepted.push_back(json::parse(res->body)["messages"][0]["id"]);
    }
    auto list = [&](const std::string& path) {
        const auto res = sim.client->Get(path);
        REQUIRE(res);
        REQUIRE(res->status == 200);
        return json::parse(res->body);
    };
    for (const char* path : {"/_sim/sends", "/_sim/sends?since=0", "/_sim/sends?since=1"}) {
        INFO(path);
        const json all = list(path);
        CHECK(all["dropped"] == 2);
        REQUIRE(all["sends"].size() == 3);
        for (std::size_t i = 0; i < 3; ++i) {
            CHECK(all["sends"][i]["seq"] == i + 3);
            CHECK(all["sends"][i]["wamid"] == accepted[i + 2]);
            CHECK(all["sends"][i]["to"] == "+3460000000" + std::to_string(i + 3));
            CHECK(all["sends"][i]["request"]["template"]["name"] == "order_update");
        }
    }
    const json later = list("/_sim/sends?since=4");
    REQUIRE(later["sends"].size() == 1);
    CHECK(later["sends"][0]["seq"] == 5);
    CHECK(later["dropped"] == 2);
    CHECK(list("/_sim/sends?since=5")["sends"].empty());

    // Sequence numbers go on across a raised limit.
    sim.configure({{"send_log_limit", 10}});
    REQUIRE(sim.send(order_update_send("+34600000006"))->status == 200);
    const json raised = list("/_sim/sends?since=5");
    REQUIRE(raised["sends"].size() == 1);
    CHECK(raised["sends"][0]["seq"] == 6);
    CHECK(list("/_sim/sends")["sends"].size() == 4);

    const auto bad = sim.post("/_sim/config", {{"send_log_limit", 0}});
    REQUIRE(bad);
    CHECK(bad->status == 422);
    CHECK(json::parse(bad->body)["error"]["field"] == "send_log_limit");
}

TEST_CASE("a send log record costs its request and little more", "[metasim][sends]") {
    const std::string request = order_update_send("+34600000001").dump();
    auto record = [&](int i) {
        SendRecord record;
        record.wamid = "wamid.HBgLMzQ2MDAwMDAwMDEVAgARGBI" + std::to_string(i);
        record.to = "+34600000001";
        record.wa_id = "34600000001";
        record.type = "template";
        record.template_name = "order_update";
        record.raw_request = request;
        record.at_ms = 1'700'000'000'000 + i;
        return record;
    };
    constexpr int kRecords = 100'000;
    const std::size_t before = mallinfo2().uordblks;
    SendLog log;
    for (int i = 0; i < kRecords; ++i) {
        log.append(record(i));
    }
    const std::size_t used = mallinfo2().uordblks - before;
    INFO("request " << request.size() << " bytes, " << used / kRecords << " bytes per record");
    CHECK(used < static_cast<std::size_t>(kRecords) * (request.size() + 200));

    // Bounded, it keeps only the newest.
    SendLog bounded;
    for (int i = 0; i < 1000; ++i) {
        bounded.append(record(i), 100);
    }
    CHECK(bounded.size() == 100);
    CHECK(bounded.dropped() == 900);
    const json listed = bounded.list_since(0);
    CHECK(listed["sends"][0]["seq"] == 901);
    CHECK(listed["sends"][0]["wamid"] == record(900).wamid);
    CHECK(listed["sends"][0]["template"] == "order_update");
    CHECK(listed["sends"][99]["at_ms"] == record(999).at_ms);
}
