// Turning JSON cell values into text for a table cell: local date-times, numbers, text cut to a
// width with an ellipsis.
#pragma once

#include "shared/table.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace waconsole {

// Epoch seconds (UTC) as "2026-03-05 14:07" in the browser's time zone.
std::string format_local_datetime(long long epoch_seconds);

// A moment soon to come as a clock time in the browser's time zone: "14:30" today, "tomorrow
// 14:30", otherwise as format_local_datetime. `now` is epoch seconds too.
std::string format_local_clock(long long epoch_seconds, long long now);

// The text of a non-status cell; null and missing values are "".
std::string cell_text(const nlohmann::json& value, ColumnType type);

// A length of time for people: "45 s", "3 m 05 s", "2 h 04 m", "3 d 2 h".
std::string format_duration(long long seconds);

// `text` if it fits in max_width at the current font, else the longest UTF-8 prefix that fits
// followed by an ellipsis.
std::string fit_text(const std::string& text, float max_width);

} // namespace waconsole
