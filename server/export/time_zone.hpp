// An administrator's time zone for the Excel export: IANA names ("Europe/Madrid") looked up in the
// system's tz database (Debian's tzdata, through Howard Hinnant's date library), so wall-clock
// times are right on both sides of every daylight-saving change, past and future.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace date {
class time_zone;
}

namespace waconsole {

class TimeZone {
public:
    // The zone of that IANA name; nullopt when the name is not one (or is a leap-second "right/"
    // or duplicate "posix/" variant, which no browser reports).
    static std::optional<TimeZone> find(const std::string& name);
    // The server's own zone (TZ or /etc/localtime), for callers that name none.
    static TimeZone server_zone();

    const std::string& name() const { return m_name; }
    // Seconds since 1970-01-01 00:00 on this zone's wall clock at the instant `epoch_seconds`
    // (UTC): what a spreadsheet cell, which has no zone, must show.
    std::int64_t wall_clock_seconds(std::int64_t epoch_seconds) const;
    // The instant (epoch seconds) this zone's wall clock reaches 00:00 of that date; when
    // daylight saving skips midnight, the instant the day actually begins.
    std::int64_t start_of_day(int year, unsigned month, unsigned day) const;
    // The instant this zone's wall clock shows that date and time (a skipped time: the end of the
    // gap; a repeated one: its first occurrence).
    std::int64_t local_time(int year, unsigned month, unsigned day, int hour, int minute) const;

private:
    explicit TimeZone(const date::time_zone* zone);

    const date::time_zone* m_zone; // owned by the date library's database, lives forever
    std::string m_name;
};

} // namespace waconsole
