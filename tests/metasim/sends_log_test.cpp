// GET /_sim/sends records exactly the sends "Meta" accepted, in order.
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>

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
