#include "server/store/migrations.hpp"
#include "test_server.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using waconsole::testing::TempDir;

namespace {

std::vector<std::string> table_names(Connection& db) {
    std::vector<std::string> names;
    auto query = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    while (query.step()) {
        names.push_back(query.get_text(0));
    }
    return names;
}

} // namespace

TEST_CASE("migrations create the whole schema on an empty database") {
    TempDir dir;
    Connection db((dir.path / "fresh.db").string());
    CHECK(applied_schema_version(db) == 0);
    CHECK(apply_migrations(db) == static_cast<int>(all_migrations().size()));
    CHECK(applied_schema_version(db) == all_migrations().back().version);
    const auto names = table_names(db);
    for (const char* table :
         {"users", "sessions", "skillsets", "customers", "conversations", "messages",
          "message_status_events", "transfers", "templates", "schema_migrations"}) {
        INFO(table);
        CHECK(std::find(names.begin(), names.end(), table) != names.end());
    }
}

TEST_CASE("migrations on an existing database apply nothing twice and keep its data") {
    TempDir dir;
    const auto path = (dir.path / "existing.db").string();
    {
        Connection db(path);
        apply_migrations(db);
        db.exec("INSERT INTO customers (name, created_at) VALUES ('Zoë Ñúñez', 1)");
    }
    Connection db(path);
    CHECK(apply_migrations(db) == 0);
    auto query = db.prepare("SELECT name FROM customers");
    REQUIRE(query.step());
    CHECK(query.get_text(0) == "Zoë Ñúñez");
    auto versions = db.prepare("SELECT COUNT(*) FROM schema_migrations");
    versions.step();
    CHECK(versions.get_int(0) == static_cast<std::int64_t>(all_migrations().size()));
}

TEST_CASE("migration versions are unique and increasing") {
    int previous = 0;
    for (const auto& migration : all_migrations()) {
        CHECK(migration.version == previous + 1);
        previous = migration.version;
    }
}

TEST_CASE("the database uses WAL and enforces foreign keys") {
    TempDir dir;
    Connection db((dir.path / "pragmas.db").string());
    apply_migrations(db);
    auto mode = db.prepare("PRAGMA journal_mode");
    mode.step();
    CHECK(mode.get_text(0) == "wal");
    CHECK_THROWS_AS(
        db.exec(
            "INSERT INTO conversations (customer_id, state, started_at) VALUES (999, 'bot', 1)"),
        StoreError);
}
