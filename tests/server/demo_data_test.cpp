#include "server/clock.hpp"
#include "server/demo/demo_data.hpp"
#include "server/store/migrations.hpp"
#include "test_server.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using waconsole::testing::TempDir;

TEST_CASE("demo data has conversations in every state and fills only an empty database") {
    TempDir dir;
    Connection db((dir.path / "demo.db").string());
    apply_migrations(db);
    REQUIRE(seed_demo_data(db, now_seconds()));
    auto states =
        db.prepare("SELECT state, COUNT(*) FROM conversations GROUP BY state ORDER BY state");
    std::map<std::string, std::int64_t> counts;
    while (states.step()) {
        counts[states.get_text(0)] = states.get_int(1);
    }
    const DemoCounts expected;
    CHECK(counts["active"] == expected.active);
    CHECK(counts["waiting"] == expected.waiting);
    CHECK(counts["bot"] == expected.unmanaged);
    CHECK(counts["closed"] == expected.closed + expected.unmanaged_closed);

    auto count = [&](const std::string& where) {
        auto query = db.prepare("SELECT COUNT(*) FROM conversations WHERE " + where);
        query.step();
        return query.get_int(0);
    };
    // Every waiting status, unmanaged closed ones, and no open bot conversation past its window.
    CHECK(count("state = 'waiting' AND agent_id IS NOT NULL") > 0);
    CHECK(count("state = 'waiting' AND agent_id IS NULL AND reserved_for_user_id IS NOT NULL") > 0);
    CHECK(count("state = 'waiting' AND agent_id IS NULL AND reserved_for_user_id IS NULL") > 0);
    CHECK(count("state = 'closed' AND handled = 0 AND close_reason = 'window_expired'") ==
          expected.unmanaged_closed);
    CHECK(count("state = 'bot' AND last_customer_message_at < strftime('%s','now') - 86400") == 0);
    // An agent always has the skillset of the conversation they hold.
    CHECK(count("agent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM user_skillsets us WHERE "
                "us.user_id = agent_id AND us.skillset_id = conversations.skillset_id)") == 0);
    auto templates = db.prepare("SELECT COUNT(*) FROM messages WHERE kind = 'template' AND "
                                "sent_by_user_id IS NOT NULL");
    templates.step();
    CHECK(templates.get_int(0) == expected.templates_sent);
    auto names =
        db.prepare("SELECT COUNT(*) FROM customers WHERE name IN ('Zoë Ñúñez', 'Алексей Смирнов')");
    names.step();
    CHECK(names.get_int(0) == 2);

    CHECK_FALSE(seed_demo_data(db, now_seconds()));
    auto users = db.prepare("SELECT COUNT(*) FROM users");
    users.step();
    CHECK(users.get_int(0) == 7);
}

TEST_CASE("the demo agents log in with the demo agent password") {
    waconsole::testing::RunningServer server;
    const auto token = server.login("carla@waconsole.local", kDemoAgentPassword);
    auto me = server.client().Get("/api/me", server.bearer(token));
    REQUIRE(me);
    CHECK(waconsole::testing::json_of(me)["user"]["role"] == "agent");
}
