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

// An agent created through the Team API and logged in: its id and session token.
std::pair<std::int64_t, std::string> make_agent(MetaLoop& loop, const std::string& name,
                                                const std::string& email,
                                                const std::vector<std::int64_t>& skillsets) {
    auto agent = loop.api_post(
        "/api/team/agents",
        {{"name", name}, {"email", email}, {"skillsets", skillsets}, {"max_concurrent_chats", 2}});
    REQUIRE(agent);
    INFO(agent->body);
    REQUIRE(agent->status == 201);
    return {json_of(agent)["agent"]["id"].get<std::int64_t>(),
            loop.server().login(email, json_of(agent)["password"].get<std::string>())};
}

LoopTeam make_team(MetaLoop& loop, const std::string& email) {
    LoopTeam team;
    auto skillset = loop.api_post("/api/team/skillsets", {{"name", "Returns"}, {"menu_digit", 4}});
    REQUIRE(skillset);
    REQUIRE(skillset->status == 201);
    team.skillset = json_of(skillset)["skillset"]["id"].get<std::int64_t>();
    std::tie(team.agent, team.agent_token) =
        make_agent(loop, "Rita Returns", email, {team.skillset});
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

// A customer writes in and chooses digit 4; waits until `team`'s agent has the conversation.
std::string routed_conversation(MetaLoop& loop, const LoopTeam& team, const std::string& wa_id) {
    loop.sim_post("/_sim/inbound", {{"from", wa_id}, {"name", "Nora"}, {"text", "hola"}});
    REQUIRE(eventually([&] { return menu_sent_to(loop, wa_id); }));
    loop.sim_post("/_sim/inbound", {{"from", wa_id}, {"name", "Nora"}, {"text", "4"}});
    REQUIRE(eventually([&] { return my_conversations(loop, team.agent_token).size() == 1; }));
    return std::to_string(my_conversations(loop, team.agent_token)[0]["id"].get<std::int64_t>());
}

json templates_sent(MetaLoop& loop, const std::string& query = "") {
    auto page = loop.api_get("/api/tables/templates_sent" + query);
    REQUIRE(page);
    INFO(page->body);
    REQUIRE(page->status == 200);
    return json_of(page);
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

TEST_CASE("an agent gets 409 accepting, replying to or closing another agent's conversation, and "
          "nothing changes") {
    MetaLoop loop;
    const auto team = make_team(loop, "rita@example.com");
    set_presence(loop, team, "ready");
    const auto id = routed_conversation(loop, team, "34611000020");
    // A colleague of no skillset, so routing never gives them this conversation.
    const auto other = make_agent(loop, "Otto Other", "otto@example.com", {});
    const auto sends = sim_sends(loop);
    const std::vector<std::pair<std::string, json>> actions = {
        {"accept", json::object()},
        {"reply", {{"text", "Hola, soy Otto"}}},
        {"close", {{"reason", "resolved"}}}};
    for (const auto& [action, body] : actions) {
        INFO(action);
        auto refused =
            loop.api_post_as(other.second, "/api/agent/conversations/" + id + "/" + action, body);
        REQUIRE(refused);
        CHECK(refused->status == 409);
        CHECK(json_of(refused)["error"]["code"] == "not_assigned_to_you");
    }
    CHECK(loop.count("SELECT COUNT(*) FROM conversations WHERE id = " + id +
                     " AND state = 'waiting' AND closed_at IS NULL AND agent_id = " +
                     std::to_string(team.agent)) == 1);
    CHECK(sim_sends(loop) == sends);
    CHECK(loop.count("SELECT COUNT(*) FROM messages WHERE direction = 'out' AND "
                     "sent_by_user_id = " +
                     std::to_string(other.first)) == 0);
}

TEST_CASE("an agent's reply after the customer's 24-hour window is refused with 422 and sends "
          "nothing, and a closed conversation refuses replies with 409") {
    MetaLoop loop;
    const auto team = make_team(loop, "rita@example.com");
    set_presence(loop, team, "ready");
    const std::string wa_id = "34611000021";
    const auto id = routed_conversation(loop, team, wa_id);
    const auto base = "/api/agent/conversations/" + id;
    REQUIRE(loop.api_post_as(team.agent_token, base + "/accept", json::object())->status == 200);
    {
        // The customer's last message is 25 hours old.
        auto db = loop.services().pool.acquire();
        db->exec("UPDATE messages SET created_at = created_at - 90000 WHERE direction = 'in' AND "
                 "customer_id = (SELECT id FROM customers WHERE wa_id = '" +
                 wa_id + "')");
        db->exec("UPDATE conversations SET last_customer_message_at = last_customer_message_at - "
                 "90000 WHERE id = " +
                 id);
    }
    const auto sends = sim_sends(loop);
    auto late = loop.api_post_as(team.agent_token, base + "/reply", {{"text", "¿Sigues ahí?"}});
    REQUIRE(late);
    INFO(late->body);
    CHECK(late->status == 422);
    CHECK(json_of(late)["error"]["code"] == "outside_service_window");
    CHECK(sim_sends(loop) == sends);
    CHECK(loop.count("SELECT COUNT(*) FROM conversations WHERE id = " + id +
                     " AND state = 'active' AND first_agent_reply_at IS NULL") == 1);

    REQUIRE(loop.api_post_as(team.agent_token, base + "/close", {{"reason", "customer_left"}})
                ->status == 200);
    auto closed = loop.api_post_as(team.agent_token, base + "/reply", {{"text", "Adiós"}});
    REQUIRE(closed);
    CHECK(closed->status == 409);
    CHECK(json_of(closed)["error"]["message"] == "this conversation is closed");
    CHECK(sim_sends(loop) == sends);
}

TEST_CASE("an agent's single template is listed in Message template sent until the customer "
          "writes in") {
    MetaLoop loop;
    sync_catalogue(loop);
    const auto team = make_team(loop, "rita@example.com");
    const auto listed_before = templates_sent(loop)["total"].get<std::int64_t>();
    const auto sent = loop.api_post_as(team.agent_token, "/api/messages/template",
                                       order_update_request("+34611000030"));
    REQUIRE(sent);
    INFO(sent->body);
    REQUIRE(sent->status == 200);
    const auto message_id = json_of(sent)["message"]["id"].get<std::int64_t>();

    const auto mine = templates_sent(loop, "?customer=34611000030");
    CHECK(mine["total"] == 1);
    REQUIRE(mine["rows"].size() == 1);
    const auto& row = mine["rows"][0];
    CHECK(row["id"] == message_id);
    CHECK(row["agent"] == "Rita Returns");
    CHECK(row["template"] == "order_update");
    CHECK(row["phone"] == "+34611000030");
    CHECK(templates_sent(loop)["total"] == listed_before + 1);
    CHECK(templates_sent(loop, "?agent=Rita")["total"] == 1);

    loop.sim_post("/_sim/inbound", {{"from", "34611000030"}, {"name", "Ana"}, {"text", "Gracias"}});
    CHECK(eventually([&] { return templates_sent(loop, "?customer=34611000030")["total"] == 0; }));
    CHECK(templates_sent(loop)["total"] == listed_before);
    CHECK(templates_sent(loop, "?agent=Rita")["rows"].empty());
}
