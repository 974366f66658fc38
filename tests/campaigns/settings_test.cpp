// The wizard's first step: name, Immediate or Scheduled in the administrator's time zone.
#include "campaign_fixture.hpp"
#include "server/clock.hpp"
#include "server/export/time_zone.hpp"
#include "shared/calendar_date.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::testing;
using json = nlohmann::json;

namespace {

void check_refused(const httplib::Result& result, int status, const std::string& field) {
    REQUIRE(result);
    INFO(result->body);
    CHECK(result->status == status);
    CHECK(json::parse(result->body)["error"]["field"] == field);
}

// The date some days from now, as the administrator's calendar shows it.
std::string date_in_days(int days) {
    const auto when = now_seconds() + days * 86400;
    const auto day = static_cast<long long>(when / 86400);
    CalendarDate date;
    // Walk from 1970 (a date in days is enough for a test a few days out).
    long long left = day;
    date = CalendarDate{1970, 1, 1};
    while (left-- > 0) {
        date = next_day(date);
    }
    return to_string(date);
}

} // namespace

TEST_CASE("settings are checked and a scheduled time is read on the administrator's wall clock") {
    CampaignFixture fixture;
    const auto draft = fixture.new_draft("summer_sale", "en_US", "excel");
    const auto path = fixture.draft_path(draft, "/settings");

    check_refused(fixture.post(path, {{"name", "  "}}), 422, "name");
    check_refused(fixture.post(path, {{"name", std::string(101, 'x')}}), 422, "name");
    check_refused(fixture.post(path, {{"name", "A"}, {"mode", "later"}}), 422, "mode");
    check_refused(fixture.post(path, {{"name", "A"}, {"mode", "scheduled"}}), 422,
                  "scheduled_date");
    check_refused(fixture.post(path, {{"name", "A"},
                                      {"mode", "scheduled"},
                                      {"scheduled_date", date_in_days(3)},
                                      {"scheduled_time", "25:00"},
                                      {"time_zone", "Europe/Madrid"}}),
                  422, "scheduled_time");
    check_refused(fixture.post(path, {{"name", "A"},
                                      {"mode", "scheduled"},
                                      {"scheduled_date", date_in_days(3)},
                                      {"scheduled_time", "09:30"},
                                      {"time_zone", "Mars/Olympus"}}),
                  422, "time_zone");
    check_refused(fixture.post(path, {{"name", "A"},
                                      {"mode", "scheduled"},
                                      {"scheduled_date", date_in_days(-2)},
                                      {"scheduled_time", "09:30"},
                                      {"time_zone", "Europe/Madrid"}}),
                  422, "scheduled_time");
    // Nothing refused was kept.
    CHECK(fixture.get_ok(fixture.draft_path(draft))["draft"]["settings"]["name"] == "");

    const auto date = date_in_days(3);
    const auto saved = fixture.post_ok(path, {{"name", "Rebajas de invierno"},
                                              {"mode", "scheduled"},
                                              {"scheduled_date", date},
                                              {"scheduled_time", "09:30"},
                                              {"time_zone", "America/Mexico_City"}});
    const auto& settings = saved["draft"]["settings"];
    const auto day = *parse_calendar_date(date);
    const auto expected =
        TimeZone::find("America/Mexico_City")->local_time(day.year, day.month, day.day, 9, 30);
    CHECK(settings["scheduled_at"] == expected);
    CHECK(settings["mode"] == "scheduled");
    // Mexico City is UTC-6 all year since 2022: 09:30 there is 15:30 UTC.
    CHECK(expected % 86400 == 15 * 3600 + 30 * 60);
}

TEST_CASE("a campaign name is taken once, whatever its case") {
    CampaignFixture fixture;
    const auto first = fixture.new_draft("summer_sale", "en_US", "excel");
    fixture.post_ok(fixture.draft_path(first, "/settings"), {{"name", "Black Friday"}});
    fixture.post_bytes(fixture.draft_path(first, "/upload?file_name=a.csv"),
                       "phone,Var1,Var2\n+34600111222,Ana,20%\n");
    fixture.post_ok(fixture.draft_path(first, "/confirm"), json::object(), 201);

    const auto second = fixture.new_draft("summer_sale", "en_US", "excel");
    auto taken =
        fixture.post(fixture.draft_path(second, "/settings"), {{"name", " black friday "}});
    check_refused(taken, 409, "name");
    CHECK(error_code(taken) == "name_taken");
}
