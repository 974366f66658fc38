// Migration 14 (issue 9's CPU figure): feeding a campaign's recipient to the send queue without an
// `IN (...)` list or a sort. The recipient's state CHECK (four values: SQLite builds a temporary
// b-tree for it every time a row's state changes, once per recipient fed) becomes an OR of
// equalities; and a customer's open conversation, looked up for every message queued, is found
// in an index of the open conversations in start order instead of sorting the customer's
// conversations each time.
#pragma once

#include "server/store/database.hpp"

namespace waconsole {

extern const char* const kCampaignFeedSchema;

// campaign_recipients' state CHECK as an OR of equalities (replace_in_table_sql). Throws if the
// table's SQL is not the one migration 7 wrote.
void rewrite_recipient_state_check(Connection& db);

} // namespace waconsole
