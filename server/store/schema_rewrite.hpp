// Changing a table's constraint without touching its stored rows, SQLite's documented way
// (https://sqlite.org/lang_altertable.html, "otherwise"): edit the table's SQL in sqlite_schema
// and bump the schema version, in the migration's transaction. Only for changes that every stored
// row already satisfies (the same values written another way), so no row needs checking again.
#pragma once

#include "server/store/database.hpp"

#include <string>

namespace waconsole {

// Replaces `from` by `to` in the CREATE TABLE statement of `table`; false (and nothing changed)
// when that statement does not contain `from`.
bool replace_in_table_sql(Connection& db, const std::string& table, const std::string& from,
                          const std::string& to);

} // namespace waconsole
