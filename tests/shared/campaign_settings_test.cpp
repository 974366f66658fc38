#include "shared/campaign_settings.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("wall clock times are HH:MM from 00:00 to 23:59") {
    CHECK(parse_wall_clock_time("00:00"));
    CHECK(parse_wall_clock_time("23:59")->minute == 59);
    CHECK(parse_wall_clock_time("09:05")->hour == 9);
    for (const char* bad : {"24:00", "9:05", "09:60", "0905", "09:5a", "", "09:05 "}) {
        INFO(bad);
        CHECK_FALSE(parse_wall_clock_time(bad));
    }
}

TEST_CASE("settings: a name, and a date and time when scheduled") {
    struct Case {
        CampaignSettings settings;
        std::string field;
    };
    const std::vector<Case> cases = {
        {{"Rebajas", false, "", "", "", false}, ""},
        {{"Rebajas", true, "2027-02-28", "10:30", "Europe/Madrid", false}, ""},
        {{"", false, "", "", "", false}, "name"},
        {{"   ", false, "", "", "", false}, "name"},
        {{std::string(101, 'a'), false, "", "", "", false}, "name"},
        {{"two\nlines", false, "", "", "", false}, "name"},
        {{"Rebajas", true, "2027-02-29", "10:30", "", false}, "scheduled_date"},
        {{"Rebajas", true, "", "10:30", "", false}, "scheduled_date"},
        {{"Rebajas", true, "2027-02-28", "", "", false}, "scheduled_time"},
    };
    for (const auto& item : cases) {
        INFO(item.settings.name << " expecting " << item.field);
        const auto error = check_campaign_settings(item.settings);
        if (item.field.empty()) {
            CHECK_FALSE(error);
        } else {
            REQUIRE(error);
            CHECK(error->fields.at(0).field == item.field);
        }
    }
    // 100 characters that take two bytes each are still 100 characters.
    std::string accented;
    for (int i = 0; i < 100; ++i) {
        accented += "\xC3\xA9";
    }
    CHECK_FALSE(check_campaign_settings({accented, false, "", "", "", false}));
}

TEST_CASE("settings read from JSON name the field at fault") {
    CampaignSettings settings;
    REQUIRE_FALSE(
        settings_from_json(nlohmann::json::parse(
                               R"({"name":"A","mode":"scheduled","scheduled_date":"2027-01-02",
                                             "scheduled_time":"08:00","time_zone":"UTC",
                                             "include_active_conversations":true})"),
                           settings));
    CHECK(settings.scheduled);
    CHECK(settings.include_active_conversations);
    CHECK(to_json(settings)["mode"] == "scheduled");
    CHECK(settings_from_json(nlohmann::json::parse(R"({"mode":"soon"})"), settings)
              ->fields[0]
              .field == "mode");
    CHECK(settings_from_json(nlohmann::json::parse(R"({"name":5})"), settings)->fields[0].field ==
          "name");
    CHECK(settings_from_json(nlohmann::json::parse(R"({"include_active_conversations":"yes"})"),
                             settings)
              ->fields[0]
              .field == "include_active_conversations");
}
