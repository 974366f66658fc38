#include "server/clock.hpp"
#include "test_server.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::testing;
using json = nlohmann::json;

namespace {

httplib::Result post(RunningServer& server, const std::string& token, const std::string& path,
                     const json& body) {
    return server.client().Post(path.c_str(), server.bearer(token), body.dump(),
                                "application/json");
}

} // namespace

TEST_CASE("an agent created through the team API logs in with the password returned once, and "
          "disabling ends their session") {
    RunningServer server;
    const auto admin = server.admin_token();
    auto created = post(server, admin, "/api/team/agents",
                        {{"name", "Nora Quist"},
                         {"email", "nora@example.com"},
                         {"skillsets", {1, 2}},
                         {"max_concurrent_chats", 5},
                         {"licence_type", "premium"}});
    REQUIRE(created);
    REQUIRE(created->status == 201);
    const auto body = json_of(created);
    CHECK(body["agent"]["skillsets"] == json({1, 2}));
    CHECK(body["agent"]["max_concurrent_chats"] == 5);
    CHECK(body["agent"]["role"] == "agent");
    const auto id = body["agent"]["id"].get<std::int64_t>();
    const auto token = server.login("nora@example.com", body["password"].get<std::string>());

    auto team = json_of(server.client().Get("/api/team", server.bearer(admin)));
    CHECK(std::any_of(team["agents"].begin(), team["agents"].end(),
                      [](const json& a) { return a["email"] == "nora@example.com"; }));

    auto edited = post(server, admin, "/api/team/agents/" + std::to_string(id),
                       {{"max_concurrent_chats", 2}});
    REQUIRE(edited);
    CHECK(json_of(edited)["agent"]["max_concurrent_chats"] == 2);
    CHECK(json_of(edited)["agent"]["licence_type"] == "premium");

    auto disabled =
        post(server, admin, "/api/team/agents/" + std::to_string(id) + "/disable", json::object());
    REQUIRE(disabled);
    CHECK(json_of(disabled)["agent"]["disabled"] == true);
    auto refused = server.client().Get("/api/agent/conversations", server.bearer(token));
    REQUIRE(refused);
    CHECK(refused->status == 401);
    auto enabled =
        post(server, admin, "/api/team/agents/" + std::to_string(id) + "/enable", json::object());
    CHECK(json_of(enabled)["agent"]["disabled"] == false);
}

TEST_CASE("bad team input is a 4xx naming the field and changes nothing") {
    RunningServer server;
    const auto admin = server.admin_token();
    const auto users_before = json_of(server.client().Get("/api/team", server.bearer(admin)));
    struct Row {
        const char* path;
        json body;
        int status;
        const char* field;
    };
    const Row rows[] = {
        {"/api/team/agents", {{"email", "x@example.com"}}, 422, "name"},
        {"/api/team/agents", {{"name", "X"}, {"email", "not-an-address"}}, 422, "email"},
        {"/api/team/agents", {{"name", "X"}, {"email", "admin@waconsole.local"}}, 409, "email"},
        {"/api/team/agents",
         {{"name", "X"}, {"email", "x@example.com"}, {"skillsets", {99}}},
         422,
         "skillsets"},
        {"/api/team/agents",
         {{"name", "X"}, {"email", "x@example.com"}, {"max_concurrent_chats", -1}},
         422,
         "max_concurrent_chats"},
        {"/api/team/agents",
         {{"name", "X"}, {"email", "x@example.com"}, {"role", "root"}},
         422,
         "role"},
        {"/api/team/skillsets", {{"name", "Returns"}, {"menu_digit", 1}}, 409, "menu_digit"},
        {"/api/team/skillsets", {{"name", "Returns"}, {"menu_digit", 10}}, 422, "menu_digit"},
        {"/api/team/skillsets", {{"name", "sales"}}, 409, "name"},
        {"/api/settings/bot", {{"reprompt_limit", 11}}, 422, "reprompt_limit"},
        {"/api/settings/bot", {{"menu_intro", ""}}, 422, "menu_intro"},
        {"/api/settings/bot", {{"exclusive_timeout_seconds", 0}}, 422, "exclusive_timeout_seconds"},
    };
    for (const auto& row : rows) {
        INFO(row.path << " " << row.body.dump());
        auto result = post(server, admin, row.path, row.body);
        REQUIRE(result);
        CHECK(result->status == row.status);
        CHECK(json_of(result)["error"]["field"] == row.field);
    }
    CHECK(json_of(server.client().Get("/api/team", server.bearer(admin))) == users_before);
    auto settings = json_of(server.client().Get("/api/settings/bot", server.bearer(admin)));
    CHECK(settings["settings"]["reprompt_limit"] == 2);
}

TEST_CASE("skillsets are created with a free digit, and the bot settings are saved") {
    RunningServer server;
    const auto admin = server.admin_token();
    auto created =
        post(server, admin, "/api/team/skillsets", {{"name", "Returns"}, {"menu_digit", 4}});
    REQUIRE(created);
    CHECK(created->status == 201);
    CHECK(json_of(created)["skillset"]["menu_digit"] == 4);
    const auto id = json_of(created)["skillset"]["id"].get<std::int64_t>();
    auto cleared =
        post(server, admin, "/api/team/skillsets/" + std::to_string(id), {{"menu_digit", nullptr}});
    CHECK(json_of(cleared)["skillset"]["menu_digit"].is_null());
    auto saved =
        post(server, admin, "/api/settings/bot",
             {{"menu_intro", "Hola"}, {"reprompt_limit", 0}, {"exclusive_timeout_seconds", 120}});
    REQUIRE(saved);
    CHECK(saved->status == 200);
    auto read = json_of(server.client().Get("/api/settings/bot", server.bearer(admin)));
    CHECK(
        read["settings"] ==
        json({{"menu_intro", "Hola"}, {"reprompt_limit", 0}, {"exclusive_timeout_seconds", 120}}));
}

TEST_CASE("transfer targets list users with presence and load and skillsets with ready agents") {
    RunningServer server;
    const auto admin = server.admin_token();
    auto targets = json_of(server.client().Get("/api/transfer-targets", server.bearer(admin)));
    REQUIRE(targets["users"].size() >= 6);
    for (const auto& user : targets["users"]) {
        CHECK(user.contains("presence"));
        CHECK(user.contains("load"));
        CHECK(user.contains("capacity"));
    }
    REQUIRE(targets["skillsets"].size() == 3);
    CHECK(targets["skillsets"][0]["name"] == "Sales");
    CHECK(targets["skillsets"][0].contains("ready_agents"));
    CHECK(targets["skillsets"][0].contains("logged_in_agents"));
}

TEST_CASE("the transfer route refuses a closed conversation with 409 and a bad body with 422") {
    RunningServer server;
    const auto admin = server.admin_token();
    std::int64_t closed = 0;
    {
        auto db = server.services().pool.acquire();
        auto query = db->prepare("SELECT id FROM conversations WHERE state = 'closed' LIMIT 1");
        REQUIRE(query.step());
        closed = query.get_int(0);
    }
    auto refused = post(server, admin, "/api/conversations/" + std::to_string(closed) + "/transfer",
                        {{"to_skillset_id", 1}, {"mode", "immediate"}});
    REQUIRE(refused);
    CHECK(refused->status == 409);
    CHECK(json_of(refused)["error"]["code"] == "conversation_closed");
    auto bad_mode =
        post(server, admin, "/api/conversations/" + std::to_string(closed) + "/transfer",
             {{"to_skillset_id", 1}, {"mode", "sideways"}});
    CHECK(json_of(bad_mode)["error"]["field"] == "mode");
    auto both = post(server, admin, "/api/conversations/" + std::to_string(closed) + "/transfer",
                     {{"to_skillset_id", 1}, {"to_user_id", 2}, {"mode", "immediate"}});
    CHECK(both->status == 422);
    auto missing = post(server, admin, "/api/conversations/999999/transfer",
                        {{"to_skillset_id", 1}, {"mode", "immediate"}});
    CHECK(missing->status == 404);
}
