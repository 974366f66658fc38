// The SQL of migration 11; like every migration, never edited once released.
#include "server/store/table_sorts_schema.hpp"

namespace waconsole {

// COALESCE keeps NULLs out of the keys (a cursor's comparisons never meet one); a time that is
// not there sorts as 0, first ascending. Sorts served by earlier indexes: active and history by
// started_at (conversations_by_state_started), unmanaged by last_message_at
// (conversations_unmanaged_order), history by closed_at (conversations_history_order),
// campaigns by created_at (campaigns_by_created).
const char* const kTableSortsSchema = R"sql(
CREATE INDEX conversations_unmanaged_by_started ON conversations(started_at, id)
    WHERE state = 'bot' OR (state = 'closed' AND handled = 0);
CREATE INDEX conversations_waiting_by_since
    ON conversations(COALESCE(queued_at, started_at), id) WHERE state = 'waiting';
CREATE INDEX conversations_waiting_by_last_message
    ON conversations(COALESCE(last_customer_message_at, 0), id) WHERE state = 'waiting';
CREATE INDEX conversations_active_by_last_message
    ON conversations(COALESCE(last_customer_message_at, 0), id) WHERE state = 'active';
CREATE INDEX campaigns_by_scheduled ON campaigns(COALESCE(scheduled_at, 0), id);
CREATE INDEX campaigns_by_recipients ON campaigns(recipient_count, id);
)sql";

} // namespace waconsole
