// The SQL of migration 14; like every migration, never edited once released.
#include "server/store/campaign_feed_schema.hpp"

#include "server/store/schema_rewrite.hpp"

namespace waconsole {

// open_conversation_id's query, expression for expression (its WHERE is this index's).
const char* const kCampaignFeedSchema = R"sql(
CREATE INDEX conversations_open_by_customer ON conversations(customer_id, started_at, id)
    WHERE state <> 'closed';
)sql";

namespace {

constexpr const char* kInListCheck =
    "CHECK (state IN ('queued', 'fed', 'cancelled',\n"
    "                                                          'skipped'))";
constexpr const char* kOrCheck = "CHECK (state = 'queued' OR state = 'fed' OR state = 'cancelled'\n"
                                 "                                 OR state = 'skipped')";

} // namespace

void rewrite_recipient_state_check(Connection& db) {
    if (!replace_in_table_sql(db, "campaign_recipients", kInListCheck, kOrCheck)) {
        throw StoreError("migration 14: the campaign_recipients table's state CHECK is not the "
                         "one migration 7 created",
                         0);
    }
}

} // namespace waconsole
