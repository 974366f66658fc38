// SQL for outbound send outcomes and inbound messages.
#include "server/store/messages_store.hpp"

#include <algorithm>

namespace waconsole {
namespace {

// What an outbound message starts with besides its content.
struct OutboundStart {
    std::optional<std::int64_t> id; // nullopt: SQLite picks the next one
    const char* status = "pending";
    std::optional<std::string> request;
    std::optional<std::string> reason;
    std::optional<std::int64_t> due_at_ms;
};

std::int64_t insert_outbound_row(Connection& db, const OutboundMessage& message,
                                 const OutboundStart& start, std::int64_t now) {
    db.prepare("INSERT INTO messages (id, conversation_id, customer_id, direction, kind, body, "
               "sent_by_user_id, template_name, template_language, status, created_at, "
               "status_reason, retry_at_ms, campaign_id) "
               "VALUES (?, ?, ?, 'out', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, start.id)
        .bind(2, message.conversation_id)
        .bind(3, message.customer_id)
        .bind(4, message.kind)
        .bind(5, message.body)
        .bind(6, message.sent_by_user_id)
        .bind(7, message.template_name)
        .bind(8, message.template_language)
        .bind(9, start.status)
        .bind(10, now)
        .bind(11, start.reason)
        .bind(12, start.due_at_ms)
        .bind(13, message.campaign_id)
        .run();
    const auto id = db.last_insert_id();
    if (start.request) {
        set_send_request(db, id, *start.request);
    }
    return id;
}

} // namespace

std::int64_t insert_outbound_message(Connection& db, const OutboundMessage& message,
                                     std::int64_t now) {
    return insert_outbound_row(db, message, OutboundStart{}, now);
}

void set_send_request(Connection& db, std::int64_t message_id, const std::string& request) {
    db.prepare("INSERT INTO message_requests (message_id, request) VALUES (?, ?) "
               "ON CONFLICT (message_id) DO UPDATE SET request = excluded.request")
        .bind(1, message_id)
        .bind(2, request)
        .run();
}

std::optional<std::string> stored_send_request(Connection& db, std::int64_t message_id) {
    auto query = db.prepare("SELECT request FROM message_requests WHERE message_id = ?");
    query.bind(1, message_id);
    if (!query.step()) {
        return std::nullopt;
    }
    return query.get_text(0);
}

void record_send_accepted(Connection& db, std::int64_t message_id, const std::string& wamid,
                          int attempts) {
    // A status webhook may have named the message already (same wamid) and moved it on. Meta
    // has the message: it is never sent again, so its request goes.
    db.prepare("UPDATE messages SET wamid = ?, send_attempts = ?, status_reason = NULL, "
               "retry_at_ms = NULL, status = CASE WHEN status = 'pending' "
               "THEN 'accepted' ELSE status END WHERE id = ? AND (status = 'pending' OR wamid = ?)")
        .bind(1, wamid)
        .bind(2, attempts)
        .bind(3, message_id)
        .bind(4, wamid)
        .run();
    if (db.changes() > 0) {
        db.prepare("DELETE FROM message_requests WHERE message_id = ?").bind(1, message_id).run();
    }
}

void record_send_failed(Connection& db, std::int64_t message_id, const SendFailure& failure,
                        int attempts, std::int64_t now) {
    db.prepare("UPDATE messages SET status = 'failed', failed_at = ?, error_code = ?, "
               "error_title = ?, error_details = ?, error_retryable = ?, send_attempts = ?, "
               "status_reason = NULL, retry_at_ms = NULL WHERE id = ? AND status = 'pending'")
        .bind(1, now)
        .bind(2, failure.code)
        .bind(3, failure.title)
        .bind(4, failure.details)
        .bind(5, failure.retryable ? 1 : 0)
        .bind(6, attempts)
        .bind(7, message_id)
        .run();
}

void record_send_unknown(Connection& db, std::int64_t message_id, const std::string& reason,
                         int attempts, std::int64_t now) {
    db.prepare("UPDATE messages SET status = 'unknown', unknown_since = ?, status_reason = ?, "
               "send_attempts = ?, retry_at_ms = NULL WHERE id = ? AND status = 'pending'")
        .bind(1, now)
        .bind(2, reason)
        .bind(3, attempts)
        .bind(4, message_id)
        .run();
}

void record_send_queued(Connection& db, std::int64_t message_id, const SendFailure& last_error,
                        const std::string& reason, int attempts, std::int64_t retry_at_ms) {
    db.prepare("UPDATE messages SET status = 'queued', retry_at_ms = ?, status_reason = ?, "
               "send_attempts = ?, error_code = ?, error_title = ?, error_details = ?, "
               "error_retryable = 1 WHERE id = ? AND status = 'pending'")
        .bind(1, retry_at_ms)
        .bind(2, reason)
        .bind(3, attempts)
        .bind(4, last_error.code)
        .bind(5, last_error.title)
        .bind(6, last_error.details)
        .bind(7, message_id)
        .run();
}

std::int64_t next_message_id(Connection& db) {
    auto query = db.prepare("SELECT COALESCE(MAX(id), 0) + 1 FROM messages");
    query.step();
    return query.get_int(0);
}

void insert_queued_outbound_message(Connection& db, std::int64_t id, const OutboundMessage& message,
                                    const std::string& request, const std::string& reason,
                                    std::int64_t due_at_ms, std::int64_t now) {
    insert_outbound_row(db, message, {id, "queued", request, reason, due_at_ms}, now);
}

std::optional<OutboundState> find_outbound_state(Connection& db, std::int64_t message_id) {
    auto query = db.prepare(
        "SELECT id, customer_id, sent_by_user_id, wamid, status, status_reason, send_attempts, "
        "retry_at_ms, error_code, error_title, error_details, error_retryable "
        "FROM messages WHERE id = ? AND direction = 'out'");
    query.bind(1, message_id);
    if (!query.step()) {
        return std::nullopt;
    }
    OutboundState state;
    state.id = query.get_int(0);
    state.customer_id = query.get_int(1);
    state.sent_by_user_id = query.get_optional_int(2);
    state.wamid = query.get_optional_text(3);
    state.status = query.get_text(4);
    state.status_reason = query.get_optional_text(5);
    state.attempts = static_cast<int>(query.get_int(6));
    state.retry_at_ms = query.get_optional_int(7);
    if (const auto code = query.get_optional_int(8)) {
        state.error_code = static_cast<int>(*code);
    }
    state.error_title = query.get_text(9);
    state.error_details = query.get_text(10);
    state.error_retryable = query.get_int(11) != 0;
    return state;
}

std::vector<QueuedSend> claim_queued_sends(Connection& db, std::int64_t now_ms, int limit) {
    auto claim = db.prepare("UPDATE messages SET status = 'pending' WHERE id IN ("
                            "SELECT id FROM messages INDEXED BY messages_queued_by_retry "
                            "WHERE status = 'queued' AND retry_at_ms <= ? "
                            "AND wamid IS NULL ORDER BY retry_at_ms, id LIMIT ?) "
                            "RETURNING id, customer_id, send_attempts");
    claim.bind(1, now_ms).bind(2, limit);
    std::vector<QueuedSend> claimed;
    while (claim.step()) {
        claimed.push_back(
            {claim.get_int(0), claim.get_int(1), static_cast<int>(claim.get_int(2)), ""});
    }
    claim.reset();
    // A message without its request (which only a damaged database has) goes with an empty one:
    // the worker answers it "could not be read" without sending.
    for (auto& send : claimed) {
        send.request = stored_send_request(db, send.message_id).value_or("");
    }
    // RETURNING gives rows in no promised order: they go in the order they were queued.
    std::sort(claimed.begin(), claimed.end(),
              [](const QueuedSend& a, const QueuedSend& b) { return a.message_id < b.message_id; });
    return claimed;
}

std::optional<std::int64_t> next_queued_send_at_ms(Connection& db) {
    // The same rows claim_queued_sends takes, so a due message it would skip is not due here.
    auto query = db.prepare("SELECT retry_at_ms FROM messages INDEXED BY messages_queued_by_retry "
                            "WHERE status = 'queued' AND wamid IS NULL "
                            "ORDER BY retry_at_ms LIMIT 1");
    if (!query.step()) {
        return std::nullopt;
    }
    return query.get_optional_int(0);
}

int mark_interrupted_sends_unknown(Connection& db, std::int64_t now) {
    db.prepare("UPDATE messages SET status = 'unknown', unknown_since = ?, status_reason = "
               "'the server stopped while this message was being sent: Meta may have it; a "
               "status webhook will tell' WHERE status = 'pending' AND direction = 'out'")
        .bind(1, now)
        .run();
    return db.changes();
}

int mark_unknown_sends_unresolved(Connection& db, std::int64_t cutoff, std::int64_t now) {
    db.prepare("UPDATE messages SET status = 'unresolved', status_reason = "
               "COALESCE(status_reason, 'the outcome of the send is unknown') || '; no status "
               "from Meta in ' || ((? - unknown_since) / 60) || ' minutes: check with the "
               "customer before sending it again' "
               "WHERE status = 'unknown' AND unknown_since <= ?")
        .bind(1, now)
        .bind(2, cutoff)
        .run();
    return db.changes();
}

void move_message_to_customer(Connection& db, std::int64_t message_id, std::int64_t from_customer,
                              std::int64_t to_customer) {
    std::optional<std::int64_t> conversation;
    {
        auto query = db.prepare("SELECT m.conversation_id FROM messages m JOIN conversations c "
                                "ON c.id = m.conversation_id WHERE m.id = ? AND c.customer_id = ?");
        query.bind(1, message_id).bind(2, from_customer);
        if (query.step()) {
            conversation = query.get_int(0);
        }
    }
    const auto target = open_conversation_id(db, to_customer);
    if (conversation && !target) {
        // The conversation is the same person's too: it goes with everything in it.
        db.prepare("UPDATE conversations SET customer_id = ? WHERE id = ?")
            .bind(1, to_customer)
            .bind(2, *conversation)
            .run();
        db.prepare("UPDATE messages SET customer_id = ? WHERE conversation_id = ?")
            .bind(1, to_customer)
            .bind(2, *conversation)
            .run();
        return;
    }
    // Into the same person's open conversation, or the one it had if it had none of its own.
    db.prepare("UPDATE messages SET customer_id = ?, conversation_id = CASE WHEN ? THEN ? "
               "ELSE COALESCE(conversation_id, ?) END WHERE id = ?")
        .bind(1, to_customer)
        .bind(2, conversation ? 1 : 0)
        .bind(3, target)
        .bind(4, target)
        .bind(5, message_id)
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
    return query.first_int();
}

bool message_exists(Connection& db, const std::string& wamid) {
    auto query = db.prepare("SELECT 1 FROM messages WHERE wamid = ?");
    query.bind(1, wamid);
    return query.step();
}

std::optional<StoredInbound> store_inbound_message(Connection& db, std::int64_t customer_id,
                                                   const InboundMessage& message,
                                                   std::int64_t now) {
    if (message_exists(db, message.wamid)) {
        return std::nullopt;
    }
    const std::int64_t at = message.timestamp > 0 ? message.timestamp : now;
    StoredInbound stored;
    auto conversation_id = open_conversation_id(db, customer_id);
    if (!conversation_id) {
        stored.opened_conversation = true;
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
    stored.message_id = db.last_insert_id();
    stored.conversation_id = *conversation_id;
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
    return stored;
}

std::optional<std::string> newest_inbound_wamid(Connection& db, std::int64_t conversation_id) {
    auto query = db.prepare("SELECT wamid FROM messages WHERE conversation_id = ? AND "
                            "direction = 'in' AND wamid IS NOT NULL ORDER BY id DESC LIMIT 1");
    query.bind(1, conversation_id);
    if (!query.step()) {
        return std::nullopt;
    }
    return query.get_text(0);
}

std::optional<std::int64_t> customer_of_outbound(Connection& db, const std::string& wamid,
                                                 std::optional<std::int64_t> message_id) {
    if (!wamid.empty()) {
        auto query =
            db.prepare("SELECT customer_id FROM messages WHERE wamid = ? AND direction = 'out'");
        query.bind(1, wamid);
        if (const auto customer = query.first_int()) {
            return customer;
        }
    }
    if (message_id) {
        auto query =
            db.prepare("SELECT customer_id FROM messages WHERE id = ? AND direction = 'out'");
        query.bind(1, *message_id);
        return query.first_int();
    }
    return std::nullopt;
}

} // namespace waconsole
