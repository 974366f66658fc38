// Webhook batches applied to a temporary database: idempotent, forward only, every time kept on
// the message; statuses kept as events only until their message is known.
#include "server/clock.hpp"
#include "server/meta/webhook_ingest.hpp"
#include "server/store/customers_store.hpp"
#include "server/store/message_status_store.hpp"
#include "server/store/messages_store.hpp"
#include "server/store/migrations.hpp"
#include "test_data.hpp"
#include "test_server.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using waconsole::testing::read_test_json;

namespace {

struct TestDb {
    testing::TempDir dir;
    Connection db{(dir.path / "meta.db").string()};
    TestDb() { apply_migrations(db); }

    std::int64_t count(const std::string& sql) {
        auto query = db.prepare(sql);
        query.step();
        return query.get_int(0);
    }
    // An outbound message already accepted by Meta with `wamid`.
    std::int64_t accepted_message(const std::string& wamid) {
        const auto customer = create_customer(db, std::nullopt, "+34600000001", "Ana", 1);
        OutboundMessage message;
        message.customer_id = customer;
        message.kind = "template";
        const auto id = insert_outbound_message(db, message, 1700000000);
        record_send_accepted(db, id, wamid, 1);
        return id;
    }
    struct Row {
        std::string status;
        std::optional<std::int64_t> sent_at, delivered_at, read_at, failed_at, error_code;
    };
    Row message(std::int64_t id) {
        auto query =
            db.prepare("SELECT status, sent_at, delivered_at, read_at, failed_at, error_code "
                       "FROM messages WHERE id = ?");
        query.bind(1, id);
        REQUIRE(query.step());
        return {query.get_text(0),         query.get_optional_int(1), query.get_optional_int(2),
                query.get_optional_int(3), query.get_optional_int(4), query.get_optional_int(5)};
    }
};

StatusUpdate status(const std::string& wamid, const std::string& name, std::int64_t at) {
    StatusUpdate event;
    event.wamid = wamid;
    event.status = name;
    event.timestamp = at;
    return event;
}

WebhookBatch statuses(std::vector<StatusUpdate> events) {
    WebhookBatch batch;
    batch.statuses = std::move(events);
    return batch;
}

} // namespace

TEST_CASE("the same webhook applied twice changes nothing the second time") {
    TestDb t;
    const auto id = t.accepted_message("wamid.OUT-3");
    const auto batch = parse_webhook(read_test_json("webhook_multi.json").dump()).value();
    const auto first = apply_webhook_batch(t.db, batch, 1700000050);
    CHECK(first.messages_stored == 1);
    CHECK(first.statuses_applied == 1);
    const auto counts = [&] {
        return std::vector<std::int64_t>{t.count("SELECT COUNT(*) FROM messages"),
                                         t.count("SELECT COUNT(*) FROM customers"),
                                         t.count("SELECT COUNT(*) FROM conversations"),
                                         t.count("SELECT COUNT(*) FROM message_status_events")};
    };
    const auto before = counts();
    const auto second = apply_webhook_batch(t.db, batch, 1700000060);
    CHECK(second.messages_stored == 0);
    CHECK(second.duplicate_messages == 1);
    CHECK(second.statuses_applied == 0);
    CHECK(counts() == before);
    CHECK(t.message(id).status == "read");
}

TEST_CASE("read then a late delivered ends read with both times kept") {
    TestDb t;
    const auto id = t.accepted_message("wamid.X");
    apply_webhook_batch(t.db, statuses({status("wamid.X", "read", 300)}), 400);
    auto row = t.message(id);
    CHECK(row.status == "read");
    CHECK(row.read_at == 300);
    CHECK(row.delivered_at == 300); // read implies delivered
    apply_webhook_batch(
        t.db, statuses({status("wamid.X", "delivered", 200), status("wamid.X", "sent", 100)}), 500);
    row = t.message(id);
    CHECK(row.status == "read");
    CHECK(row.sent_at == 100);
    CHECK(row.delivered_at == 200);
    CHECK(row.read_at == 300);
    // The message holds every time; none is kept as an event besides.
    CHECK(t.count("SELECT COUNT(*) FROM message_status_events") == 0);
    // Each again changes nothing.
    const auto again = apply_webhook_batch(
        t.db,
        statuses({status("wamid.X", "read", 300), status("wamid.X", "delivered", 200),
                  status("wamid.X", "sent", 100), status("wamid.X", "delivered", 250)}),
        600);
    CHECK(again.statuses_applied == 0);
    CHECK(again.duplicate_statuses == 4);
    CHECK(t.message(id).delivered_at == 200);
}

TEST_CASE("a failed status records Meta's error and a late sent does not revive the message") {
    TestDb t;
    const auto id = t.accepted_message("wamid.OUT-2");
    apply_webhook_batch(t.db, parse_webhook(read_test_json("webhook_statuses.json").dump()).value(),
                        1700000040);
    apply_webhook_batch(t.db, statuses({status("wamid.OUT-2", "sent", 1700000025)}), 1700000041);
    const auto row = t.message(id);
    CHECK(row.status == "failed");
    CHECK(row.failed_at == 1700000030);
    CHECK(row.error_code == 131026);
    auto details = t.db.prepare("SELECT error_title, error_details FROM messages WHERE id = ?");
    details.bind(1, id);
    REQUIRE(details.step());
    CHECK(details.get_text(0) == "Message undeliverable");
    CHECK(details.get_text(1) == "Message Undeliverable.");
}

TEST_CASE("a failed status after delivery sets its time but does not undo the delivery") {
    TestDb t;
    const auto id = t.accepted_message("wamid.D");
    apply_webhook_batch(t.db, statuses({status("wamid.D", "delivered", 10)}), 20);
    auto failed = status("wamid.D", "failed", 15);
    failed.error_code = 131000;
    apply_webhook_batch(t.db, statuses({failed}), 21);
    const auto row = t.message(id);
    CHECK(row.status == "delivered");
    CHECK_FALSE(row.error_code);
    CHECK(row.failed_at == 15);
}

TEST_CASE("statuses that arrive before the send's answer are applied when it is recorded") {
    TestDb t;
    apply_webhook_batch(t.db, statuses({status("wamid.EARLY", "delivered", 50)}), 60);
    const auto customer = create_customer(t.db, std::nullopt, "+34600000009", "", 1);
    OutboundMessage message;
    message.customer_id = customer;
    message.kind = "text";
    const auto id = insert_outbound_message(t.db, message, 40);
    CHECK(t.count("SELECT COUNT(*) FROM message_status_events WHERE wamid = 'wamid.EARLY' AND "
                  "unmatched = 1") == 1);
    record_send_accepted(t.db, id, "wamid.EARLY", 1);
    replay_early_status_events(t.db, "wamid.EARLY");
    const auto row = t.message(id);
    CHECK(row.status == "delivered");
    CHECK(row.delivered_at == 50);
    CHECK(t.count("SELECT COUNT(*) FROM message_status_events") == 0); // taken, then forgotten

    // An answer that named no message (it was no longer pending) leaves the early ones waiting.
    apply_webhook_batch(t.db, statuses({status("wamid.NOBODY", "sent", 70)}), 71);
    replay_early_status_events(t.db, "wamid.NOBODY");
    CHECK(t.count("SELECT COUNT(*) FROM message_status_events WHERE wamid = 'wamid.NOBODY' AND "
                  "unmatched = 1") == 1);
}

TEST_CASE(
    "an inbound message finds the customer by canonical wa_id and opens one bot conversation") {
    TestDb t;
    // A customer we sent to, whose wa_id came from Meta's send answer (Mexico's 521 dropped).
    const auto customer =
        create_customer(t.db, std::string("525512345678"), "+5215512345678", "", 1);
    apply_webhook_batch(t.db, parse_webhook(read_test_json("webhook_button.json").dump()).value(),
                        1700000101);
    CHECK(t.count("SELECT COUNT(*) FROM customers") == 1);
    CHECK(t.count("SELECT COUNT(*) FROM conversations WHERE state = 'bot'") == 1);
    auto query =
        t.db.prepare("SELECT m.customer_id, m.context_wamid, m.payload, c.last_customer_text, "
                     "c.last_customer_message_at, cu.name FROM messages m "
                     "JOIN conversations c ON c.id = m.conversation_id "
                     "JOIN customers cu ON cu.id = m.customer_id");
    REQUIRE(query.step());
    CHECK(query.get_int(0) == customer);
    CHECK(query.get_text(1) == "wamid.OUT-TEMPLATE-1");
    CHECK(query.get_text(2) == "C42|YES");
    CHECK(query.get_text(3) == "Sí");
    CHECK(query.get_int(4) == 1700000100);
    CHECK(query.get_text(5) == "Ana");

    // A second message goes to the same open conversation.
    apply_webhook_batch(t.db, parse_webhook(read_test_json("webhook_text.json").dump()).value(),
                        1700000102);
    CHECK(t.count("SELECT COUNT(*) FROM customers") == 2); // a different person
    CHECK(t.count("SELECT COUNT(*) FROM conversations") == 2);
}

TEST_CASE("a template status webhook updates the cached template") {
    TestDb t;
    t.db.exec(
        "INSERT INTO templates (meta_id, name, language, category, status, updated_at) VALUES "
        "('1402761960000001', 'order_update', 'es_MX', 'UTILITY', 'APPROVED', 1)");
    const auto result = apply_webhook_batch(
        t.db, parse_webhook(read_test_json("webhook_multi.json").dump()).value(), 2);
    CHECK(result.templates_updated == 1);
    CHECK(t.count("SELECT COUNT(*) FROM templates WHERE status = 'PAUSED'") == 1);
}

TEST_CASE("a status for a wamid we never learned names its message by biz_opaque_callback_data") {
    TestDb t;
    const auto customer = create_customer(t.db, std::nullopt, "+34600000010", "", 1);
    OutboundMessage message;
    message.customer_id = customer;
    message.kind = "template";
    const auto id = insert_outbound_message(t.db, message, 100);
    record_send_unknown(t.db, id, "no answer from Meta after the request was sent (Read)", 1, 101);

    auto sent = status("wamid.LOST-ANSWER", "sent", 102);
    sent.message_id = id;
    apply_webhook_batch(t.db, statuses({sent}), 103);
    auto row = t.message(id);
    CHECK(row.status == "sent");
    CHECK(row.sent_at == 102);
    CHECK(t.count("SELECT COUNT(*) FROM messages WHERE wamid = 'wamid.LOST-ANSWER' AND id = " +
                  std::to_string(id)) == 1);
    // Its reason says how it was resolved, in place of the lost answer's.
    CHECK(t.count("SELECT COUNT(*) FROM messages WHERE status_reason = 'named by Meta''s status "
                  "webhook after the send''s answer was lost' AND id = " +
                  std::to_string(id)) == 1);
    CHECK(t.count("SELECT COUNT(*) FROM message_status_events WHERE unmatched = 1") == 0);

    // The next statuses find it by wamid; callback data naming another message changes nothing.
    auto delivered = status("wamid.LOST-ANSWER", "delivered", 104);
    delivered.message_id = id + 1000;
    apply_webhook_batch(t.db, statuses({delivered}), 105);
    CHECK(t.message(id).status == "delivered");
}

TEST_CASE("statuses that carry their message's callback data move it forward once, and "
          "callback data naming another known message moves only the wamid's") {
    TestDb t;
    const auto id = t.accepted_message("wamid.OURS");
    const auto other = t.accepted_message("wamid.OTHER");
    auto with_id = [&](const std::string& wamid, const std::string& name, std::int64_t at,
                       std::int64_t message_id) {
        auto event = status(wamid, name, at);
        event.message_id = message_id;
        return event;
    };
    auto result = apply_webhook_batch(
        t.db,
        statuses({with_id("wamid.OURS", "sent", 10, id), with_id("wamid.OURS", "read", 30, id)}),
        31);
    CHECK(result.statuses_applied == 2);
    // Repeats, a late delivered (it only brings an earlier time) and a repeat of it.
    result = apply_webhook_batch(
        t.db,
        statuses({with_id("wamid.OURS", "sent", 10, id), with_id("wamid.OURS", "read", 30, id),
                  with_id("wamid.OURS", "delivered", 20, id),
                  with_id("wamid.OURS", "delivered", 20, id)}),
        32);
    CHECK(result.statuses_applied == 1);
    CHECK(result.duplicate_statuses == 3);
    auto row = t.message(id);
    CHECK(row.status == "read");
    CHECK(row.sent_at == 10);
    CHECK(row.delivered_at == 20);
    CHECK(row.read_at == 30);

    // Callback data that names the other message: the status is the wamid's message's.
    result = apply_webhook_batch(t.db, statuses({with_id("wamid.OTHER", "delivered", 40, id)}), 41);
    CHECK(result.statuses_applied == 1);
    CHECK(t.message(other).status == "delivered");
    CHECK(t.message(other).delivered_at == 40);
    row = t.message(id);
    CHECK(row.status == "read");
    CHECK(row.delivered_at == 20);
    result = apply_webhook_batch(t.db, statuses({with_id("wamid.OTHER", "delivered", 40, id)}), 42);
    CHECK(result.duplicate_statuses == 1);
    CHECK(t.count("SELECT COUNT(*) FROM message_status_events") == 0);
}

TEST_CASE("a status ahead of its send's answer names its message by callback data, and never "
          "takes a wamid another message has") {
    TestDb t;
    const auto customer = create_customer(t.db, std::nullopt, "+34600000011", "", 1);
    OutboundMessage message;
    message.customer_id = customer;
    message.kind = "template";
    const auto waiting = insert_outbound_message(t.db, message, 100); // its answer not in yet
    const auto other = t.accepted_message("wamid.TAKEN");

    auto early = status("wamid.EARLY", "sent", 102);
    early.message_id = waiting;
    auto result = apply_webhook_batch(t.db, statuses({early}), 103);
    CHECK(result.statuses_applied == 1);
    CHECK(t.count("SELECT COUNT(*) FROM messages WHERE wamid = 'wamid.EARLY' AND id = " +
                  std::to_string(waiting)) == 1);
    CHECK(t.message(waiting).sent_at == 102);
    result = apply_webhook_batch(t.db, statuses({early}), 104);
    CHECK(result.duplicate_statuses == 1);

    // A status that moves nothing names its message too, and changes nothing else.
    const auto quiet = insert_outbound_message(t.db, message, 104);
    auto warning = status("wamid.WARNED", "warning", 104);
    warning.message_id = quiet;
    result = apply_webhook_batch(t.db, statuses({warning}), 104);
    CHECK(result.statuses_applied == 1);
    CHECK(t.count("SELECT COUNT(*) FROM messages WHERE wamid = 'wamid.WARNED' AND id = " +
                  std::to_string(quiet) + " AND status = 'pending' AND sent_at IS NULL") == 1);

    // Callback data naming a message without a wamid, on another message's wamid: that message's.
    const auto unnamed = insert_outbound_message(t.db, message, 105);
    auto mismatched = status("wamid.TAKEN", "delivered", 106);
    mismatched.message_id = unnamed;
    result = apply_webhook_batch(t.db, statuses({mismatched}), 107);
    CHECK(result.statuses_applied == 1);
    CHECK(t.message(other).delivered_at == 106);
    CHECK(t.count("SELECT COUNT(*) FROM messages WHERE wamid IS NULL AND id = " +
                  std::to_string(unnamed)) == 1);
    CHECK(t.message(unnamed).status != "delivered");
}

TEST_CASE("callback data never renames a message that already has a wamid") {
    TestDb t;
    const auto id = t.accepted_message("wamid.FIRST");
    auto other = status("wamid.SECOND", "sent", 10);
    other.message_id = id;
    apply_webhook_batch(t.db, statuses({other}), 11);
    CHECK(t.count("SELECT COUNT(*) FROM messages WHERE wamid = 'wamid.FIRST'") == 1);
    CHECK(t.count("SELECT COUNT(*) FROM message_status_events WHERE wamid = 'wamid.SECOND' "
                  "AND unmatched = 1") == 1);
}

TEST_CASE("status events of wamids we never knew are forgotten after the retention time") {
    TestDb t;
    const std::int64_t now = 1700000000;
    const std::int64_t day = 24 * 60 * 60;
    const auto id = t.accepted_message("wamid.OURS");
    apply_webhook_batch(t.db, statuses({status("wamid.OURS", "sent", now - 8 * day)}),
                        now - 8 * day);
    apply_webhook_batch(t.db, statuses({status("wamid.STRANGER-OLD", "sent", now - 8 * day)}),
                        now - 8 * day);
    apply_webhook_batch(t.db, statuses({status("wamid.STRANGER-NEW", "sent", now - day)}),
                        now - day);
    // Came before its send's answer, which then matched it.
    apply_webhook_batch(t.db, statuses({status("wamid.EARLY", "sent", now - 8 * day)}),
                        now - 8 * day);
    const auto customer = create_customer(t.db, std::nullopt, "+34600000011", "", 1);
    OutboundMessage message;
    message.customer_id = customer;
    message.kind = "text";
    const auto early = insert_outbound_message(t.db, message, now - 8 * day);
    record_send_accepted(t.db, early, "wamid.EARLY", 1);
    replay_early_status_events(t.db, "wamid.EARLY");

    CHECK(prune_unmatched_status_events(t.db, now - 7 * day) == 1);
    auto left = t.db.prepare("SELECT wamid FROM message_status_events ORDER BY wamid");
    std::vector<std::string> wamids;
    while (left.step()) {
        wamids.push_back(left.get_text(0));
    }
    // Ours was applied and EARLY taken by its message when the answer came: neither is kept.
    CHECK(wamids == std::vector<std::string>{"wamid.STRANGER-NEW"});
    CHECK(t.message(id).status == "sent");
}
