// What open consoles learn from GET /api/changes.
#include "server/live/change_feed.hpp"
#include "server/meta/webhook_signature.hpp"
#include "test_server.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

std::vector<std::string> names(const std::vector<Topic>& topics) {
    std::vector<std::string> out;
    for (const auto topic : topics) {
        out.push_back(to_string(topic));
    }
    return out;
}

} // namespace

TEST_CASE("the change feed names only the topics bumped after a version") {
    ChangeFeed feed;
    const auto start = feed.since(feed.run(), 0);
    feed.bump(Topic::team);
    const auto after_team = feed.since(feed.run(), start.version);
    CHECK(names(after_team.changed) == std::vector<std::string>{"team"});
    CHECK(after_team.version > start.version);
    CHECK(feed.since(feed.run(), after_team.version).changed.empty());
    feed.bump({Topic::conversations, Topic::messages});
    CHECK(names(feed.since(feed.run(), after_team.version).changed) ==
          std::vector<std::string>{"conversations", "messages"});
}

TEST_CASE("a version from another run of the server means everything changed") {
    ChangeFeed feed;
    const auto answer = feed.since("an-older-run", 999999);
    CHECK(answer.changed.size() == kTopicCount);
    CHECK(answer.run == feed.run());
}

TEST_CASE("GET /api/changes needs an administrator and answers from the feed") {
    RunningServer server(true);
    auto client = server.client();
    auto anonymous = client.Get("/api/changes");
    REQUIRE(anonymous);
    CHECK(anonymous->status == 401);

    const auto headers = server.bearer(server.admin_token());
    const auto first = json_of(client.Get("/api/changes", headers));
    const auto run = first.at("run").get<std::string>();
    const auto version = first.at("version").get<std::uint64_t>();
    const auto query = "/api/changes?run=" + run + "&since=" + std::to_string(version);
    CHECK(json_of(client.Get(query, headers)).at("changed").empty());

    server.services().changes.bump(Topic::conversations);
    const auto later = json_of(client.Get(query, headers));
    CHECK(later.at("changed") == nlohmann::json::array({"conversations"}));

    auto bad = client.Get("/api/changes?since=soon", headers);
    REQUIRE(bad);
    CHECK(bad->status == 400);
    CHECK(json_of(bad).at("error").at("field") == "since");
}

TEST_CASE("a customer's message arriving by webhook tells consoles that conversations and "
          "messages changed") {
    ServerConfig config;
    config.meta.app_secret = "feed-secret";
    RunningServer server(true, config);
    const auto before = server.services().changes.since(server.services().changes.run(), 0);
    const nlohmann::json body = {
        {"object", "whatsapp_business_account"},
        {"entry",
         {{{"id", "2000000001"},
           {"changes",
            {{{"field", "messages"},
              {"value",
               {{"messaging_product", "whatsapp"},
                {"contacts", {{{"profile", {{"name", "Ana"}}}, {"wa_id", "34600000077"}}}},
                {"messages",
                 {{{"from", "34600000077"},
                   {"id", "wamid.FEED1"},
                   {"timestamp", "1700000000"},
                   {"type", "text"},
                   {"text", {{"body", "hola"}}}}}}}}}}}}}}};
    const auto text = body.dump();
    auto answer = server.client().Post(
        "/webhook", {{"X-Hub-Signature-256", webhook_signature("feed-secret", text)}}, text,
        "application/json");
    REQUIRE(answer);
    REQUIRE(answer->status == 200);
    const auto after =
        server.services().changes.since(server.services().changes.run(), before.version);
    // The routing pass the new conversation wakes may also assign the demo's waiting
    // conversations (team); templates and campaigns did not change.
    const auto changed = names(after.changed);
    const auto has = [&](const std::string& topic) {
        return std::find(changed.begin(), changed.end(), topic) != changed.end();
    };
    CHECK(has("conversations"));
    CHECK(has("messages"));
    CHECK_FALSE(has("templates"));
    CHECK_FALSE(has("campaigns"));
}
