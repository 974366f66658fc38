// Info of one conversation over loopback HTTP: the overview with its transfers, the transcript
// walked in pages from the newest back through 10,000 messages, and the refusals of bad input,
// of a missing session and of an agent's session.
#include "section_data.hpp"
#include "server/clock.hpp"
#include "server/store/transfers_store.hpp"
#include "server/store/users_store.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

struct InfoFixture {
    SectionServer s;
    std::int64_t now = now_seconds();
    SectionPeople people;
    InfoFixture() {
        auto db = s.server.services().pool.acquire();
        people = seed_people(*db, 2, 2, now);
    }
    std::int64_t add(const ConversationRow& row) {
        auto db = s.server.services().pool.acquire();
        return insert_conversation(*db, row);
    }
    // `count` messages of the conversation, alternating customer and agent, one a second.
    void add_messages(std::int64_t conversation, std::int64_t customer, int count) {
        auto db = s.server.services().pool.acquire();
        Transaction transaction(*db);
        auto insert = db->prepare(
            "INSERT INTO messages (conversation_id, customer_id, direction, kind, body, "
            "sent_by_user_id, status, created_at) VALUES (?, ?, ?, 'text', ?, ?, ?, ?)");
        for (int i = 0; i < count; ++i) {
            const bool inbound = i % 2 == 0;
            insert.reset();
            insert.bind(1, conversation)
                .bind(2, customer)
                .bind(3, inbound ? "in" : "out")
                .bind(4, "message " + std::to_string(i))
                .bind(5, inbound ? std::nullopt : std::optional(people.agents[0]))
                .bind(6, inbound ? "received" : "read")
                .bind(7, now - count + i)
                .run();
        }
        transaction.commit();
    }
    nlohmann::json error_of(const std::string& path, int status) {
        auto result = s.raw_get(path);
        REQUIRE(result);
        INFO(path << " -> " << result->body);
        REQUIRE(result->status == status);
        return nlohmann::json::parse(result->body)["error"];
    }
};

} // namespace

TEST_CASE("Info shows a closed conversation's overview with its transfers, and a transfer of it "
          "is refused as closed") {
    InfoFixture f;
    auto row = closed_row(f.people.customers[0], f.people.agents[1], f.now - 100);
    row.skillset_id = f.people.skillsets[1];
    row.close_reason = "agent_closed";
    row.licence_type = "premium";
    row.last_customer_text = "gracias";
    row.last_customer_message_at = f.now - 200;
    const auto id = f.add(row);
    {
        auto db = f.s.server.services().pool.acquire();
        TransferRecord first;
        first.conversation_id = id;
        first.by_user_id = f.people.agents[0];
        first.at = f.now - 3000;
        first.from_skillset_id = f.people.skillsets[0];
        first.to_skillset_id = f.people.skillsets[1];
        first.mode = "immediate";
        insert_transfer(*db, first);
        TransferRecord second = first;
        second.at = f.now - 2000;
        second.from_agent_id = f.people.agents[0];
        second.from_skillset_id = f.people.skillsets[1];
        second.to_skillset_id.reset();
        second.to_user_id = f.people.agents[1];
        second.mode = "exclusive";
        insert_transfer(*db, second);
    }
    f.add_messages(id, f.people.customers[0], 3);

    const auto info = f.s.get("/api/conversations/" + std::to_string(id))["conversation"];
    CHECK(info["id"] == id);
    CHECK(info["state"] == "closed");
    CHECK(info["status"] == "closed");
    CHECK(info["customer"]["name"] == "Customer 001");
    CHECK(info["customer"]["phone"] == "+34600000000");
    CHECK(info["customer"]["wa_id"] == "34600000000");
    CHECK(info["customer"]["username"].is_null());
    CHECK(info["agent"] == nlohmann::json{{"id", f.people.agents[1]}, {"name", "Agent 02 Bruno"}});
    CHECK(info["skillset"] == nlohmann::json{{"id", f.people.skillsets[1]}, {"name", "Support"}});
    CHECK(info["started_at"] == f.now - 100 - 3600);
    CHECK(info["closed_at"] == f.now - 100);
    CHECK(info["close_reason"] == "agent_closed");
    CHECK(info["licence_type"] == "premium");
    CHECK(info["last_message"] == "gracias");
    CHECK(info["last_message_at"] == f.now - 200);
    CHECK(info["window_expires_at"] == f.now - 200 + 86400);
    CHECK(info["message_count"] == 3);
    CHECK(info["can_transfer"] == false);
    CHECK(info["transfer_refusal"] == "this conversation is closed; it cannot be transferred");
    REQUIRE(info["transfers"].size() == 2);
    CHECK(info["transfers"][0] == nlohmann::json{{"at", f.now - 3000},
                                                 {"by", "Agent 01 Ana"},
                                                 {"mode", "immediate"},
                                                 {"from_agent", nullptr},
                                                 {"from_skillset", "Sales"},
                                                 {"to_user", nullptr},
                                                 {"to_skillset", "Support"}});
    CHECK(info["transfers"][1]["mode"] == "exclusive");
    CHECK(info["transfers"][1]["from_agent"] == "Agent 01 Ana");
    CHECK(info["transfers"][1]["to_user"] == "Agent 02 Bruno");

    auto refused = f.s.server.client().Post(
        ("/api/conversations/" + std::to_string(id) + "/transfer").c_str(),
        f.s.server.bearer(f.s.token),
        nlohmann::json{{"to_skillset_id", f.people.skillsets[0]}, {"mode", "immediate"}}.dump(),
        "application/json");
    REQUIRE(refused);
    CHECK(refused->status == 409);
    CHECK(nlohmann::json::parse(refused->body)["error"]["code"] == "conversation_closed");
}

TEST_CASE("the transcript of 10,000 messages walks back in pages from the newest, each oldest "
          "first, every message once") {
    InfoFixture f;
    const auto id = f.add(active_row(f.people.customers[0], f.people.skillsets[0],
                                     f.people.agents[0], f.now - 20000));
    const auto other = f.add(bot_row(f.people.customers[1], f.now - 50, f.now - 50));
    f.add_messages(other, f.people.customers[1], 5); // another conversation's: never shown
    f.add_messages(id, f.people.customers[0], 10000);
    const auto path = "/api/conversations/" + std::to_string(id) + "/messages";

    const auto newest = f.s.get(path);
    REQUIRE(newest["messages"].size() == 100); // the default page
    CHECK(newest["more"] == true);
    CHECK(newest["messages"].back()["body"] == "message 9999");
    CHECK(newest["messages"].front()["body"] == "message 9900");
    const auto& last = newest["messages"].back();
    CHECK(last["direction"] == "out");
    CHECK(last["agent"] == "Agent 01 Ana");
    CHECK(last["status"] == "read");
    CHECK(last["at"] == f.now - 1);
    for (const char* key :
         {"id", "kind", "sent_at", "delivered_at", "read_at", "failed_at", "error"}) {
        CHECK(last.contains(key));
    }
    CHECK(newest["messages"][0]["direction"] == "in");
    CHECK(newest["messages"][0]["agent"].is_null());

    std::vector<std::string> bodies;
    std::set<std::int64_t> seen;
    nlohmann::json page = f.s.get(path + "?limit=200");
    int pages = 1;
    while (true) {
        std::vector<std::string> these;
        std::int64_t previous = 0;
        for (const auto& message : page["messages"]) {
            CHECK(message["id"].get<std::int64_t>() > previous); // oldest first in the page
            previous = message["id"];
            CHECK(seen.insert(message["id"].get<std::int64_t>()).second);
            these.push_back(message["body"]);
        }
        bodies.insert(bodies.begin(), these.begin(), these.end());
        if (!page["more"]) {
            break;
        }
        const auto before = page["messages"][0]["id"].get<std::int64_t>();
        page = f.s.get(path + "?limit=200&before=" + std::to_string(before));
        ++pages;
    }
    CHECK(pages == 50);
    REQUIRE(bodies.size() == 10000);
    for (std::size_t i = 0; i < bodies.size(); i += 997) {
        CHECK(bodies[i] == "message " + std::to_string(i));
    }
}

TEST_CASE("Info refuses unknown conversations, bad transcript parameters, no session and an "
          "agent's session") {
    InfoFixture f;
    const auto id = f.add(bot_row(f.people.customers[0], f.now - 50, f.now - 50));
    const auto path = "/api/conversations/" + std::to_string(id);

    CHECK(f.error_of("/api/conversations/999999", 404)["code"] == "not_found");
    CHECK(f.error_of("/api/conversations/999999/messages", 404)["code"] == "not_found");
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"?limit=0", "limit"},   {"?limit=201", "limit"},  {"?limit=ten", "limit"},
        {"?before=0", "before"}, {"?before=-4", "before"}, {"?before=x", "before"},
        {"?page=2", "page"},
    };
    for (const auto& [query, field] : bad) {
        const auto error = f.error_of(path + "/messages" + query, 400);
        CHECK(error["code"] == "validation_failed");
        CHECK(error["field"] == field);
    }

    auto anonymous = f.s.server.client().Get(path.c_str());
    REQUIRE(anonymous);
    CHECK(anonymous->status == 401);
    {
        auto db = f.s.server.services().pool.acquire();
        create_session(*db, "agent-session", f.people.agents[0], f.now, f.now + 3600);
    }
    for (const auto& target : {path, path + "/messages"}) {
        auto agent = f.s.server.client().Get(target.c_str(), f.s.server.bearer("agent-session"));
        REQUIRE(agent);
        CHECK(agent->status == 403);
    }
    auto agent_mail =
        f.s.server.client().Post((path + "/email").c_str(), f.s.server.bearer("agent-session"),
                                 R"({"to":"a@b.example","body":"x"})", "application/json");
    REQUIRE(agent_mail);
    CHECK(agent_mail->status == 403);
}
