// Migration 10 (issue 9's CPU figure): a message's status is checked, and its campaign's counts
// follow it, without `IN (...)` lists. SQLite builds a temporary b-tree for an IN list of more
// than two constants each time a statement evaluates it, and the status CHECK and the counting
// trigger run on every status change of every message: five or more per campaign message.
#pragma once

#include "server/store/database.hpp"

namespace waconsole {

extern const char* const kStatusCountsSchema;

// The messages table's status CHECK becomes an OR of equalities: the same values, so no row
// changes and no rebuild of a table that may hold millions of rows (replace_in_table_sql). Throws
// if the table's SQL is not the one migration 3 wrote.
void rewrite_message_status_check(Connection& db);

} // namespace waconsole
