#include "server/export/time_zone.hpp"

#include <catch2/catch.hpp>
#include <ctime>

using namespace waconsole;

namespace {

// Wall-clock seconds as "2026-03-29 01:59:59".
std::string wall_clock(const TimeZone& zone, std::int64_t epoch_seconds) {
    const auto seconds = static_cast<std::time_t>(zone.wall_clock_seconds(epoch_seconds));
    std::tm fields{};
    gmtime_r(&seconds, &fields);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &fields);
    return text;
}

TimeZone zone(const char* name) {
    const auto found = TimeZone::find(name);
    REQUIRE(found);
    return *found;
}

} // namespace

TEST_CASE("Madrid's wall clock jumps from 01:59:59 to 03:00 when summer time starts") {
    const auto madrid = zone("Europe/Madrid");
    CHECK(wall_clock(madrid, 1774745999) == "2026-03-29 01:59:59"); // 00:59:59 UTC, CET
    CHECK(wall_clock(madrid, 1774746000) == "2026-03-29 03:00:00"); // 01:00:00 UTC, CEST
}

TEST_CASE("Madrid's wall clock goes back from 02:59:59 to 02:00 when summer time ends") {
    const auto madrid = zone("Europe/Madrid");
    CHECK(wall_clock(madrid, 1792889999) == "2026-10-25 02:59:59"); // 00:59:59 UTC, CEST
    CHECK(wall_clock(madrid, 1792890000) == "2026-10-25 02:00:00"); // 01:00:00 UTC, CET
}

TEST_CASE("New York changes on its own date, in the other direction from UTC") {
    const auto new_york = zone("America/New_York");
    CHECK(wall_clock(new_york, 1772953199) == "2026-03-08 01:59:59"); // EST, UTC-5
    CHECK(wall_clock(new_york, 1772953200) == "2026-03-08 03:00:00"); // EDT, UTC-4
    // The same instant in Madrid is still winter time there.
    CHECK(wall_clock(zone("Europe/Madrid"), 1772953200) == "2026-03-08 08:00:00");
}

TEST_CASE("zones without summer time and with odd offsets convert too") {
    CHECK(wall_clock(zone("UTC"), 1774746000) == "2026-03-29 01:00:00");
    CHECK(wall_clock(zone("Asia/Kathmandu"), 1774746000) == "2026-03-29 06:45:00");
    CHECK(wall_clock(zone("America/Argentina/Buenos_Aires"), 1774746000) == "2026-03-28 22:00:00");
}

TEST_CASE("the older names browsers still report are found and mean the same zone") {
    // Chromium's ICU says "Asia/Katmandu" and "Asia/Calcutta". Debian keeps these links in tzdata
    // (from Debian 13 on, in tzdata-legacy: add it to scripts/debian-packages.txt then).
    CHECK(wall_clock(zone("Asia/Katmandu"), 1774746000) == "2026-03-29 06:45:00");
    CHECK(wall_clock(zone("Asia/Calcutta"), 1774746000) == "2026-03-29 06:30:00");
    CHECK(wall_clock(zone("Europe/Kiev"), 1774746000) == "2026-03-29 04:00:00");
}

TEST_CASE("only IANA zone names are time zones") {
    CHECK(TimeZone::find("Europe/Madrid"));
    CHECK(TimeZone::find("Etc/GMT+3"));
    for (const char* name : {"", "Mars/Olympus_Mons", "Europe/Madrid ", "../../etc/passwd",
                             "/etc/localtime", "Europe/../UTC", "right/Europe/Madrid",
                             "posix/Europe/Madrid", "Europe/Madrid\n", "CET; DROP TABLE"}) {
        INFO(name);
        CHECK_FALSE(TimeZone::find(name));
    }
    CHECK_FALSE(TimeZone::find(std::string(65, 'A')));
}
