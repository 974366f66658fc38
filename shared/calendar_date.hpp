// Calendar dates as the history filters take them ("2026-03-01", a day on the administrator's
// wall clock): parsing with the field's error, shared so the UI checks what the server refuses.
#pragma once

#include <optional>
#include <string>

namespace waconsole {

struct CalendarDate {
    int year = 1970;
    unsigned month = 1; // 1-12
    unsigned day = 1;   // 1-31, valid for the month
};

// "YYYY-MM-DD" with a real month and day (29 February only in leap years), years 1970-9999;
// nullopt for anything else.
std::optional<CalendarDate> parse_calendar_date(const std::string& text);
std::string to_string(const CalendarDate& date);
// The next day ("2026-02-28" -> "2026-03-01").
CalendarDate next_day(const CalendarDate& date);
// Days since 1970-01-01 (which is day 0).
long long days_since_epoch(const CalendarDate& date);

bool operator<(const CalendarDate& a, const CalendarDate& b);

} // namespace waconsole
