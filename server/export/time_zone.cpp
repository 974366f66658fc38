// IANA time zones through date/tz.h, built by Debian with USE_OS_TZDB (reads /usr/share/zoneinfo).
#include "server/export/time_zone.hpp"

#include <date/tz.h>
#include <stdexcept>

namespace waconsole {
namespace {

// The characters of IANA names ("America/Argentina/Buenos_Aires", "Etc/GMT+3"); anything else
// is refused before the database is asked.
bool plausible_zone_name(const std::string& name) {
    if (name.empty() || name.size() > 64 || name.front() == '/' ||
        name.find("..") != std::string::npos || name.rfind("right/", 0) == 0 ||
        name.rfind("posix/", 0) == 0) {
        return false;
    }
    for (const char c : name) {
        const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                             (c >= '0' && c <= '9') || c == '/' || c == '_' || c == '-' || c == '+';
        if (!allowed) {
            return false;
        }
    }
    return true;
}

} // namespace

TimeZone::TimeZone(const date::time_zone* zone) : m_zone(zone), m_name(zone->name()) {}

std::optional<TimeZone> TimeZone::find(const std::string& name) {
    if (!plausible_zone_name(name)) {
        return std::nullopt;
    }
    try {
        return TimeZone(date::locate_zone(name));
    } catch (const std::runtime_error&) {
        return std::nullopt; // not in the database
    }
}

TimeZone TimeZone::server_zone() {
    try {
        return TimeZone(date::current_zone());
    } catch (const std::runtime_error&) {
        return TimeZone(date::locate_zone("UTC"));
    }
}

std::int64_t TimeZone::wall_clock_seconds(std::int64_t epoch_seconds) const {
    const date::sys_seconds instant{std::chrono::seconds(epoch_seconds)};
    return m_zone->to_local(instant).time_since_epoch().count();
}

std::int64_t TimeZone::start_of_day(int year, unsigned month, unsigned day) const {
    const date::local_days midnight{date::year{year} / date::month{month} / date::day{day}};
    const date::local_seconds local{midnight};
    // A midnight that does not exist begins the day at the end of the gap; one that comes twice
    // begins it at the first.
    const auto info = m_zone->get_info(local);
    if (info.result == date::local_info::nonexistent) {
        return info.second.begin.time_since_epoch().count();
    }
    return m_zone->to_sys(local, date::choose::earliest).time_since_epoch().count();
}

std::int64_t TimeZone::local_time(int year, unsigned month, unsigned day, int hour,
                                  int minute) const {
    const date::local_days midnight{date::year{year} / date::month{month} / date::day{day}};
    const date::local_seconds local{midnight + std::chrono::hours{hour} +
                                    std::chrono::minutes{minute}};
    // A time that the clocks skip is taken as the end of the gap; one that comes twice, the first.
    const auto info = m_zone->get_info(local);
    if (info.result == date::local_info::nonexistent) {
        return info.second.begin.time_since_epoch().count();
    }
    return m_zone->to_sys(local, date::choose::earliest).time_since_epoch().count();
}

} // namespace waconsole
