// GET /{waba-id}/message_templates: Meta's shape, cursor paging through every page, field
// selection, a catalogue from a file, and template status changes with their webhook.
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <set>

using namespace waconsole;
using namespace waconsole::metasim;
using namespace waconsole::test;

namespace {

const char* kListing = "/v21.0/2000000001/message_templates";

// The path and query of a paging.next URL, for the test's client.
std::string path_of(const std::string& url) {
    const std::size_t host = url.find("://");
    return url.substr(url.find('/', host + 3));
}

} // namespace

TEST_CASE("the template listing pages through every template with cursors",
          "[metasim][templates]") {
    SimFixture sim;
    std::set<std::string> seen;
    std::size_t pages = 0;
    std::string path = std::string(kListing) + "?fields=name,language,status&limit=3";
    while (true) {
        const auto res = sim.get(path);
        REQUIRE(res);
        REQUIRE(res->status == 200);
        const json page = json::parse(res->body);
        ++pages;
        for (const auto& tpl : page["data"]) {
            CHECK(seen.insert(tpl["name"].get<std::string>() + "/" +
                              tpl["language"].get<std::string>())
                      .second);
            CHECK_FALSE(tpl.contains("components")); // not asked for
        }
        REQUIRE(page["paging"]["cursors"].contains("before"));
        REQUIRE(page["paging"]["cursors"].contains("after"));
        if (!page["paging"].contains("next")) {
            CHECK(page["data"].size() <= 3);
            break;
        }
        CHECK(page["data"].size() == 3);
        const std::string next = page["paging"]["next"];
        CHECK(next.rfind("http://", 0) == 0);
        path = path_of(next);
        REQUIRE(pages < 10);
    }
    CHECK(seen.size() == 10);
    CHECK(pages == 4);
}

TEST_CASE("a listed template has Meta's fields and components", "[metasim][templates]") {
    SimFixture sim;
    const auto res = sim.get(std::string(kListing) + "?name=order_update&limit=1");
    REQUIRE(res);
    const json tpl = json::parse(res->body)["data"][0];
    CHECK(tpl["name"] == "order_update");
    CHECK(tpl["language"] == "es_MX");
    CHECK(tpl["status"] == "APPROVED");
    CHECK(tpl["category"] == "UTILITY");
    CHECK(tpl["parameter_format"] == "POSITIONAL");
    CHECK(tpl["id"].is_string());
    std::map<std::string, json> components;
    for (const auto& component : tpl["components"]) {
        components[component["type"]] = component;
    }
    CHECK(components["BODY"]["text"].get<std::string>().find("{{2}}") != std::string::npos);
    CHECK(components["BODY"]["example"]["body_text"][0].size() == 2);
    CHECK(components["HEADER"]["format"] == "TEXT");
    const json& buttons = components["BUTTONS"]["buttons"];
    CHECK(buttons[0]["type"] == "QUICK_REPLY");
    CHECK(buttons[2]["type"] == "URL");
    CHECK(buttons[2]["url"] == "https://example.com/track/{{1}}");
}

TEST_CASE("the listing needs the token and the account's own WABA id", "[metasim][templates]") {
    SimFixture sim;
    const auto no_token = sim.client->Get(kListing);
    REQUIRE(no_token);
    CHECK(no_token->status == 401);
    CHECK(json::parse(no_token->body)["error"]["code"] == 190);
    const auto other = sim.get("/v21.0/42/message_templates");
    REQUIRE(other);
    CHECK(json::parse(other->body)["error"]["code"] == 100);
    const auto bad_cursor = sim.get(std::string(kListing) + "?after=bm9wZQ%3D%3D");
    REQUIRE(bad_cursor);
    CHECK(bad_cursor->status == 400);
}

TEST_CASE("a templates file replaces the built-in catalogue", "[metasim][templates]") {
    const std::string path = "metasim_templates_test.json";
    {
        std::ofstream out(path);
        out << R"([{"name":"only_one","language":"en_US","status":"APPROVED","category":"MARKETING",
                   "components":[{"type":"BODY","text":"Hello {{1}}"}]}])";
    }
    SimFixture sim([&](SimOptions& options) { options.templates_file = path; });
    const json page = json::parse(sim.get(kListing)->body);
    REQUIRE(page["data"].size() == 1);
    CHECK(page["data"][0]["name"] == "only_one");
    CHECK_FALSE(page["paging"].contains("next"));
    CHECK(sim.send(template_send("+34600000001", "only_one", "en_US", {"Ana"}))->status == 200);
    CHECK(sim.send(order_update_send("+34600000002"))->status == 404);
    std::remove(path.c_str());
}

TEST_CASE("pausing a template blocks its sends and sends the status-update webhook",
          "[metasim][templates]") {
    SimFixture sim;
    const auto res = sim.post("/_sim/templates/status", {{"name", "order_update"},
                                                         {"language", "es_MX"},
                                                         {"status", "PAUSED"},
                                                         {"reason", "LOW_QUALITY"}});
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const auto paused = sim.send(order_update_send("+34600000001"));
    REQUIRE(paused);
    CHECK(json::parse(paused->body)["error"]["code"] == 132015);
    REQUIRE(sim.receiver.wait_for([](const auto& hooks) { return !hooks.empty(); }));
    const auto hook = sim.receiver.received().front();
    CHECK(hook.signature_valid);
    const json& change = hook.parsed["entry"][0]["changes"][0];
    CHECK(change["field"] == "message_template_status_update");
    CHECK(change["value"]["event"] == "PAUSED");
    CHECK(change["value"]["message_template_name"] == "order_update");
    CHECK(change["value"]["message_template_language"] == "es_MX");
    CHECK(change["value"]["message_template_id"] == 1402761960000001);
    CHECK(change["value"]["reason"] == "LOW_QUALITY");
    const json listed =
        json::parse(sim.get(std::string(kListing) + "?name=order_update&limit=1")->body);
    CHECK(listed["data"][0]["status"] == "PAUSED");
    // The English translation is untouched.
    CHECK(
        sim.send(template_send("+34600000001", "order_update", "en_US", {"Ana", "A-1"}))->status ==
        400 /* URL button parameter missing, not paused */);
    CHECK(sim.post("/_sim/templates/status", {{"name", "nope"}, {"status", "PAUSED"}})->status ==
          404);
}
