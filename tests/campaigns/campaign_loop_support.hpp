// What the campaign loop tests share: a campaign confirmed from a CSV through the HTTP API, the
// simulator's sends counted by number, a campaign's status.
#pragma once

#include "meta_loop.hpp"

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace waconsole::testing {

// The catalogue id of a template (REQUIREs it).
std::int64_t campaign_template_id(MetaLoop& loop, const std::string& name,
                                  const std::string& language);
// An Excel draft of the template named `name` with `settings`, uploaded `csv`; returns the
// draft's path (/api/campaign-drafts/N).
std::string csv_draft(MetaLoop& loop, const std::string& template_name, const std::string& language,
                      const std::string& name, const std::string& csv,
                      const nlohmann::json& settings = nlohmann::json::object());
// The draft confirmed; returns the campaign's id.
std::int64_t confirm_draft(MetaLoop& loop, const std::string& draft);
// How many times each number reached the simulator.
std::map<std::string, int> sends_by_number(MetaLoop& loop);
std::string campaign_status(MetaLoop& loop, std::int64_t campaign);

} // namespace waconsole::testing
