// Section indexes, counters and triggers. See docs/architecture.md ("Paged tables") for how the
// tables use them and docs/contact-center.md for what each section lists.
//
// [SECTION] Which rows each counter counts
// [SECTION] Triggers on conversations
// [SECTION] Unanswered single templates and their triggers
// [SECTION] The migration
#include "server/store/section_tables_schema.hpp"

#include <vector>

namespace waconsole {
namespace {

// [SECTION] Which rows each counter counts
// A conversation row counts in table_counts(section, dimension, key) when `condition` holds;
// `{r}` stands for the row (NEW or OLD in a trigger, the table in the initial count). The
// dimension says what the key is: 'all' (key 0), 'skillset' / 'agent' (the id, 0 for none) or
// 'day' (the UTC day of closed_at, for history's date filters).
struct Membership {
    const char* section;
    const char* dimension;
    const char* key;
    const char* condition;
};

const std::vector<Membership>& conversation_memberships() {
    static const std::vector<Membership> memberships = {
        {"unmanaged", "all", "0",
         "{r}.state = 'bot' OR ({r}.state = 'closed' AND {r}.handled = 0)"},
        {"waiting", "all", "0", "{r}.state = 'waiting'"},
        {"waiting", "skillset", "COALESCE({r}.skillset_id, 0)", "{r}.state = 'waiting'"},
        {"active", "all", "0", "{r}.state = 'active'"},
        {"active", "skillset", "COALESCE({r}.skillset_id, 0)", "{r}.state = 'active'"},
        {"active", "agent", "COALESCE({r}.agent_id, 0)", "{r}.state = 'active'"},
        {"history", "all", "0", "{r}.state = 'closed'"},
        {"history", "agent", "COALESCE({r}.agent_id, 0)", "{r}.state = 'closed'"},
        {"history", "day", "COALESCE({r}.closed_at, 0) / 86400", "{r}.state = 'closed'"},
    };
    return memberships;
}

std::string with_row(std::string text, const std::string& row) {
    for (auto at = text.find("{r}"); at != std::string::npos; at = text.find("{r}", at)) {
        text.replace(at, 3, row);
        at += row.size();
    }
    return text;
}

// Adds `delta` to every counter `row` (NEW or OLD) counts in.
std::string count_row(const std::string& row, int delta) {
    std::string select;
    for (const auto& m : conversation_memberships()) {
        select += select.empty() ? "    SELECT " : "    UNION ALL SELECT ";
        select += std::string("'") + m.section + "' AS section, '" + m.dimension +
                  "' AS dimension, " + with_row(m.key, row) + " AS key, " + std::to_string(delta) +
                  " AS n WHERE " + with_row(m.condition, row) + "\n";
    }
    // "WHERE true" keeps SQLite's parser from reading ON CONFLICT as a join's ON.
    return "  INSERT INTO table_counts (section, dimension, key, n)\n"
           "  SELECT section, dimension, key, n FROM (\n" +
           select +
           "  ) WHERE true\n"
           "  ON CONFLICT (section, dimension, key) DO UPDATE SET n = n + excluded.n;\n";
}

// The counts of the rows already there when the migration runs.
std::string initial_counts() {
    std::string sql;
    for (const auto& m : conversation_memberships()) {
        sql += std::string("INSERT INTO table_counts (section, dimension, key, n)\n"
                           "SELECT '") +
               m.section + "', '" + m.dimension + "', " + with_row(m.key, "c") +
               ", COUNT(*) FROM conversations c WHERE " + with_row(m.condition, "c") +
               " GROUP BY 3;\n";
    }
    return sql;
}

// [SECTION] Triggers on conversations
std::string conversation_triggers() {
    return "CREATE TRIGGER table_counts_conversation_insert AFTER INSERT ON conversations\n"
           "BEGIN\n" +
           count_row("NEW", 1) +
           "END;\n"
           "CREATE TRIGGER table_counts_conversation_delete AFTER DELETE ON conversations\n"
           "BEGIN\n" +
           count_row("OLD", -1) +
           "END;\n"
           "CREATE TRIGGER table_counts_conversation_update\n"
           "AFTER UPDATE OF state, handled, skillset_id, agent_id, closed_at ON conversations\n"
           "WHEN OLD.state IS NOT NEW.state OR OLD.handled IS NOT NEW.handled\n"
           "  OR OLD.skillset_id IS NOT NEW.skillset_id OR OLD.agent_id IS NOT NEW.agent_id\n"
           "  OR OLD.closed_at IS NOT NEW.closed_at\n"
           "BEGIN\n" +
           count_row("OLD", -1) + count_row("NEW", 1) + "END;\n";
}

// [SECTION] Unanswered single templates and their triggers
// Section 7 lists the single templates agents sent (direction out, kind template, a sender)
// to which the customer has not written since: no inbound message of that customer stored after
// it. Which rows qualify depends on other rows (the customer's later messages), so the list is
// kept as a table of its own, by triggers on messages, and counted by triggers on itself.
constexpr const char* kSingleTemplate =
    "m.direction = 'out' AND m.kind = 'template' AND m.sent_by_user_id IS NOT NULL";

// Rebuilds the list of one customer (an expression such as OLD.customer_id).
std::string relist_customer(const std::string& customer) {
    return "  DELETE FROM unanswered_templates WHERE customer_id = " + customer +
           ";\n"
           "  INSERT INTO unanswered_templates (message_id, customer_id, sent_by_user_id)\n"
           "  SELECT m.id, m.customer_id, m.sent_by_user_id FROM messages m\n"
           "  WHERE m.customer_id = " +
           customer + " AND " + kSingleTemplate +
           "\n"
           "    AND NOT EXISTS (SELECT 1 FROM messages a WHERE a.customer_id = m.customer_id\n"
           "                    AND a.direction = 'in' AND a.id > m.id);\n";
}

std::string unanswered_templates_schema() {
    return std::string(R"sql(
CREATE TABLE unanswered_templates (
    message_id INTEGER PRIMARY KEY, -- messages.id; newest first is message_id DESC
    customer_id INTEGER NOT NULL,
    sent_by_user_id INTEGER NOT NULL
);
CREATE INDEX unanswered_templates_by_customer ON unanswered_templates(customer_id, message_id);
CREATE INDEX unanswered_templates_by_agent ON unanswered_templates(sent_by_user_id, message_id);
CREATE TRIGGER table_counts_template_listed AFTER INSERT ON unanswered_templates
BEGIN
  INSERT INTO table_counts (section, dimension, key, n)
  VALUES ('templates_sent', 'all', 0, 1), ('templates_sent', 'agent', NEW.sent_by_user_id, 1)
  ON CONFLICT (section, dimension, key) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER table_counts_template_unlisted AFTER DELETE ON unanswered_templates
BEGIN
  INSERT INTO table_counts (section, dimension, key, n)
  VALUES ('templates_sent', 'all', 0, -1), ('templates_sent', 'agent', OLD.sent_by_user_id, -1)
  ON CONFLICT (section, dimension, key) DO UPDATE SET n = n + excluded.n;
END;
INSERT INTO unanswered_templates (message_id, customer_id, sent_by_user_id)
SELECT m.id, m.customer_id, m.sent_by_user_id FROM messages m
WHERE )sql") +
           kSingleTemplate +
           R"sql(
  AND NOT EXISTS (SELECT 1 FROM messages a WHERE a.customer_id = m.customer_id
                  AND a.direction = 'in' AND a.id > m.id);
CREATE TRIGGER unanswered_templates_sent AFTER INSERT ON messages
WHEN NEW.direction = 'out' AND NEW.kind = 'template' AND NEW.sent_by_user_id IS NOT NULL
BEGIN
  INSERT INTO unanswered_templates (message_id, customer_id, sent_by_user_id)
  VALUES (NEW.id, NEW.customer_id, NEW.sent_by_user_id);
END;
CREATE TRIGGER unanswered_templates_answered AFTER INSERT ON messages
WHEN NEW.direction = 'in'
BEGIN
  DELETE FROM unanswered_templates WHERE customer_id = NEW.customer_id AND message_id < NEW.id;
END;
CREATE TRIGGER unanswered_templates_message_deleted AFTER DELETE ON messages
BEGIN
)sql" + relist_customer("OLD.customer_id") +
           R"sql(END;
CREATE TRIGGER unanswered_templates_message_changed
AFTER UPDATE OF customer_id, direction, kind, sent_by_user_id ON messages
WHEN OLD.customer_id IS NOT NEW.customer_id OR OLD.direction IS NOT NEW.direction
  OR OLD.kind IS NOT NEW.kind OR OLD.sent_by_user_id IS NOT NEW.sent_by_user_id
BEGIN
)sql" + relist_customer("OLD.customer_id") +
           relist_customer("NEW.customer_id") + "END;\n";
}

// [SECTION] The migration
// One index per section order (each key ends with the id, so the order is total), matched
// expression for expression by the specs in server/tables/. COALESCE keeps NULLs out of the
// keys so keyset comparisons never meet one. Active pages through the initial schema's
// conversations_by_state_started (its started_at is NOT NULL).
constexpr const char* kSectionIndexes = R"sql(
-- Migration 5 marks the conversations with an agent as handled; one an agent had and gave
-- back (assigned once, or active) is not unmanaged either.
UPDATE conversations SET handled = 1
WHERE handled = 0 AND (assigned_at IS NOT NULL OR state = 'active');

CREATE INDEX conversations_unmanaged_order
    ON conversations(COALESCE(last_customer_message_at, started_at), id)
    WHERE state = 'bot' OR (state = 'closed' AND handled = 0);
CREATE INDEX conversations_waiting_order
    ON conversations(COALESCE(skillset_id, 0), queue_priority DESC,
                     COALESCE(queued_at, started_at), id)
    WHERE state = 'waiting';
CREATE INDEX conversations_waitlist_order
    ON conversations(COALESCE(skillset_id, 0), queue_priority DESC,
                     COALESCE(queued_at, started_at), id)
    WHERE state = 'waiting' AND agent_id IS NULL AND reserved_for_user_id IS NULL;
CREATE INDEX conversations_personal_queue_order
    ON conversations(reserved_for_user_id, queue_priority DESC,
                     COALESCE(queued_at, started_at), id)
    WHERE state = 'waiting' AND agent_id IS NULL AND reserved_for_user_id IS NOT NULL;
CREATE INDEX conversations_active_by_skillset ON conversations(skillset_id, started_at, id)
    WHERE state = 'active';
CREATE INDEX conversations_history_order ON conversations(COALESCE(closed_at, 0), id)
    WHERE state = 'closed';
CREATE INDEX conversations_history_by_agent
    ON conversations(agent_id, COALESCE(closed_at, 0), id) WHERE state = 'closed';

CREATE TABLE table_counts (
    section TEXT NOT NULL,   -- unmanaged, waiting, active, history, templates_sent
    dimension TEXT NOT NULL, -- all, skillset, agent, day
    key INTEGER NOT NULL,    -- 0 for all; the skillset or agent id (0: none); the UTC day
    n INTEGER NOT NULL,
    PRIMARY KEY (section, dimension, key)
) WITHOUT ROWID;
)sql";

std::string build_schema() {
    return std::string(kSectionIndexes) + initial_counts() + conversation_triggers() +
           unanswered_templates_schema();
}

} // namespace

const std::string& section_tables_schema() {
    static const std::string sql = build_schema();
    return sql;
}

} // namespace waconsole
