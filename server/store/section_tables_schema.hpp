// The views' migration (issue 7): the indexes each conversation section pages through, the
// counters that give every section's exact total without counting rows, kept by triggers so they
// follow every writer, and the list of single templates no customer has answered yet.
#pragma once

#include <string>

namespace waconsole {

// The SQL of the migration. Built once from the membership rules below it, so the triggers and
// the initial counts cannot disagree; like every migration, never edited once released.
const std::string& section_tables_schema();

} // namespace waconsole
