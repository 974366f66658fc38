// Reads the section counters that migration 6's triggers keep in table_counts
// (server/store/section_tables_schema.cpp): exact totals without counting rows.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <vector>

namespace waconsole {

// The counter of one section and dimension ("all", "skillset", "agent", "day") for `key`.
long long counted(Connection& db, const char* section, const char* dimension = "all",
                  std::int64_t key = 0);
// The sum over `keys` (say the agents a name filter matched).
long long counted_sum(Connection& db, const char* section, const char* dimension,
                      const std::vector<std::int64_t>& keys);
// The sum over the keys from `first` to `last`, both included (say a range of days).
long long counted_range(Connection& db, const char* section, const char* dimension,
                        std::int64_t first, std::int64_t last);

} // namespace waconsole
