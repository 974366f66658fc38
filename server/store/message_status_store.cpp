// SQL for status events and the forward-only message status.
#include "server/store/message_status_store.hpp"

#include <vector>

namespace waconsole {
namespace {

// ?1 status, ?2 its rank, ?3..?6 the sent/delivered/read/failed time it sets (NULL: none),
// ?7..?9 the error, ?10 the wamid, ?11 (by_id) the message id. Times keep the earliest value seen;
// the error is taken while the message is not yet past sent. The WHERE clause matches only when the
// event changes something, so changes() tells news from a repeat. No `IN (...)` lists: SQLite
// builds a temporary b-tree for each one every time the statement runs.
//
// Naming: the message its callback data names takes the wamid as well, when it has none yet (a
// status ahead of its send's answer: the answer not in yet, or lost). In the same statement as
// the status, not in one before it: SET reads the row as it was. Its own statement, not a WHERE
// of the by-id one: a wamid in SET rewrites the row's entry of the wamid's index at every run,
// and the usual status finds its wamid there already. OR IGNORE: callback data naming a message
// without a wamid, on a status whose wamid another message has, changes nothing (the status
// then goes to the wamid's message).
enum class Match { by_wamid, by_id, naming };

std::string build_update_message_sql(Match match) {
    // The stored status's rank in the order above (unsent states 0).
    const std::string rank =
        "(CASE status WHEN 'queued' THEN 0 WHEN 'pending' THEN 0 WHEN 'unknown' THEN 0 "
        "WHEN 'unresolved' THEN 0 WHEN 'accepted' THEN 1 WHEN 'sent' THEN 2 WHEN 'failed' THEN 3 "
        "WHEN 'delivered' THEN 4 WHEN 'read' THEN 5 ELSE 6 END)";
    const auto error = [&](const std::string& column, const std::string& value) {
        return column + " = CASE WHEN ?6 IS NOT NULL AND " + rank + " <= 2 THEN " + value +
               " ELSE " + column + " END";
    };
    const auto earliest = [](const std::string& column, const std::string& value) {
        return column + " = CASE WHEN " + value + " IS NULL THEN " + column +
               " ELSE MIN(COALESCE(" + column + ", " + value + "), " + value + ") END";
    };
    const auto earlier = [](const std::string& column, const std::string& value) {
        return "(" + value + " IS NOT NULL AND (" + column + " IS NULL OR " + value + " < " +
               column + "))";
    };
    const std::string news = "(?2 > " + rank + " OR " + earlier("sent_at", "?3") + " OR " +
                             earlier("delivered_at", "?4") + " OR " + earlier("read_at", "?5") +
                             " OR " + earlier("failed_at", "?6") + ")";
    const bool naming = match == Match::naming;
    std::string where;
    if (match == Match::by_wamid) {
        where = "wamid = ?10 AND direction = 'out' AND " + news;
    } else if (match == Match::by_id) {
        where = "id = ?11 AND wamid = ?10 AND direction = 'out' AND " + news;
    } else {
        // No wamid yet: not sent, so any status is news.
        where = "id = ?11 AND direction = 'out' AND wamid IS NULL";
    }
    return std::string(naming ? "UPDATE OR IGNORE" : "UPDATE") + " messages SET " +
           (naming ? "wamid = ?10, status_reason = CASE WHEN status = 'unknown' OR status = "
                     "'unresolved' THEN 'named by Meta''s status webhook after the send''s "
                     "answer was lost' ELSE status_reason END, "
                   : "") +
           "status = CASE WHEN ?2 > " + rank + " THEN ?1 ELSE status END, " +
           error("error_code", "?7") + ", " + error("error_title", "?8") + ", " +
           error("error_details", "?9") + ", " + earliest("sent_at", "?3") + ", " +
           earliest("delivered_at", "?4") + ", " + earliest("read_at", "?5") + ", " +
           earliest("failed_at", "?6") + " WHERE " + where;
}

// Built once: every webhook POST prepares them (from the connection's statement cache).
const std::string& update_message_sql(Match match) {
    static const std::string by_wamid_sql = build_update_message_sql(Match::by_wamid);
    static const std::string by_id_sql = build_update_message_sql(Match::by_id);
    static const std::string naming_sql = build_update_message_sql(Match::naming);
    return match == Match::by_wamid ? by_wamid_sql : match == Match::by_id ? by_id_sql : naming_sql;
}

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
    : m_update_by_id(db.prepare(update_message_sql(Match::by_id))),
      m_update_by_wamid(db.prepare(update_message_sql(Match::by_wamid))),
      m_name_by_id(db.prepare(update_message_sql(Match::naming))),
      m_find_by_id(
          db.prepare("SELECT 1 FROM messages WHERE id = ? AND wamid = ? AND direction = 'out'")),
      m_find_message(db.prepare("SELECT 1 FROM messages WHERE wamid = ? AND direction = 'out'")),
      m_keep_unmatched(db.prepare(
          "INSERT OR IGNORE INTO message_status_events (wamid, status, timestamp, error_code, "
          "received_at, error_title, error_details, pricing_category, billable, unmatched) "
          "VALUES (?,?,?,?,?,?,?,?,?,1)")),
      m_db(db) {}

bool StatusWriter::apply(const StatusUpdate& event, std::int64_t received_at) {
    // The usual case is one statement: the message its callback data names (if that one has the
    // wamid), else the one with the wamid, takes what is new.
    // A status that moves nothing (`warning`, `deleted`, rank -1) changes no status or time; it
    // still names its message (the naming statement then sets only the wamid and the reason).
    const int rank = status_rank(event.status);
    const bool moves = rank >= 0;
    if (event.message_id) {
        if (moves && update_message(event, rank, m_update_by_id, true)) {
            return true;
        }
        // A status ahead of its send's answer (often the first `sent`): its message has no wamid
        // yet and takes this one.
        if (update_message(event, rank, m_name_by_id, true)) {
            return true;
        }
        m_find_by_id.bind(1, *event.message_id).bind(2, event.wamid);
        const bool repeat = m_find_by_id.step();
        m_find_by_id.reset();
        if (repeat) {
            return false;
        }
        // Callback data naming another message, or one that cannot take a wamid another message
        // has: by the wamid.
    }
    if (moves && update_message(event, rank, m_update_by_wamid, false)) {
        return true;
    }
    // Nothing changed: its message had it already (a repeat, a late `delivered` after `read`),
    // or no message has the wamid yet (the send's answer is not in, or was lost). Callback data
    // named no message above, and nothing has changed since that try.
    m_find_message.bind(1, event.wamid);
    const bool known = m_find_message.step();
    m_find_message.reset();
    if (known) {
        return false;
    }
    // Kept until the send's answer names its message (replay_early_status_events), or forgotten.
    m_keep_unmatched.bind(1, event.wamid)
        .bind(2, event.status)
        .bind(3, event.timestamp)
        .bind(4, event.error_code)
        .bind(5, received_at)
        .bind(6, event.error_title)
        .bind(7, event.error_details)
        .bind(8, event.pricing_category);
    if (event.billable) {
        m_keep_unmatched.bind(9, *event.billable ? 1 : 0);
    } else {
        m_keep_unmatched.bind_null(9);
    }
    m_keep_unmatched.run();
    m_keep_unmatched.reset();
    return m_db.changes() > 0;
}

bool StatusWriter::update_message(const StatusUpdate& event, int rank, Statement& update,
                                  bool by_id) {
    const auto at = event.timestamp;
    auto time_if = [&](bool applies) {
        return applies ? std::optional<std::int64_t>(at) : std::nullopt;
    };
    update.bind(1, event.status)
        .bind(2, rank)
        .bind(3, time_if(rank == 2 || rank >= 4))
        .bind(4, time_if(rank >= 4))
        .bind(5, time_if(rank == 5))
        .bind(6, time_if(rank == 3))
        .bind(7, event.error_code)
        .bind(8, event.error_title)
        .bind(9, event.error_details)
        .bind(10, event.wamid);
    if (by_id) {
        update.bind(11, *event.message_id);
    }
    update.run();
    update.reset();
    return m_db.changes() > 0;
}

void replay_early_status_events(Connection& db, const std::string& wamid) {
    auto select = db.prepare("SELECT status, timestamp, error_code, error_title, error_details "
                             "FROM message_status_events WHERE wamid = ?");
    select.bind(1, wamid);
    std::vector<StatusUpdate> events;
    while (select.step()) {
        StatusUpdate event;
        event.wamid = wamid;
        event.status = select.get_text(0);
        event.timestamp = select.get_int(1);
        if (const auto code = select.get_optional_int(2)) {
            event.error_code = static_cast<int>(*code);
        }
        event.error_title = select.get_text(3);
        event.error_details = select.get_text(4);
        events.push_back(std::move(event));
    }
    select.reset();
    if (events.empty()) {
        return; // the usual case: no status came before the answer
    }
    StatusWriter writer(db);
    for (const auto& event : events) {
        writer.apply(event, 0);
    }
    // Forgotten once their message took them; kept (until pruned) if none has the wamid after all.
    db.prepare("DELETE FROM message_status_events WHERE wamid = ?1 AND EXISTS (SELECT 1 FROM "
               "messages WHERE wamid = ?1 AND direction = 'out')")
        .bind(1, wamid)
        .run();
}

int prune_unmatched_status_events(Connection& db, std::int64_t cutoff) {
    db.prepare("DELETE FROM message_status_events WHERE unmatched = 1 AND received_at < ?")
        .bind(1, cutoff)
        .run();
    return db.changes();
}

} // namespace waconsole
