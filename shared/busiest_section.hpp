// Where a console opens when the URL asks for no section and this browser used none before:
// the busiest of the live sections, so an administrator lands on work rather than on an empty
// table. Shared so the rule is tested natively; the web calls it with GET /api/table-counts.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace waconsole {

// The id ("waiting", "active", "unmanaged") of the section with the most conversations, ties
// going to the one that needs a person soonest in that order; nullopt when all are empty (the
// console then stays where it opened). Ids not among the three are ignored.
std::optional<std::string> busiest_section(const std::map<std::string, long long>& counts);

} // namespace waconsole
