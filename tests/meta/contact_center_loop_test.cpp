// The live contact center over loopback HTTP with the simulator: customers write in, the bot
// answers with its menu through Meta, a digit queues them, routing hands them to an agent who
// works through the agent API, and conversations close; transfers of each kind; an agent going
// offline.
#include "meta_loop.hpp"

#include <catch2/catch.hpp>

using namespace waconsole::testing;
using json = nlohmann::json;

namespace {

// A skillset with digit 4 and one agent of it (logged in, ready), created through the APIs as
// a deployment would; the demo's own agents are all of other skillsets.
struct LoopTeam {
    std::int64_t skillset = 0;
    std::int64_t agent = 0;
    std::string agent_token;
};

LoopTeam make_team(MetaLoop& loop, const std::string& email) {
    LoopTeam team;
    auto skillset = loop.api_post("/api/team/skillsets", {{"name", "Returns"}, {"menu_digit", 4}});
    REQUIRE(skillset);
    REQUIRE(skillset->status == 201);
    team.skillset = json_of(skillset)["skillset"]["id"].get<std::int64_t>();
    auto agent = loop.api_post("/api/team/agents", {{"name", "Rita Returns"},
                                                    {"email", email},
                                                    {"skillsets", {team.skillset}},
                                                    {"max_concurrent_chats", 2}});
    REQUIRE(agent);
    REQUIRE(agent->status == 201);
    team.agent = json_of(agent)["agent"]["id"].get<std::int64_t>();
    team.agent_token = loop.server().login(email, json_of(agent)["password"].get<std::string>());
    return team;
}

void set_presence(MetaLoop& loop, const LoopTeam& team, const std::string& presence) {
    auto result =
        loop.api_post_as(team.agent_token, "/api/agent/presence", {{"presence", presence}});
    REQUIRE(result);
    REQUIRE(result->status == 200);
}

json my_conversations(MetaLoop& loop, const std::string& token) {
    auto client = loop.server().client();
    return json_of(
        client.Get("/api/agent/conversations", loop.server().bearer(token)))["conversations"];
}

std::string conversation_of(const std::string& wa_id) {
    return "(SELECT c.id FROM conversations c JOIN customers u ON u.id = c.customer_id WHERE "
           "u.wa_id = '" +
           wa_id + "' ORDER BY c.id DESC LIMIT 1)";
}

bool menu_sent_to(MetaLoop& loop, const std::string& wa_id) {
    const auto sends = loop.sim_get("/_sim/sends"); // kept alive: the loop reads into it
    for (const auto& send : sends["sends"]) {
        if (send["wa_id"] == wa_id && send["type"] == "text" &&
            send["request"]["text"]["body"].get<std::string>().find("4 - Returns") !=
                std::string::npos) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("a customer writes in, gets the menu, chooses, is routed, answered and closed") {
    MetaLoop loop;
    const auto team = make_team(loop, "rita@example.com");
    set_presence(loop, team, "ready");
    const std::string wa_id = "34611000001";
    loop.sim_post("/_sim/inbound", {{"from", wa_id}, {"name", "Lola"}, {"text", "hola"}});
    REQUIRE(eventually([&] { return menu_sent_to(loop, wa_id); }));
    CHECK(loop.text("SELECT state FROM conversations WHERE id = " + conversation_of(wa_id)) ==
          "bot");

    const auto digit =
        loop.sim_post("/_sim/inbound", {{"from", wa_id}, {"name", "Lola"}, {"text", "4"}});
    REQUIRE(eventually([&] { return my_conversations(loop, team.agent_token).size() == 1; }));
    const auto conversation = my_conversations(loop, team.agent_token)[0];
    CHECK(conversation["status"] == "assigned");
    const auto id = std::to_string(conversation["id"].get<std::int64_t>());

    auto accepted = loop.api_post_as(team.agent_token, "/api/agent/conversations/" + id + "/accept",
                                     json::object());
    REQUIRE(accepted);
    CHECK(json_of(accepted)["conversation"]["state"] == "active");
    auto reply = loop.api_post_as(team.agent_token, "/api/agent/conversations/" + id + "/reply",
                                  {{"text", "Hola Lola, ¿en qué te ayudo?"}});
    REQUIRE(reply);
    REQUIRE(reply->status == 200);
    CHECK(json_of(reply)["marked_read"] == true);
    // Marked read at Meta: the customer's newest message, the digit.
    const auto reads = loop.sim_get("/_sim/reads")["reads"];
    CHECK(std::find(reads.begin(), reads.end(), digit["wamid"]) != reads.end());
    CHECK(loop.count("SELECT COUNT(*) FROM conversations WHERE first_agent_reply_at IS NOT NULL "
                     "AND id = " +
                     id) == 1);

    auto closed = loop.api_post_as(team.agent_token, "/api/agent/conversations/" + id + "/close",
                                   {{"reason", "customer_left"}});
    REQUIRE(closed);
    CHECK(json_of(closed)["conversation"]["state"] == "closed");
    CHECK(json_of(closed)["conversation"]["close_reason"] == "customer_left");
    CHECK(loop.count("SELECT handled FROM conversations WHERE id = " + id) == 1);
    // Writing again after the close opens a new conversation with a new menu.
    loop.sim_post("/_sim/inbound", {{"from", wa_id}, {"name", "Lola"}, {"text", "otra cosa"}});
    REQUIRE(eventually([&] {
        return loop.count("SELECT COUNT(*) FROM conversations c JOIN customers u ON u.id = "
                          "c.customer_id WHERE u.wa_id = '" +
                          wa_id + "'") == 2;
    }));
    CHECK(loop.count("SELECT COUNT(*) FROM customers WHERE wa_id = '" + wa_id + "'") == 1);
}

TEST_CASE("an agent who logs out hands an assigned conversation back to the head of its queue") {
    MetaLoop loop;
    const auto team = make_team(loop, "rita@example.com");
    set_presence(loop, team, "ready");
    const std::string wa_id = "34611000002";
    loop.sim_post("/_sim/inbound", {{"from", wa_id}, {"name", "Pau"}, {"text", "hi"}});
    REQUIRE(eventually([&] { return menu_sent_to(loop, wa_id); }));
    loop.sim_post("/_sim/inbound", {{"from", wa_id}, {"name", "Pau"}, {"text", "4"}});
    REQUIRE(eventually([&] { return my_conversations(loop, team.agent_token).size() == 1; }));
    auto out = loop.server().client().Post("/api/logout", loop.server().bearer(team.agent_token),
                                           "", "application/json");
    REQUIRE(out);
    const auto id = conversation_of(wa_id);
    CHECK(loop.count("SELECT COUNT(*) FROM conversations WHERE id = " + id +
                     " AND state = 'waiting' AND agent_id IS NULL AND queue_priority > 0") == 1);
    CHECK(loop.text("SELECT presence FROM users WHERE id = " + std::to_string(team.agent)) ==
          "offline");
}

TEST_CASE("transfers over HTTP: exclusive to a user, immediate to a skillset with a warning, "
          "immediate to a user") {
    MetaLoop loop;
    const auto team = make_team(loop, "rita@example.com");
    const std::string wa_id = "34611000003";
    loop.sim_post("/_sim/inbound", {{"from", wa_id}, {"name", "Iker"}, {"text", "hola"}});
    REQUIRE(eventually([&] { return menu_sent_to(loop, wa_id); }));
    const auto id = std::to_string(loop.count("SELECT " + conversation_of(wa_id)));
    const auto path = "/api/conversations/" + id + "/transfer";

    // The agent is offline: an exclusive transfer waits in their queue.
    auto exclusive = loop.api_post(path, {{"to_user_id", team.agent}, {"mode", "exclusive"}});
    REQUIRE(exclusive);
    REQUIRE(exclusive->status == 200);
    CHECK(json_of(exclusive)["conversation"]["status"] == "agent_queue");
    CHECK_FALSE(json_of(exclusive)["warning"].is_null());

    auto to_skillset =
        loop.api_post(path, {{"to_skillset_id", team.skillset}, {"mode", "immediate"}});
    REQUIRE(to_skillset);
    CHECK(json_of(to_skillset)["conversation"]["status"] == "waitlist");
    CHECK(json_of(to_skillset)["warning"] == "no agent of Returns is logged in");

    set_presence(loop, team, "away"); // logged in, not taking new ones
    auto to_user = loop.api_post(path, {{"to_user_id", team.agent}, {"mode", "immediate"}});
    REQUIRE(to_user);
    CHECK(json_of(to_user)["conversation"]["status"] == "assigned");
    CHECK(json_of(to_user)["conversation"]["agent"]["id"] == team.agent);
    const auto transfers = json_of(to_user)["conversation"]["transfers"];
    REQUIRE(transfers.size() == 3);
    CHECK(transfers[0]["mode"] == "exclusive");
    CHECK(transfers[0]["to_user"] == "Rita Returns");
    CHECK(transfers[1]["to_skillset"] == "Returns");
    CHECK(transfers[2]["by"] == "Ana Admin");
}

TEST_CASE("the simulator's agents answer and close what customers start") {
    MetaLoopOptions options;
    options.sim_agents = {"sim-agent@example.com"};
    // The agent is created after the simulator starts: its agent retries the login every round.
    options.sim_agent_password = "sim-agent-password-2026";
    MetaLoop loop(options);
    {
        auto skillset =
            loop.api_post("/api/team/skillsets", {{"name", "Returns"}, {"menu_digit", 4}});
        const auto skillset_id = json_of(skillset)["skillset"]["id"].get<std::int64_t>();
        auto db = loop.services().pool.acquire();
        waconsole::NewUser user{"Sim Agent", "sim-agent@example.com", waconsole::Role::agent,
                                "sim-agent-password-2026"};
        const auto id = waconsole::create_user(*db, user, 0);
        db->prepare("INSERT INTO user_skillsets (user_id, skillset_id) VALUES (?, ?)")
            .bind(1, id)
            .bind(2, skillset_id)
            .run();
    }
    for (const char* wa_id : {"34611000010", "34611000011"}) {
        loop.sim_post("/_sim/inbound", {{"from", wa_id}, {"name", "C"}, {"text", "hola"}});
        REQUIRE(eventually([&] { return menu_sent_to(loop, wa_id); }));
        loop.sim_post("/_sim/inbound", {{"from", wa_id}, {"name", "C"}, {"text", "4"}});
    }
    REQUIRE(eventually(
        [&] {
            return loop.count("SELECT COUNT(*) FROM conversations c JOIN customers u ON u.id = "
                              "c.customer_id WHERE u.wa_id LIKE '3461100001%' AND c.state = "
                              "'closed' AND c.close_reason = 'agent_closed' AND c.handled = 1") ==
                   2;
        },
        std::chrono::seconds(20)));
    CHECK(loop.count("SELECT COUNT(*) FROM messages m JOIN users u ON u.id = m.sent_by_user_id "
                     "WHERE u.email = 'sim-agent@example.com' AND m.direction = 'out'") >= 2);
}
