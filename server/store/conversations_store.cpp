// SQL for moving conversations between states and queues.
#include "server/store/conversations_store.hpp"

namespace waconsole {
namespace {

constexpr const char* kColumns =
    "SELECT id, customer_id, state, skillset_id, agent_id, reserved_for_user_id, started_at, "
    "queued_at, assigned_at, first_agent_reply_at, last_customer_message_at, "
    "last_customer_text, closed_at, close_reason, close_note, licence_type, handled, "
    "queue_priority, exclusive_until, fallback_skillset_id, menus_sent FROM conversations ";

ConversationRecord read_conversation(const Statement& row) {
    ConversationRecord c;
    c.id = row.get_int(0);
    c.customer_id = row.get_int(1);
    c.state = row.get_text(2);
    c.skillset_id = row.get_optional_int(3);
    c.agent_id = row.get_optional_int(4);
    c.reserved_for_user_id = row.get_optional_int(5);
    c.started_at = row.get_int(6);
    c.queued_at = row.get_optional_int(7);
    c.assigned_at = row.get_optional_int(8);
    c.first_agent_reply_at = row.get_optional_int(9);
    c.last_customer_message_at = row.get_optional_int(10);
    c.last_customer_text = row.get_optional_text(11);
    c.closed_at = row.get_optional_int(12);
    c.close_reason = row.get_optional_text(13);
    c.close_note = row.get_optional_text(14);
    c.licence_type = row.get_optional_text(15);
    c.handled = row.get_int(16) != 0;
    c.queue_priority = row.get_int(17);
    c.exclusive_until = row.get_optional_int(18);
    c.fallback_skillset_id = row.get_optional_int(19);
    c.menus_sent = static_cast<int>(row.get_int(20));
    return c;
}

std::int64_t single_int(Statement& query) {
    query.step();
    return query.get_int(0);
}

} // namespace

std::optional<ConversationRecord> find_conversation(Connection& db, std::int64_t id) {
    auto query = db.prepare(std::string(kColumns) + "WHERE id = ?");
    query.bind(1, id);
    if (!query.step()) {
        return std::nullopt;
    }
    return read_conversation(query);
}

void queue_for_skillset(Connection& db, std::int64_t id, std::int64_t skillset_id,
                        std::int64_t now) {
    QueuePlacement placement;
    placement.skillset_id = skillset_id;
    placement.queued_at = now;
    place_in_queue(db, id, placement);
}

void set_menus_sent(Connection& db, std::int64_t id, int menus_sent) {
    db.prepare("UPDATE conversations SET menus_sent = ? WHERE id = ?")
        .bind(1, menus_sent)
        .bind(2, id)
        .run();
}

std::int64_t head_priority_of_skillset(Connection& db, std::int64_t skillset_id) {
    auto query = db.prepare("SELECT COALESCE(MAX(queue_priority), 0) + 1 FROM conversations "
                            "WHERE state = 'waiting' AND agent_id IS NULL AND "
                            "reserved_for_user_id IS NULL AND skillset_id = ?");
    query.bind(1, skillset_id);
    return single_int(query);
}

std::int64_t head_priority_of_user(Connection& db, std::int64_t user_id) {
    auto query = db.prepare("SELECT COALESCE(MAX(queue_priority), 0) + 1 FROM conversations "
                            "WHERE state = 'waiting' AND agent_id IS NULL AND "
                            "reserved_for_user_id = ?");
    query.bind(1, user_id);
    return single_int(query);
}

void place_in_queue(Connection& db, std::int64_t id, const QueuePlacement& placement) {
    db.prepare("UPDATE conversations SET state = 'waiting', agent_id = NULL, assigned_at = NULL, "
               "skillset_id = ?, reserved_for_user_id = ?, queue_priority = ?, queued_at = ?, "
               "exclusive_until = ?, fallback_skillset_id = ? WHERE id = ?")
        .bind(1, placement.skillset_id)
        .bind(2, placement.reserved_for_user_id)
        .bind(3, placement.queue_priority)
        .bind(4, placement.queued_at)
        .bind(5, placement.exclusive_until)
        .bind(6, placement.fallback_skillset_id)
        .bind(7, id)
        .run();
}

AssignmentWriter::AssignmentWriter(Connection& db)
    : m_db(db), m_conversation(db.prepare(
                    "UPDATE conversations SET agent_id = ?, assigned_at = ?, handled = 1, "
                    "licence_type = ?, exclusive_until = NULL, fallback_skillset_id = NULL "
                    "WHERE id = ? AND state = 'waiting' AND agent_id IS NULL")),
      m_agent(
          db.prepare("UPDATE users SET last_assigned_at = MAX(last_assigned_at, ?) WHERE id = ?")) {
}

bool AssignmentWriter::assign(std::int64_t id, std::int64_t agent_id,
                              const std::string& licence_type, std::int64_t assigned_at_ms) {
    m_conversation.reset();
    m_conversation.bind(1, agent_id)
        .bind(2, assigned_at_ms / 1000)
        .bind(3, licence_type)
        .bind(4, id)
        .run();
    if (m_db.changes() == 0) {
        return false;
    }
    m_agent.reset();
    m_agent.bind(1, assigned_at_ms).bind(2, agent_id).run();
    return true;
}

bool assign_conversation(Connection& db, std::int64_t id, std::int64_t agent_id,
                         const std::string& licence_type, std::int64_t assigned_at_ms) {
    return AssignmentWriter(db).assign(id, agent_id, licence_type, assigned_at_ms);
}

std::vector<ConversationRecord> conversations_of_agent(Connection& db, std::int64_t agent_id) {
    auto query =
        db.prepare(std::string(kColumns) + "WHERE agent_id = ? AND state IN ('waiting', 'active') "
                                           "ORDER BY assigned_at, id");
    query.bind(1, agent_id);
    std::vector<ConversationRecord> conversations;
    while (query.step()) {
        conversations.push_back(read_conversation(query));
    }
    return conversations;
}

bool activate_conversation(Connection& db, std::int64_t id, std::int64_t agent_id,
                           std::int64_t now) {
    db.prepare("UPDATE conversations SET state = 'active', reserved_for_user_id = NULL, "
               "assigned_at = COALESCE(assigned_at, ?) "
               "WHERE id = ? AND agent_id = ? AND state = 'waiting'")
        .bind(1, now)
        .bind(2, id)
        .bind(3, agent_id)
        .run();
    return db.changes() > 0;
}

void record_agent_reply(Connection& db, std::int64_t id, std::int64_t now) {
    db.prepare("UPDATE conversations SET state = 'active', reserved_for_user_id = NULL, "
               "first_agent_reply_at = COALESCE(first_agent_reply_at, ?) WHERE id = ?")
        .bind(1, now)
        .bind(2, id)
        .run();
}

bool close_conversation(Connection& db, std::int64_t id, const std::string& reason,
                        const std::optional<std::string>& note, std::int64_t closed_at) {
    db.prepare("UPDATE conversations SET state = 'closed', closed_at = ?, close_reason = ?, "
               "close_note = ?, exclusive_until = NULL WHERE id = ? AND state <> 'closed'")
        .bind(1, closed_at)
        .bind(2, reason)
        .bind(3, note)
        .bind(4, id)
        .run();
    return db.changes() > 0;
}

int close_expired_bot_conversations(Connection& db, std::int64_t now, std::int64_t window_seconds) {
    // Two statements, each on the bot-window index, as in next_bot_window_end. One on
    // COALESCE(last_customer_message_at, started_at) would read the Unmanaged order's index,
    // which also holds every closed conversation no agent handled: at 1,000,000 conversations
    // each close read a few hundred thousand of them (0.2 s), and windows end every second or two.
    constexpr const char* kCloses[] = {
        "UPDATE conversations INDEXED BY conversations_bot_window SET state = 'closed', "
        "close_reason = 'window_expired', closed_at = last_customer_message_at + ? "
        "WHERE state = 'bot' AND last_customer_message_at <= ?",
        "UPDATE conversations INDEXED BY conversations_bot_window SET state = 'closed', "
        "close_reason = 'window_expired', closed_at = started_at + ? "
        "WHERE state = 'bot' AND last_customer_message_at IS NULL AND started_at <= ?",
    };
    int closed = 0;
    for (const char* statement : kCloses) {
        db.prepare(statement).bind(1, window_seconds).bind(2, now - window_seconds).run();
        closed += db.changes();
    }
    return closed;
}

std::optional<std::int64_t> next_bot_window_end(Connection& db, std::int64_t window_seconds) {
    // Two probes so each uses an index: the bot-window index, and conversations without a
    // customer message (none are made by the server; older or hand-made rows may be).
    auto query = db.prepare("SELECT MIN(last_customer_message_at) FROM conversations "
                            "WHERE state = 'bot' AND last_customer_message_at IS NOT NULL");
    query.step();
    auto earliest = query.get_optional_int(0);
    auto no_message = db.prepare("SELECT MIN(started_at) FROM conversations "
                                 "WHERE state = 'bot' AND last_customer_message_at IS NULL");
    no_message.step();
    if (const auto started = no_message.get_optional_int(0)) {
        earliest = earliest ? std::min(*earliest, *started) : *started;
    }
    if (!earliest) {
        return std::nullopt;
    }
    return *earliest + window_seconds;
}

int expire_exclusive_reservations(Connection& db, std::int64_t now) {
    // A reservation for a user goes back to its skillset (if it has one); a reservation for a
    // skillset goes back to the skillset it came from. Either way it waits in queue order.
    db.prepare("UPDATE conversations SET "
               "reserved_for_user_id = CASE WHEN reserved_for_user_id IS NOT NULL AND "
               "  COALESCE(fallback_skillset_id, skillset_id) IS NOT NULL THEN NULL "
               "  ELSE reserved_for_user_id END, "
               "skillset_id = COALESCE(fallback_skillset_id, skillset_id), "
               "exclusive_until = NULL, fallback_skillset_id = NULL "
               "WHERE state = 'waiting' AND exclusive_until IS NOT NULL AND exclusive_until <= ?")
        .bind(1, now)
        .run();
    return db.changes();
}

std::optional<std::int64_t> next_exclusive_deadline(Connection& db) {
    auto query = db.prepare("SELECT MIN(exclusive_until) FROM conversations "
                            "WHERE state = 'waiting' AND exclusive_until IS NOT NULL");
    query.step();
    return query.get_optional_int(0);
}

} // namespace waconsole
