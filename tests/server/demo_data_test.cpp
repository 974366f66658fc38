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
    CHECK(counts["closed"] == expected.closed);
    auto names =
        db.prepare("SELECT COUNT(*) FROM customers WHERE name IN ('Zoë Ñúñez', 'Алексей Смирнов')");
    names.step();
    CHECK(names.get_int(0) == 2);

    CHECK_FALSE(seed_demo_data(db, now_seconds()));
    auto users = db.prepare("SELECT COUNT(*) FROM users");
    users.step();
    CHECK(users.get_int(0) == 7);
}
