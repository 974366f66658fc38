// Migration 3 rebuilds the messages table for the new send states: a database of an older
// server keeps every message as it was, and the states are still checked.
#include "server/store/migrations.hpp"
#include "test_server.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("the rebuilt messages table keeps every message of an older database") {
    testing::TempDir dir;
    Connection db((dir.path / "older.db").string());
    CHECK(apply_migrations(db, 2) == 2);
    db.exec("INSERT INTO customers (id, wa_id, phone, name, created_at) "
            "VALUES (7, '34600000001', '+34600000001', 'Zoë', 1)");
    db.exec(
        "INSERT INTO conversations (id, customer_id, state, started_at) VALUES (3, 7, 'bot', 1)");
    db.exec(
        "INSERT INTO messages (id, conversation_id, customer_id, direction, kind, body, wamid, "
        "status, created_at, read_at, payload, template_language, send_attempts) VALUES "
        "(11, 3, 7, 'out', 'template', 'Hola Zoë', 'wamid.OLD', 'read', 5, 9, NULL, 'es_MX', 2), "
        "(12, 3, 7, 'in', 'button', 'Sí', 'wamid.IN', 'received', 6, NULL, 'C42|YES', NULL, 0)");

    CHECK(apply_migrations(db) == static_cast<int>(all_migrations().size()) - 2);
    auto row =
        db.prepare("SELECT conversation_id, body, wamid, status, read_at, template_language, "
                   "send_attempts, status_reason FROM messages WHERE id = 11");
    REQUIRE(row.step());
    CHECK(row.get_int(0) == 3);
    CHECK(row.get_text(1) == "Hola Zoë");
    CHECK(row.get_text(2) == "wamid.OLD");
    CHECK(row.get_text(3) == "read");
    CHECK(row.get_int(4) == 9);
    CHECK(row.get_text(5) == "es_MX");
    CHECK(row.get_int(6) == 2);
    CHECK(row.is_null(7));
    auto reply = db.prepare("SELECT payload FROM messages WHERE id = 12");
    REQUIRE(reply.step());
    CHECK(reply.get_text(0) == "C42|YES");

    db.exec("UPDATE messages SET status = 'unknown' WHERE id = 11");
    CHECK_THROWS_AS(db.exec("UPDATE messages SET status = 'lost' WHERE id = 11"), StoreError);
    // The wamid is still unique, and foreign keys still hold.
    CHECK_THROWS_AS(db.exec("UPDATE messages SET wamid = 'wamid.OLD' WHERE id = 12"), StoreError);
    CHECK_THROWS_AS(db.exec("UPDATE messages SET customer_id = 999 WHERE id = 12"), StoreError);
}
