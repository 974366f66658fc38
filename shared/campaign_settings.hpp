// The first step of the campaign wizard: name, Immediate or Scheduled (a date and a time on the
// administrator's wall clock), and whether customers in an active conversation also get it.
// The browser checks the form as it is typed; the server checks it again, converts the time in
// the administrator's time zone and refuses a time that is not in the future.
#pragma once

#include "shared/api_error.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace waconsole {

constexpr std::size_t kMaxCampaignNameCharacters = 100;

struct CampaignSettings {
    std::string name;
    bool scheduled = false;     // mode: "immediate" or "scheduled"
    std::string scheduled_date; // "YYYY-MM-DD" when scheduled
    std::string scheduled_time; // "HH:MM" (24 h) when scheduled
    std::string time_zone;      // IANA name, the administrator's (the browser's)
    bool include_active_conversations = false;
};

struct WallClockTime {
    int hour = 0;
    int minute = 0;
};

// "HH:MM", 00:00–23:59; nullopt otherwise.
std::optional<WallClockTime> parse_wall_clock_time(const std::string& text);

// Name present (trimmed, at most kMaxCampaignNameCharacters characters, no control characters),
// a date and time when scheduled. 422 naming name, scheduled_date or scheduled_time. Whether the
// name is free and the time is in the future is the server's to say.
std::optional<ApiError> check_campaign_settings(const CampaignSettings& settings);

nlohmann::json to_json(const CampaignSettings& settings);
// {"name","mode":"immediate"|"scheduled","scheduled_date","scheduled_time","time_zone",
//  "include_active_conversations"}; wrong types or an unknown mode → 422 naming the field.
std::optional<ApiError> settings_from_json(const nlohmann::json& json, CampaignSettings& settings);

} // namespace waconsole
