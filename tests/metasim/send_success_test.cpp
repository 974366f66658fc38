// Accepted sends: Meta's success body and the wa_id rewrites for Mexico and Brazil.
#include "metasim/wa_id.hpp"
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::metasim;
using namespace waconsole::test;

TEST_CASE("an accepted template send answers with Meta's success body", "[metasim][send]") {
    SimFixture sim;
    const auto res = sim.send(order_update_send("+34 600 000 001"));
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const json body = json::parse(res->body);
    CHECK(body["messaging_product"] == "whatsapp");
    REQUIRE(body["contacts"].size() == 1);
    CHECK(body["contacts"][0]["input"] == "+34 600 000 001");
    CHECK(body["contacts"][0]["wa_id"] == "34600000001");
    REQUIRE(body["messages"].size() == 1);
    CHECK(body["messages"][0]["id"].get<std::string>().rfind("wamid.", 0) == 0);
    CHECK(body["messages"][0]["message_status"] == "accepted");
    CHECK(body.size() == 3);
}

TEST_CASE("every accepted send gets its own wamid", "[metasim][send]") {
    SimFixture sim;
    const auto first = sim.send(order_update_send("+34600000001"));
    const auto second = sim.send(order_update_send("+34600000002"));
    REQUIRE(first);
    REQUIRE(second);
    CHECK(json::parse(first->body)["messages"][0]["id"] !=
          json::parse(second->body)["messages"][0]["id"]);
}

TEST_CASE("a text send carries no message_status, like Meta's", "[metasim][send]") {
    SimFixture sim;
    const auto res = sim.send(text_send("+34600000001", "Hola"));
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK_FALSE(json::parse(res->body)["messages"][0].contains("message_status"));
}

TEST_CASE("named template parameters are accepted with their names", "[metasim][send]") {
    SimFixture sim;
    json body = template_send("+5511987654321", "delivery_feedback", "pt_BR", {"João", "B-77"});
    auto& parameters = body["template"]["components"][0]["parameters"];
    parameters[0]["parameter_name"] = "customer_name";
    parameters[1]["parameter_name"] = "order_id";
    const auto res = sim.send(body);
    REQUIRE(res);
    CHECK(res->status == 200);
}

TEST_CASE("wa_id rewrites follow Meta's documented Mexico and Brazil cases", "[metasim][wa_id]") {
    // Mexico: 52 + 10 digits is answered as 521 + 10 digits; the 521 form stays.
    CHECK(canonical_wa_id("525512345678") == "5215512345678");
    CHECK(canonical_wa_id("5215512345678") == "5215512345678");
    // Brazil: 55 + area + 9 + 8 digits loses the ninth digit; the 12-digit form stays.
    CHECK(canonical_wa_id("5511987654321") == "551187654321");
    CHECK(canonical_wa_id("551187654321") == "551187654321");
    // Everything else is its own wa_id.
    CHECK(canonical_wa_id("34600000001") == "34600000001");
    CHECK(canonical_wa_id("14155550123") == "14155550123");
}

TEST_CASE("the send response returns the canonical wa_id and echoes the input",
          "[metasim][wa_id]") {
    SimFixture sim;
    const auto cases = std::vector<std::pair<std::string, std::string>>{
        {"+52 55 1234 5678", "5215512345678"},
        {"+5511987654321", "551187654321"},
        {"+34600000001", "34600000001"},
    };
    for (const auto& [to, wa_id] : cases) {
        const auto res = sim.send(order_update_send(to));
        REQUIRE(res);
        REQUIRE(res->status == 200);
        const json body = json::parse(res->body);
        CHECK(body["contacts"][0]["input"] == to);
        CHECK(body["contacts"][0]["wa_id"] == wa_id);
    }
}

TEST_CASE("an interactive reply-button message is accepted inside the window", "[metasim][send]") {
    SimFixture sim;
    REQUIRE(sim.post("/_sim/inbound", {{"from", "34600000001"}, {"text", "hola"}})->status == 200);
    const json body = {
        {"messaging_product", "whatsapp"},
        {"to", "34600000001"},
        {"type", "interactive"},
        {"interactive",
         {{"type", "button"},
          {"body", {{"text", "¿Te ayudo con algo más?"}}},
          {"action",
           {{"buttons",
             json::array({{{"type", "reply"}, {"reply", {{"id", "yes"}, {"title", "Sí"}}}},
                          {{"type", "reply"}, {"reply", {{"id", "no"}, {"title", "No"}}}}})}}}}}};
    const auto res = sim.send(body);
    REQUIRE(res);
    CHECK(res->status == 200);
    json too_many = body;
    auto& buttons = too_many["interactive"]["action"]["buttons"];
    for (const char* id : {"a", "b"}) {
        buttons.push_back({{"type", "reply"}, {"reply", {{"id", id}, {"title", id}}}});
    }
    const auto refused = sim.send(too_many);
    REQUIRE(refused);
    CHECK(refused->status == 400);
    CHECK(json::parse(refused->body)["error"]["code"] == 100);
}
