// Migration 11 (issue 10, tables sorted by a column): an index for each sort a section offers
// that no earlier index serves, so a sorted page is read from an index like the default one,
// never sorted from the whole section. Each matches its SortableColumn in server/tables/ key for
// key, and a partial one has exactly its table's base_where.
#pragma once

namespace waconsole {

extern const char* const kTableSortsSchema;

} // namespace waconsole
