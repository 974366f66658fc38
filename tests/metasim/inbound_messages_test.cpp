// Customers writing in: POST /_sim/inbound in Meta's message shapes, and generated traffic.
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>
#include <chrono>

using namespace waconsole;
using namespace waconsole::metasim;
using namespace waconsole::test;

namespace {

// The inbound message with this wamid and its contact, after waiting for its webhook.
std::pair<json, json> inbound(SimFixture& sim, const json& request) {
    const auto res = sim.post("/_sim/inbound", request);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const std::string wamid = json::parse(res->body)["wamid"];
    json message;
    json contact;
    REQUIRE(sim.receiver.wait_for([&](const std::vector<ReceivedWebhook>& hooks) {
        for (const auto& hook : hooks) {
            const json& value = hook.parsed["entry"][0]["changes"][0]["value"];
            if (value.contains("messages") && value["messages"][0]["id"] == wamid) {
                message = value["messages"][0];
                contact = value["contacts"][0];
                return hook.signature_valid;
            }
        }
        return false;
    }));
    return {message, contact};
}

} // namespace

TEST_CASE("an inbound text arrives in Meta's message shape", "[metasim][inbound]") {
    SimFixture sim;
    const auto [message, contact] =
        inbound(sim, {{"from", "+52 55 1234 5678"}, {"name", "Zoë Ñúñez"}, {"text", "hola"}});
    CHECK(contact["profile"]["name"] == "Zoë Ñúñez");
    CHECK(contact["wa_id"] == "5215512345678");
    CHECK(message["from"] == "5215512345678");
    CHECK(message["type"] == "text");
    CHECK(message["text"]["body"] == "hola");
    CHECK(message["timestamp"].is_string());
    CHECK(message["id"].get<std::string>().rfind("wamid.", 0) == 0);
}

TEST_CASE("an inbound message written earlier carries that time, and a time outside the last 30 "
          "days is refused",
          "[metasim][inbound]") {
    SimFixture sim;
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    const auto written = now - 24 * 60 * 60 + 5;
    const auto [message, contact] =
        inbound(sim, {{"from", "34600000002"}, {"text", "late"}, {"timestamp", written}});
    CHECK(message["timestamp"] == std::to_string(written));
    for (const json& wrong : {json(now + 60), json(now - 31 * 24 * 60 * 60), json("yesterday")}) {
        const auto res = sim.post("/_sim/inbound",
                                  {{"from", "34600000002"}, {"text", "x"}, {"timestamp", wrong}});
        REQUIRE(res);
        CHECK(res->status == 422);
        CHECK(res->body.find("timestamp") != std::string::npos);
    }
}

TEST_CASE("a template quick-reply tap arrives as a button message with its context",
          "[metasim][inbound]") {
    SimFixture sim;
    const auto [message, contact] =
        inbound(sim, {{"from", "34600000001"},
                      {"name", "Ana"},
                      {"button", {{"payload", "C42|YES"}, {"text", "Sí"}}},
                      {"context_id", "wamid.campaign"}});
    CHECK(message["type"] == "button");
    CHECK(message["button"] == json{{"payload", "C42|YES"}, {"text", "Sí"}});
    CHECK(message["context"]["id"] == "wamid.campaign");
    CHECK(message["context"]["from"] == "15550001234");
}

TEST_CASE("interactive replies and media arrive in Meta's shapes", "[metasim][inbound]") {
    SimFixture sim;
    const auto button =
        inbound(sim, {{"from", "34600000001"},
                      {"interactive", {{"button_reply", {{"id", "yes"}, {"title", "Sí"}}}}}})
            .first;
    CHECK(button["type"] == "interactive");
    CHECK(button["interactive"]["type"] == "button_reply");
    CHECK(button["interactive"]["button_reply"]["id"] == "yes");
    const auto list =
        inbound(sim, {{"from", "34600000001"},
                      {"interactive",
                       {{"list_reply",
                         {{"id", "r1"}, {"title", "Envíos"}, {"description", "Dónde está"}}}}}})
            .first;
    CHECK(list["interactive"]["type"] == "list_reply");
    CHECK(list["interactive"]["list_reply"]["title"] == "Envíos");
    const auto image = inbound(sim, {{"from", "34600000001"}, {"media", "image"}}).first;
    CHECK(image["type"] == "image");
    CHECK(image["image"]["mime_type"] == "image/jpeg");
    CHECK(image["image"]["id"].is_string());
    CHECK(image["image"]["sha256"].is_string());
}

TEST_CASE("an inbound request without a message is refused", "[metasim][inbound]") {
    SimFixture sim;
    const auto res = sim.post("/_sim/inbound", {{"from", "34600000001"}});
    REQUIRE(res);
    CHECK(res->status == 422);
    CHECK(json::parse(res->body)["error"]["code"] == "validation_failed");
}

TEST_CASE("generated traffic brings the requested number of customers writing in",
          "[metasim][inbound][traffic]") {
    SimFixture sim;
    sim.configure({{"traffic_reply_delay_ms", 50}});
    const auto res = sim.post("/_sim/traffic", {{"conversations", 4}});
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const json answer = json::parse(res->body);
    REQUIRE(answer["customers"].size() == 4);
    int menu_answers = 0;
    for (const auto& customer : answer["customers"]) {
        menu_answers += customer["answers_menu"].get<bool>() ? 1 : 0;
    }
    const std::size_t expected = 4 + static_cast<std::size_t>(menu_answers);
    REQUIRE(sim.receiver.wait_for([&](const auto& hooks) { return hooks.size() >= expected; },
                                  std::chrono::seconds(8)));
    std::set<std::string> writers;
    for (const auto& hook : sim.receiver.received()) {
        const json& value = hook.parsed["entry"][0]["changes"][0]["value"];
        CHECK(hook.signature_valid);
        CHECK_FALSE(value["contacts"][0]["profile"]["name"].get<std::string>().empty());
        writers.insert(value["messages"][0]["from"].get<std::string>());
    }
    CHECK(writers.size() == 4);
    // A customer who wrote in has an open window: free text to them is delivered.
    const std::string customer = answer["customers"][0]["wa_id"];
    const auto text = sim.send(text_send(customer, "Hola, soy tu agente"));
    REQUIRE(text);
    CHECK(text->status == 200);
}
