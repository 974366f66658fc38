#include "query_plans.hpp"
#include "server/store/messages_store.hpp"
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

namespace {

// How many temporary b-trees a statement opens each time it runs (EXPLAIN's OpenEphemeral).
int ephemeral_tables(Connection& db, const std::string& sql) {
    auto plan = db.prepare("EXPLAIN " + sql);
    int count = 0;
    while (plan.step()) {
        count += plan.get_text(1) == "OpenEphemeral" ? 1 : 0;
    }
    return count;
}

} // namespace

TEST_CASE("migration 10 keeps the status rules of messages and their campaign counts without "
          "temporary b-trees, on a database that already holds messages") {
    TempDir dir;
    const auto path = (dir.path / "status.db").string();
    Connection db(path);
    // Up to migration 9, with a message in it, as a running server's database would be.
    CHECK(apply_migrations(db, 9) == 9);
    db.exec("INSERT INTO customers (id, phone, name, created_at) VALUES (1, '+34600000001', "
            "'Zoë', 1)");
    db.exec("INSERT INTO messages (id, customer_id, direction, kind, body, wamid, status, "
            "created_at) VALUES (5, 1, 'out', 'template', 'Hola', 'wamid.A', 'sent', 1)");
    db.exec("INSERT INTO users (id, name, email, role, password_hash, created_at) "
            "VALUES (1, 'Ana', 'ana@example.com', 'admin', 'x', 1)");
    db.exec("INSERT INTO campaigns (id, name, name_key, template_name, template_language, "
            "template_category, template_components, parameter_format, source, mode, "
            "include_active_conversations, variables, created_by, created_at, status, "
            "recipient_count, rejected_count, sent_count) VALUES (3, 'Spring', 'spring', "
            "'promo', 'es', 'MARKETING', '[]', 'positional', 'customers', 'immediate', 0, '[]', "
            "1, 1, 'sending', 1, 0, 1)");
    db.exec("INSERT INTO campaign_recipients (campaign_id, row_number, phone, rendered_text, "
            "parameters, state, message_id) VALUES (3, 1, '+34600000001', 'Hola', '[]', 'fed', "
            "5)");
    const std::string update_status = "UPDATE messages SET status = 'read' WHERE id = 5";
    CHECK(ephemeral_tables(db, update_status) > 0);

    CHECK(apply_migrations(db, 10) == 1);
    CHECK(ephemeral_tables(db, update_status) == 0);
    // The campaign's counts follow the message as the old trigger made them.
    auto counts = [&db] {
        auto query = db.prepare("SELECT sent_count, delivered_count, read_count, failed_count, "
                                "unknown_count FROM campaigns WHERE id = 3");
        query.step();
        std::vector<std::int64_t> values;
        for (int column = 0; column < 5; ++column) {
            values.push_back(query.get_int(column));
        }
        return values;
    };
    db.exec(update_status);
    CHECK(counts() == std::vector<std::int64_t>{1, 1, 1, 0, 0});
    db.exec("UPDATE messages SET status = 'failed' WHERE id = 5");
    CHECK(counts() == std::vector<std::int64_t>{0, 0, 0, 1, 0});
    db.exec("UPDATE messages SET status = 'unresolved' WHERE id = 5");
    CHECK(counts() == std::vector<std::int64_t>{0, 0, 0, 0, 1});
    db.exec("UPDATE messages SET status = 'delivered' WHERE id = 5");
    CHECK(counts() == std::vector<std::int64_t>{1, 1, 0, 0, 0});
    auto integrity = db.prepare("PRAGMA integrity_check");
    REQUIRE(integrity.step());
    CHECK(integrity.get_text(0) == "ok");
    // Every status the table took before is taken; anything else is still refused.
    for (const char* status : {"queued", "pending", "unknown", "unresolved", "accepted", "sent",
                               "delivered", "read", "failed", "received"}) {
        INFO(status);
        CHECK_NOTHROW(
            db.prepare("UPDATE messages SET status = ? WHERE id = 5").bind(1, status).run());
    }
    CHECK_THROWS_AS(db.exec("UPDATE messages SET status = 'lost' WHERE id = 5"), StoreError);
    // A second connection (the server's pool) sees the new rule too.
    Connection other(path);
    CHECK_THROWS_AS(other.exec("UPDATE messages SET status = 'Sent' WHERE id = 5"), StoreError);
    CHECK(ephemeral_tables(other, update_status) == 0);
    auto status = other.prepare("SELECT status FROM messages WHERE id = 5");
    REQUIRE(status.step());
    CHECK(status.get_text(0) == "received");
}

TEST_CASE("migration 12 forgets the status events applied to their messages and keeps the "
          "unmatched ones") {
    TempDir dir;
    Connection db((dir.path / "events.db").string());
    apply_migrations(db, 11);
    db.exec("INSERT INTO message_status_events (wamid, status, timestamp, received_at, unmatched) "
            "VALUES ('wamid.APPLIED', 'sent', 1, 1, 0), ('wamid.APPLIED', 'read', 2, 2, 0), "
            "('wamid.WAITING', 'delivered', 3, 3, 1)");
    CHECK(apply_migrations(db, 12) == 1);
    auto left = db.prepare("SELECT wamid, status FROM message_status_events");
    REQUIRE(left.step());
    CHECK(left.get_text(0) == "wamid.WAITING");
    CHECK(left.get_text(1) == "delivered");
    CHECK_FALSE(left.step());
}

TEST_CASE("migration 13 moves the requests of unsent messages out of their rows") {
    TempDir dir;
    Connection db((dir.path / "requests.db").string());
    apply_migrations(db, 12);
    db.exec("INSERT INTO customers (id, name, created_at) VALUES (1, 'Ana', 1)");
    db.exec(
        "INSERT INTO messages (id, customer_id, direction, kind, status, created_at, "
        "send_request) VALUES (1, 1, 'out', 'template', 'queued', 1, '{\"to\":\"+34600000001\"}'), "
        "(2, 1, 'out', 'template', 'read', 1, NULL)");
    CHECK(apply_migrations(db, 13) == 1);
    auto moved = db.prepare("SELECT message_id, request FROM message_requests");
    REQUIRE(moved.step());
    CHECK(moved.get_int(0) == 1);
    CHECK(moved.get_text(1) == "{\"to\":\"+34600000001\"}");
    CHECK_FALSE(moved.step());
    auto left = db.prepare("SELECT COUNT(*) FROM messages WHERE send_request IS NOT NULL");
    left.step();
    CHECK(left.get_int(0) == 0);
}

TEST_CASE("migration 14 feeds campaign recipients without temporary b-trees and keeps their "
          "state rule and each customer's open conversation") {
    TempDir dir;
    const auto path = (dir.path / "feed.db").string();
    Connection db(path);
    apply_migrations(db, 13);
    db.exec("INSERT INTO customers (id, phone, name, created_at) VALUES (1, '+34600000001', "
            "'Zoë', 1), (2, '+34600000002', 'Ana', 1)");
    // Customer 1: an old closed conversation, two open ones (the later started is the open one
    // a message goes to), and a closed one started after them; customer 2: closed ones only.
    db.exec("INSERT INTO conversations (id, customer_id, state, started_at) VALUES "
            "(10, 1, 'closed', 100), (11, 1, 'bot', 200), (12, 1, 'waiting', 300), "
            "(13, 1, 'closed', 400), (20, 2, 'closed', 500)");
    db.exec("INSERT INTO users (id, name, email, role, password_hash, created_at) "
            "VALUES (1, 'Ana', 'ana@example.com', 'admin', 'x', 1)");
    db.exec("INSERT INTO campaigns (id, name, name_key, template_name, template_language, "
            "template_category, template_components, parameter_format, source, mode, "
            "include_active_conversations, variables, created_by, created_at, status, "
            "recipient_count, rejected_count) VALUES (3, 'Spring', 'spring', 'promo', 'es', "
            "'MARKETING', '[]', 'positional', 'customers', 'immediate', 0, '[]', 1, 1, "
            "'sending', 1, 0)");
    db.exec("INSERT INTO campaign_recipients (id, campaign_id, row_number, phone, rendered_text, "
            "parameters) VALUES (7, 3, 1, '+34600000001', 'Hola', '{}')");
    const std::string feed = "UPDATE campaign_recipients SET state = 'fed' WHERE id = 7";
    CHECK(ephemeral_tables(db, feed) > 0);
    CHECK(ephemeral_tables(db, "SELECT id FROM conversations WHERE customer_id = 1 AND state <> "
                               "'closed' ORDER BY started_at DESC, id DESC LIMIT 1") > 0);

    CHECK(apply_migrations(db, 14) == 1);
    CHECK(ephemeral_tables(db, feed) == 0);
    CHECK(ephemeral_tables(db, "SELECT id FROM conversations WHERE customer_id = 1 AND state <> "
                               "'closed' ORDER BY started_at DESC, id DESC LIMIT 1") == 0);
    CHECK(open_conversation_id(db, 1) == std::optional<std::int64_t>(12));
    CHECK_FALSE(open_conversation_id(db, 2));
    db.exec("UPDATE conversations SET state = 'closed' WHERE id = 12");
    CHECK(open_conversation_id(db, 1) == std::optional<std::int64_t>(11));
    auto integrity = db.prepare("PRAGMA integrity_check");
    REQUIRE(integrity.step());
    CHECK(integrity.get_text(0) == "ok");
    // Every state the table took before is taken; anything else is still refused, also by a
    // second connection (the server's pool).
    for (const char* state : {"queued", "fed", "cancelled", "skipped"}) {
        INFO(state);
        CHECK_NOTHROW(db.prepare("UPDATE campaign_recipients SET state = ? WHERE id = 7")
                          .bind(1, state)
                          .run());
    }
    CHECK_THROWS_AS(db.exec("UPDATE campaign_recipients SET state = 'sent' WHERE id = 7"),
                    StoreError);
    Connection other(path);
    CHECK_THROWS_AS(other.exec("UPDATE campaign_recipients SET state = 'Fed' WHERE id = 7"),
                    StoreError);
    CHECK(ephemeral_tables(other, feed) == 0);
}

TEST_CASE("migration 15 moves each campaign's counts to a table of their own, where every status, "
          "skip and reply still moves them") {
    TempDir dir;
    Connection db((dir.path / "counts.db").string());
    apply_migrations(db, 14);
    db.exec("INSERT INTO customers (id, phone, name, created_at) VALUES (1, '+34600000001', "
            "'Zoë', 1)");
    db.exec("INSERT INTO users (id, name, email, role, password_hash, created_at) "
            "VALUES (1, 'Ana', 'ana@example.com', 'admin', 'x', 1)");
    db.exec("INSERT INTO campaigns (id, name, name_key, template_name, template_language, "
            "template_category, template_components, parameter_format, source, mode, "
            "include_active_conversations, variables, created_by, created_at, status, "
            "recipient_count, rejected_count, sent_count, delivered_count, read_count, "
            "replied_count, failed_count, unknown_count) VALUES (3, 'Spring', 'spring', 'promo', "
            "'es', 'MARKETING', '[]', 'positional', 'customers', 'immediate', 0, '[]', 1, 1, "
            "'sending', 3, 0, 1, 1, 0, 0, 0, 0)");
    // A message sent before the migration (its campaign found through its recipient) and a
    // recipient not fed yet.
    db.exec("INSERT INTO messages (id, customer_id, direction, kind, body, wamid, status, "
            "created_at) VALUES (5, 1, 'out', 'template', 'Hola', 'wamid.A', 'delivered', 1)");
    db.exec("INSERT INTO campaign_recipients (id, campaign_id, row_number, phone, rendered_text, "
            "parameters, state, message_id) VALUES (1, 3, 1, '+34600000001', 'Hola', '{}', "
            "'fed', 5), (2, 3, 2, '+34600000001', 'Hola', '{}', 'queued', NULL), "
            "(3, 3, 3, '+34600000001', 'Hola', '{}', 'queued', NULL)");

    CHECK(apply_migrations(db, 15) == 1);
    auto counts = [&db](std::int64_t campaign) {
        auto query = db.prepare("SELECT sent_count, delivered_count, read_count, replied_count, "
                                "failed_count, unknown_count FROM campaign_counts "
                                "WHERE campaign_id = ?");
        query.bind(1, campaign);
        std::vector<std::int64_t> values;
        if (query.step()) {
            for (int column = 0; column < 6; ++column) {
                values.push_back(query.get_int(column));
            }
        }
        return values;
    };
    CHECK(counts(3) == std::vector<std::int64_t>{1, 1, 0, 0, 0, 0});
    CHECK_THROWS_AS(db.prepare("SELECT sent_count FROM campaigns"), StoreError);
    // The old message still moves its campaign's counts.
    db.exec("UPDATE messages SET status = 'read' WHERE id = 5");
    CHECK(counts(3) == std::vector<std::int64_t>{1, 1, 1, 0, 0, 0});
    // A message that names its campaign moves them without its recipient's help.
    db.exec("INSERT INTO messages (id, customer_id, direction, kind, body, status, created_at, "
            "campaign_id) VALUES (6, 1, 'out', 'template', 'Hola', 'queued', 1, 3)");
    db.exec("UPDATE campaign_recipients SET state = 'fed', message_id = 6 WHERE id = 2");
    db.exec("UPDATE messages SET status = 'sent' WHERE id = 6");
    CHECK(counts(3) == std::vector<std::int64_t>{2, 1, 1, 0, 0, 0});
    db.exec("UPDATE messages SET status = 'failed' WHERE id = 6");
    CHECK(counts(3) == std::vector<std::int64_t>{1, 1, 1, 0, 1, 0});
    db.exec("UPDATE messages SET status = 'unresolved' WHERE id = 6");
    CHECK(counts(3) == std::vector<std::int64_t>{1, 1, 1, 0, 0, 1});
    // A skipped recipient counts as failed; a reply counts once.
    db.exec("UPDATE campaign_recipients SET state = 'skipped' WHERE id = 3");
    db.exec("UPDATE campaign_recipients SET replied_at = 10 WHERE id = 1");
    db.exec("UPDATE campaign_recipients SET replied_at = 11 WHERE id = 1");
    CHECK(counts(3) == std::vector<std::int64_t>{1, 1, 1, 1, 1, 1});
    // A message of no campaign moves nothing; a new campaign starts with its own zero counts.
    db.exec("INSERT INTO messages (id, customer_id, direction, kind, body, status, created_at) "
            "VALUES (7, 1, 'out', 'template', 'Hola', 'accepted', 1)");
    db.exec("UPDATE messages SET status = 'read' WHERE id = 7");
    CHECK(counts(3) == std::vector<std::int64_t>{1, 1, 1, 1, 1, 1});
    db.exec("INSERT INTO campaigns (id, name, name_key, template_name, template_language, "
            "template_category, template_components, parameter_format, source, mode, "
            "include_active_conversations, variables, created_by, created_at, status, "
            "recipient_count, rejected_count) VALUES (4, 'Summer', 'summer', 'promo', 'es', "
            "'MARKETING', '[]', 'positional', 'customers', 'immediate', 0, '[]', 1, 1, "
            "'queued', 1, 0)");
    CHECK(counts(4) == std::vector<std::int64_t>{0, 0, 0, 0, 0, 0});
    auto integrity = db.prepare("PRAGMA integrity_check");
    REQUIRE(integrity.step());
    CHECK(integrity.get_text(0) == "ok");
}

TEST_CASE("migration 16 indexes only inbound messages by customer, drops the unused index of "
          "reply contexts, and keeps each customer's last inbound time") {
    TempDir dir;
    Connection db((dir.path / "indexes.db").string());
    apply_migrations(db, 15);
    db.exec("INSERT INTO customers (id, phone, name, created_at) VALUES (1, '+34600000001', "
            "'Zoë', 1), (2, '+34600000002', 'Ana', 1)");
    // Customer 1 wrote at 100 and 300, a reply to a template (a context); templates went out at
    // 200 and 400. Customer 2 only received one.
    db.exec("INSERT INTO messages (customer_id, direction, kind, status, created_at, "
            "context_wamid) VALUES (1, 'in', 'text', 'received', 100, NULL), "
            "(1, 'out', 'template', 'read', 200, NULL), "
            "(1, 'in', 'text', 'received', 300, 'wamid.T1'), "
            "(1, 'out', 'template', 'sent', 400, NULL), (2, 'out', 'template', 'sent', 500, NULL)");
    CHECK(apply_migrations(db, 16) == 1);
    CHECK(last_inbound_at(db, 1) == std::optional<std::int64_t>(300));
    CHECK_FALSE(last_inbound_at(db, 2));
    CHECK(waconsole::testing::query_plan(
              db, "SELECT MAX(created_at) FROM messages WHERE customer_id = 1 AND direction = 'in'")
              .find("messages_inbound_by_customer") != std::string::npos);
    // ANALYZE counts each index's entries: the two inbound messages, not the five.
    db.exec("ANALYZE");
    auto entries = db.prepare("SELECT stat FROM sqlite_stat1 WHERE idx = ?");
    entries.bind(1, std::string("messages_inbound_by_customer"));
    REQUIRE(entries.step());
    CHECK(entries.get_text(0).rfind("2 ", 0) == 0);
    auto context_index =
        db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'messages_by_context'");
    context_index.step();
    CHECK(context_index.get_int(0) == 0);
    // A message written now still counts: a new inbound one moves the last time.
    db.exec("INSERT INTO messages (customer_id, direction, kind, status, created_at) VALUES "
            "(2, 'in', 'text', 'received', 600)");
    CHECK(last_inbound_at(db, 2) == std::optional<std::int64_t>(600));
}
