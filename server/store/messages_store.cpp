// SQL for outbound send outcomes and inbound messages.
#include "server/store/messages_store.hpp"

namespace waconsole {

std::int64_t insert_outbound_message(Connection& db, const OutboundMessage& message,
                                     std::int64_t now) {
    db.prepare("INSERT INTO messages (conversation_id, customer_id, direction, kind, body, "
               "sent_by_user_id, template_name, template_language, status, created_at) "
               "VALUES (?, ?, 'out', ?, ?, ?, ?, ?, 'pending', ?)")
        .bind(1, message.conversation_id)
        .bind(2, message.customer_id)
        .bind(3, message.kind)
        .bind(4, message.body)
        .bind(5, message.sent_by_user_id)
        .bind(6, message.template_name)
        .bind(7, message.template_language)
        .bind(8, now)
        .run();
    return db.last_insert_id();
}

void record_send_accepted(Connection& db, std::int64_t message_id, const std::string& wamid,
                          int attempts) {
    db.prepare("UPDATE messages SET wamid = ?, status = 'accepted', send_attempts = ? "
               "WHERE id = ? AND status = 'pending'")
        .bind(1, wamid)
        .bind(2, attempts)
        .bind(3, message_id)
        .run();
}

void record_send_failed(Connection& db, std::int64_t message_id, const SendFailure& failure,
                        int attempts, std::int64_t now) {
    db.prepare("UPDATE messages SET status = 'failed', failed_at = ?, error_code = ?, "
               "error_title = ?, error_details = ?, error_retryable = ?, send_attempts = ? "
               "WHERE id = ?")
        .bind(1, now)
        .bind(2, failure.code)
        .bind(3, failure.title)
        .bind(4, failure.details)
        .bind(5, failure.retryable ? 1 : 0)
        .bind(6, attempts)
        .bind(7, message_id)
        .run();
}

void move_message_to_customer(Connection& db, std::int64_t message_id, std::int64_t customer_id) {
    db.prepare("UPDATE messages SET customer_id = ?, conversation_id = COALESCE(conversation_id, "
               "(SELECT id FROM conversations WHERE customer_id = ? AND state <> 'closed' "
               "ORDER BY started_at DESC, id DESC LIMIT 1)) WHERE id = ?")
        .bind(1, customer_id)
        .bind(2, customer_id)
        .bind(3, message_id)
        .run();
}

std::optional<std::int64_t> last_inbound_at(Connection& db, std::int64_t customer_id) {
    auto query = db.prepare(
        "SELECT MAX(created_at) FROM messages WHERE customer_id = ? AND direction = 'in'");
    query.bind(1, customer_id);
    query.step();
    return query.get_optional_int(0);
}

std::optional<std::int64_t> open_conversation_id(Connection& db, std::int64_t customer_id) {
    auto query =
        db.prepare("SELECT id FROM conversations WHERE customer_id = ? AND state <> 'closed' "
                   "ORDER BY started_at DESC, id DESC LIMIT 1");
    query.bind(1, customer_id);
    if (!query.step()) {
        return std::nullopt;
    }
    return query.get_int(0);
}

bool message_exists(Connection& db, const std::string& wamid) {
    auto query = db.prepare("SELECT 1 FROM messages WHERE wamid = ?");
    query.bind(1, wamid);
    return query.step();
}

bool store_inbound_message(Connection& db, std::int64_t customer_id, const InboundMessage& message,
                           std::int64_t now) {
    if (message_exists(db, message.wamid)) {
        return false;
    }
    const std::int64_t at = message.timestamp > 0 ? message.timestamp : now;
    auto conversation_id = open_conversation_id(db, customer_id);
    if (!conversation_id) {
        db.prepare(
              "INSERT INTO conversations (customer_id, state, started_at) VALUES (?, 'bot', ?)")
            .bind(1, customer_id)
            .bind(2, at)
            .run();
        conversation_id = db.last_insert_id();
    }
    db.prepare("INSERT INTO messages (conversation_id, customer_id, direction, kind, body, wamid, "
               "context_wamid, payload, status, created_at) "
               "VALUES (?, ?, 'in', ?, ?, ?, ?, ?, 'received', ?)")
        .bind(1, *conversation_id)
        .bind(2, customer_id)
        .bind(3, message.kind)
        .bind(4, message.body)
        .bind(5, message.wamid)
        .bind(6, message.context_wamid)
        .bind(7, message.payload)
        .bind(8, at)
        .run();
    // Webhooks may arrive out of order: the last customer message is the newest one, not the
    // last one stored.
    db.prepare(
          "UPDATE conversations SET last_customer_text = ?, last_customer_message_at = ? "
          "WHERE id = ? AND (last_customer_message_at IS NULL OR last_customer_message_at <= ?)")
        .bind(1, message.body)
        .bind(2, at)
        .bind(3, *conversation_id)
        .bind(4, at)
        .run();
    return true;
}

} // namespace waconsole
