// SQL for status events and the forward-only message status.
#include "server/store/message_status_store.hpp"

#include <vector>

namespace waconsole {
namespace {

// ?1 status, ?2 its rank, ?3..?6 the sent/delivered/read/failed time it sets (NULL: none),
// ?7..?9 the error, ?10 the wamid. Times keep the earliest value seen. No `IN (...)` lists:
// SQLite builds a temporary b-tree for each one every time the statement runs.
constexpr const char* kUpdateMessage = R"sql(
UPDATE messages SET
    status = CASE WHEN ?2 > (CASE status WHEN 'queued' THEN 0 WHEN 'pending' THEN 0
        WHEN 'unknown' THEN 0 WHEN 'unresolved' THEN 0 WHEN 'accepted' THEN 1
        WHEN 'sent' THEN 2 WHEN 'failed' THEN 3 WHEN 'delivered' THEN 4 WHEN 'read' THEN 5
        ELSE 6 END) THEN ?1 ELSE status END,
    error_code = CASE WHEN ?6 IS NOT NULL AND (status = 'queued' OR status = 'pending' OR
        status = 'unknown' OR status = 'unresolved' OR status = 'accepted' OR status = 'sent') THEN ?7 ELSE error_code END,
    error_title = CASE WHEN ?6 IS NOT NULL AND (status = 'queued' OR status = 'pending' OR
        status = 'unknown' OR status = 'unresolved' OR status = 'accepted' OR status = 'sent') THEN ?8 ELSE error_title END,
    error_details = CASE WHEN ?6 IS NOT NULL AND (status = 'queued' OR status = 'pending' OR
        status = 'unknown' OR status = 'unresolved' OR status = 'accepted' OR status = 'sent') THEN ?9 ELSE error_details END,
    sent_at = CASE WHEN ?3 IS NULL THEN sent_at ELSE MIN(COALESCE(sent_at, ?3), ?3) END,
    delivered_at = CASE WHEN ?4 IS NULL THEN delivered_at
        ELSE MIN(COALESCE(delivered_at, ?4), ?4) END,
    read_at = CASE WHEN ?5 IS NULL THEN read_at ELSE MIN(COALESCE(read_at, ?5), ?5) END,
    failed_at = CASE WHEN ?6 IS NULL THEN failed_at ELSE MIN(COALESCE(failed_at, ?6), ?6) END
WHERE wamid = ?10 AND direction = 'out'
)sql";

} // namespace

int status_rank(const std::string& status) {
    if (status == "sent") {
        return 2;
    }
    if (status == "failed") {
        return 3;
    }
    if (status == "delivered") {
        return 4;
    }
    if (status == "read") {
        return 5;
    }
    return -1;
}

StatusWriter::StatusWriter(Connection& db)
    : m_insert_event(db.prepare("INSERT OR IGNORE INTO message_status_events (wamid, status, "
                                "timestamp, error_code, received_at, error_title, error_details, "
                                "pricing_category, billable, unmatched) "
                                "VALUES (?,?,?,?,?,?,?,?,?,0)")),
      m_update_message(db.prepare(kUpdateMessage)),
      // Matched events were applied when they came.
      m_select_events(db.prepare("SELECT status, timestamp, error_code, error_title, error_details "
                                 "FROM message_status_events WHERE wamid = ? AND unmatched = 1")),
      m_find_message(db.prepare("SELECT 1 FROM messages WHERE wamid = ? AND direction = 'out'")),
      m_name_message(db.prepare(
          "UPDATE messages SET wamid = ?, status_reason = CASE WHEN status IN ('unknown', "
          "'unresolved') THEN 'named by Meta''s status webhook after the send''s answer was "
          "lost' ELSE status_reason END WHERE id = ? AND direction = 'out' AND wamid IS NULL")),
      m_flag_unmatched(db.prepare("UPDATE message_status_events SET unmatched = 1 "
                                  "WHERE wamid = ? AND status = ? AND timestamp = ?")),
      m_db(db) {}

bool StatusWriter::name_message(const StatusUpdate& event) {
    if (!event.message_id) {
        return false;
    }
    m_name_message.bind(1, event.wamid).bind(2, *event.message_id);
    m_name_message.run();
    m_name_message.reset();
    return m_db.changes() > 0;
}

bool StatusWriter::apply(const StatusUpdate& event, std::int64_t received_at) {
    // The event goes in first as matched and the message is updated by its wamid: one statement
    // each in the usual case. Only when no message has the wamid (the send's answer is not in
    // yet) is the message looked for by its callback data, and the event flagged if that fails.
    m_insert_event.bind(1, event.wamid)
        .bind(2, event.status)
        .bind(3, event.timestamp)
        .bind(4, event.error_code)
        .bind(5, received_at)
        .bind(6, event.error_title)
        .bind(7, event.error_details)
        .bind(8, event.pricing_category);
    if (event.billable) {
        m_insert_event.bind(9, *event.billable ? 1 : 0);
    } else {
        m_insert_event.bind_null(9);
    }
    m_insert_event.run();
    m_insert_event.reset();
    if (m_db.changes() == 0) {
        // Already applied when it first came, or replayed when the send's answer arrived.
        return false;
    }
    bool known = false;
    if (status_rank(event.status) >= 0) {
        known = update_message(event);
    } else {
        m_find_message.bind(1, event.wamid);
        known = m_find_message.step();
        m_find_message.reset();
    }
    if (!known && name_message(event)) {
        known = true;
        update_message(event);
    }
    if (!known) {
        m_flag_unmatched.bind(1, event.wamid).bind(2, event.status).bind(3, event.timestamp);
        m_flag_unmatched.run();
        m_flag_unmatched.reset();
    }
    return true;
}

bool StatusWriter::update_message(const StatusUpdate& event) {
    const int rank = status_rank(event.status);
    if (rank < 0) {
        return false;
    }
    const auto at = event.timestamp;
    auto time_if = [&](bool applies) {
        return applies ? std::optional<std::int64_t>(at) : std::nullopt;
    };
    m_update_message.bind(1, event.status)
        .bind(2, rank)
        .bind(3, time_if(rank == 2 || rank >= 4))
        .bind(4, time_if(rank >= 4))
        .bind(5, time_if(rank == 5))
        .bind(6, time_if(rank == 3))
        .bind(7, event.error_code)
        .bind(8, event.error_title)
        .bind(9, event.error_details)
        .bind(10, event.wamid);
    m_update_message.run();
    m_update_message.reset();
    return m_db.changes() > 0;
}

void StatusWriter::replay(const std::string& wamid) {
    m_select_events.bind(1, wamid);
    std::vector<StatusUpdate> events;
    while (m_select_events.step()) {
        StatusUpdate event;
        event.wamid = wamid;
        event.status = m_select_events.get_text(0);
        event.timestamp = m_select_events.get_int(1);
        if (const auto code = m_select_events.get_optional_int(2)) {
            event.error_code = static_cast<int>(*code);
        }
        event.error_title = m_select_events.get_text(3);
        event.error_details = m_select_events.get_text(4);
        events.push_back(std::move(event));
    }
    m_select_events.reset();
    for (const auto& event : events) {
        update_message(event);
    }
    if (!events.empty()) {
        m_db.prepare("UPDATE message_status_events SET unmatched = 0 WHERE wamid = ? AND "
                     "unmatched = 1")
            .bind(1, wamid)
            .run();
    }
}

int prune_unmatched_status_events(Connection& db, std::int64_t cutoff) {
    db.prepare("DELETE FROM message_status_events WHERE unmatched = 1 AND received_at < ?")
        .bind(1, cutoff)
        .run();
    return db.changes();
}

} // namespace waconsole
