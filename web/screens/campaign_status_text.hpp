// What a campaign's state says in words, the same in Outbound history's table and in its View:
// the status label while it sends or is paused, the pause's sentence (until when, and the
// server's reason), and why Retry failed is not offered.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace waconsole {

// The label beside a campaign's status icon when it says more than the status's name:
// "Sending 12 / 40", "Paused until 14:30"; nullopt otherwise. `row` is an Outbound history row.
std::optional<std::string> campaign_status_label(const nlohmann::json& row);

// "Paused until 14:30: the daily messaging limit of 250 customers is reached; …" in the
// browser's time zone; "" unless the campaign is paused.
std::string campaign_pause_text(const nlohmann::json& row);

// Why Retry failed is not available for the campaign ("" when it is): it has not ended, or
// nothing failed.
std::string retry_failed_refusal(const nlohmann::json& row);

} // namespace waconsole
