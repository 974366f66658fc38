// The SQL of migration 10; like every migration, never edited once released.
#include "server/store/status_counts_schema.hpp"

#include "server/store/schema_rewrite.hpp"

namespace waconsole {

const char* const kStatusCountsSchema = R"sql(
DROP TRIGGER campaign_counts_follow_messages;

CREATE TRIGGER campaign_counts_follow_messages AFTER UPDATE OF status ON messages
WHEN NEW.status IS NOT OLD.status AND NEW.direction = 'out' AND NEW.kind = 'template'
BEGIN
    UPDATE campaigns SET
        sent_count = sent_count
            + (NEW.status = 'sent' OR NEW.status = 'delivered' OR NEW.status = 'read')
            - (OLD.status = 'sent' OR OLD.status = 'delivered' OR OLD.status = 'read'),
        delivered_count = delivered_count
            + (NEW.status = 'delivered' OR NEW.status = 'read')
            - (OLD.status = 'delivered' OR OLD.status = 'read'),
        read_count = read_count + (NEW.status = 'read') - (OLD.status = 'read'),
        failed_count = failed_count + (NEW.status = 'failed') - (OLD.status = 'failed'),
        unknown_count = unknown_count
            + (NEW.status = 'unknown' OR NEW.status = 'unresolved')
            - (OLD.status = 'unknown' OR OLD.status = 'unresolved')
    WHERE id = (SELECT campaign_id FROM campaign_recipients WHERE message_id = NEW.id);
END;
)sql";

namespace {

constexpr const char* kInListCheck =
    "CHECK (status IN ('queued', 'pending', 'unknown', 'unresolved', 'accepted', 'sent',\n"
    "                          'delivered', 'read', 'failed', 'received'))";
constexpr const char* kOrCheck =
    "CHECK (status = 'queued' OR status = 'pending' OR status = 'unknown'\n"
    "            OR status = 'unresolved' OR status = 'accepted' OR status = 'sent'\n"
    "            OR status = 'delivered' OR status = 'read' OR status = 'failed'\n"
    "            OR status = 'received')";

} // namespace

void rewrite_message_status_check(Connection& db) {
    if (!replace_in_table_sql(db, "messages", kInListCheck, kOrCheck)) {
        throw StoreError("migration 10: the messages table's status CHECK is not the one "
                         "migration 3 created",
                         0);
    }
}

} // namespace waconsole
