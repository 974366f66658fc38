// The counters behind the sections' totals and the list of unanswered templates, kept by the
// triggers of migration 6, against COUNT(*) over the rows, through every kind of change.
#include "section_data.hpp"
#include "server/clock.hpp"
#include "server/store/migrations.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::testing;

TEST_CASE("the counters agree with the rows through random inserts, updates and deletes of "
          "conversations and messages") {
    TempDir dir;
    Connection db((dir.path / "counts.db").string());
    apply_migrations(db);
    const auto now = now_seconds();
    RandomSections random(db, seed_people(db, 8, 40, now), 7, now);
    for (int i = 0; i < 300; ++i) {
        random.insert_conversation();
        random.insert_message();
    }
    REQUIRE(counters_disagreement(db).empty());
    for (int round = 0; round < 30; ++round) {
        for (int i = 0; i < 100; ++i) {
            random.any_change();
        }
        INFO("after round " << round);
        REQUIRE(counters_disagreement(db) == "");
    }
}

TEST_CASE("each kind of change keeps the counters exact on its own") {
    TempDir dir;
    Connection db((dir.path / "kinds.db").string());
    apply_migrations(db);
    const auto now = now_seconds();
    RandomSections random(db, seed_people(db, 5, 20, now), 11, now);
    for (int i = 0; i < 100; ++i) {
        random.insert_conversation();
        random.insert_message();
    }
    const std::pair<const char*, void (RandomSections::*)()> kinds[] = {
        {"conversation updates", &RandomSections::change_conversation},
        {"conversation deletes", &RandomSections::delete_conversation},
        {"message inserts", &RandomSections::insert_message},
        {"message deletes", &RandomSections::delete_message},
        {"messages moved to another customer", &RandomSections::move_message},
    };
    for (const auto& [name, change] : kinds) {
        SECTION(name) {
            for (int i = 0; i < 60; ++i) {
                (random.*change)();
                INFO(name << " #" << i);
                REQUIRE(counters_disagreement(db) == "");
            }
        }
    }
}

TEST_CASE("a change rolled back leaves the counters as they were") {
    TempDir dir;
    Connection db((dir.path / "rollback.db").string());
    apply_migrations(db);
    const auto now = now_seconds();
    RandomSections random(db, seed_people(db, 4, 10, now), 3, now);
    for (int i = 0; i < 50; ++i) {
        random.insert_conversation();
    }
    {
        Transaction transaction(db);
        db.exec("UPDATE conversations SET state = 'closed', closed_at = 5");
        db.exec("DELETE FROM table_counts WHERE section = 'waiting'"); // even this is undone
    }                                                                  // not committed
    CHECK(counters_disagreement(db) == "");
}

TEST_CASE("the migration counts the conversations and lists the templates already there") {
    TempDir dir;
    Connection db((dir.path / "before.db").string());
    // The schema as it was before migrations 5 and 6, with rows of every kind.
    const auto& migrations = all_migrations();
    for (const auto& migration : migrations) {
        if (migration.version >= 5) {
            break;
        }
        db.exec(migration.sql);
    }
    db.exec(
        "INSERT INTO users (name, email, role, password_hash, created_at) VALUES "
        "('Ana', 'ana@example.com', 'agent', 'x', 0), ('Bo', 'bo@example.com', 'agent', 'x', 0)");
    db.exec("INSERT INTO skillsets (name) VALUES ('Sales')");
    db.exec(
        "INSERT INTO customers (wa_id, name, created_at) VALUES ('1', 'C1', 0), ('2', 'C2', 0)");
    db.exec("INSERT INTO conversations (customer_id, state, skillset_id, agent_id, started_at, "
            "closed_at) VALUES (1, 'bot', NULL, NULL, 10, NULL), (1, 'waiting', 1, NULL, 20, NULL),"
            " (2, 'active', 1, 1, 30, NULL), (2, 'closed', 1, 2, 40, 100000),"
            " (1, 'closed', NULL, NULL, 50, 200000)");
    db.exec("INSERT INTO messages (customer_id, direction, kind, sent_by_user_id, status, "
            "created_at) VALUES (1, 'out', 'template', 1, 'sent', 1), (1, 'in', 'text', NULL, "
            "'received', 2), (2, 'out', 'template', 2, 'read', 3), (2, 'out', 'text', NULL, "
            "'sent', 4)");
    db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "applied_at INTEGER NOT NULL)");
    db.exec("INSERT INTO schema_migrations VALUES (1, 'a', 0), (2, 'b', 0), (3, 'c', 0), "
            "(4, 'd', 0)");

    apply_migrations(db);
    CHECK(counters_disagreement(db) == "");
    auto counts = db.prepare("SELECT section, n FROM table_counts WHERE dimension = 'all' "
                             "ORDER BY section");
    std::map<std::string, std::int64_t> totals;
    while (counts.step()) {
        totals[counts.get_text(0)] = counts.get_int(1);
    }
    // The closed conversation with an agent was handled; the other never reached one.
    CHECK(totals == std::map<std::string, std::int64_t>{{"active", 1},
                                                        {"history", 2},
                                                        {"templates_sent", 1},
                                                        {"unmanaged", 2},
                                                        {"waiting", 1}});
    auto listed = db.prepare("SELECT message_id FROM unanswered_templates");
    REQUIRE(listed.step());
    CHECK(listed.get_int(0) == 3); // the first template was answered
    CHECK_FALSE(listed.step());
}
