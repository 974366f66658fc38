// Calendar arithmetic for the date filters (the proleptic Gregorian calendar).
#include "shared/calendar_date.hpp"

#include <cstdio>

namespace waconsole {
namespace {

bool is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

unsigned days_in_month(int year, unsigned month) {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

} // namespace

std::optional<CalendarDate> parse_calendar_date(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (!is_digit(text[i])) {
            return std::nullopt;
        }
    }
    CalendarDate date;
    date.year = std::stoi(text.substr(0, 4));
    date.month = static_cast<unsigned>(std::stoi(text.substr(5, 2)));
    date.day = static_cast<unsigned>(std::stoi(text.substr(8, 2)));
    if (date.year < 1970 || date.month < 1 || date.month > 12 || date.day < 1 ||
        date.day > days_in_month(date.year, date.month)) {
        return std::nullopt;
    }
    return date;
}

std::string to_string(const CalendarDate& date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", date.year, date.month, date.day);
    return text;
}

CalendarDate next_day(const CalendarDate& date) {
    CalendarDate next = date;
    if (++next.day > days_in_month(next.year, next.month)) {
        next.day = 1;
        if (++next.month > 12) {
            next.month = 1;
            ++next.year;
        }
    }
    return next;
}

long long days_since_epoch(const CalendarDate& date) {
    // Howard Hinnant's days_from_civil.
    const long long y = date.year - (date.month <= 2 ? 1 : 0);
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const long long year_of_era = y - era * 400;
    const long long month_index = date.month > 2 ? date.month - 3 : date.month + 9;
    const long long day_of_year = (153 * month_index + 2) / 5 + date.day - 1;
    const long long day_of_era =
        year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

bool operator<(const CalendarDate& a, const CalendarDate& b) {
    if (a.year != b.year) {
        return a.year < b.year;
    }
    if (a.month != b.month) {
        return a.month < b.month;
    }
    return a.day < b.day;
}

} // namespace waconsole
