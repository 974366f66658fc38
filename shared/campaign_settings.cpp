// Campaign settings: the form's checks and its JSON.
#include "shared/campaign_settings.hpp"

#include "shared/calendar_date.hpp"
#include "shared/template_text.hpp"

namespace waconsole {
namespace {

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) {
        return "";
    }
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool has_control_characters(const std::string& text) {
    for (const unsigned char c : text) {
        if (c < 0x20 || c == 0x7F) {
            return true;
        }
    }
    return false;
}

} // namespace

std::optional<WallClockTime> parse_wall_clock_time(const std::string& text) {
    if (text.size() != 5 || text[2] != ':') {
        return std::nullopt;
    }
    for (const int at : {0, 1, 3, 4}) {
        if (text[at] < '0' || text[at] > '9') {
            return std::nullopt;
        }
    }
    WallClockTime time{(text[0] - '0') * 10 + (text[1] - '0'),
                       (text[3] - '0') * 10 + (text[4] - '0')};
    if (time.hour > 23 || time.minute > 59) {
        return std::nullopt;
    }
    return time;
}

std::optional<ApiError> check_campaign_settings(const CampaignSettings& settings) {
    const std::string name = trimmed(settings.name);
    if (name.empty()) {
        return validation_error("name", "give the campaign a name", 422);
    }
    if (utf8_character_count(name) > kMaxCampaignNameCharacters) {
        return validation_error("name", "a name has at most 100 characters", 422);
    }
    if (has_control_characters(name)) {
        return validation_error("name", "a name is one line of text", 422);
    }
    if (!settings.scheduled) {
        return std::nullopt;
    }
    if (!parse_calendar_date(settings.scheduled_date)) {
        return validation_error("scheduled_date", "pick the day the campaign starts (YYYY-MM-DD)",
                                422);
    }
    if (!parse_wall_clock_time(settings.scheduled_time)) {
        return validation_error("scheduled_time", "give the time it starts as HH:MM (00:00-23:59)",
                                422);
    }
    return std::nullopt;
}

nlohmann::json to_json(const CampaignSettings& settings) {
    return {{"name", settings.name},
            {"mode", settings.scheduled ? "scheduled" : "immediate"},
            {"scheduled_date", settings.scheduled_date},
            {"scheduled_time", settings.scheduled_time},
            {"time_zone", settings.time_zone},
            {"include_active_conversations", settings.include_active_conversations}};
}

std::optional<ApiError> settings_from_json(const nlohmann::json& json, CampaignSettings& settings) {
    if (!json.is_object()) {
        return validation_error("settings", "must be an object", 422);
    }
    CampaignSettings read;
    for (const auto& [key, target] : {std::pair<const char*, std::string*>{"name", &read.name},
                                      {"scheduled_date", &read.scheduled_date},
                                      {"scheduled_time", &read.scheduled_time},
                                      {"time_zone", &read.time_zone}}) {
        if (!json.contains(key) || json[key].is_null()) {
            continue;
        }
        if (!json[key].is_string()) {
            return validation_error(key, "must be a string", 422);
        }
        *target = json[key].get<std::string>();
    }
    const std::string mode = json.value("mode", nlohmann::json("immediate")).is_string()
                                 ? json.value("mode", std::string("immediate"))
                                 : std::string("?");
    if (mode != "immediate" && mode != "scheduled") {
        return validation_error("mode", "must be \"immediate\" or \"scheduled\"", 422);
    }
    read.scheduled = mode == "scheduled";
    if (json.contains("include_active_conversations")) {
        if (!json["include_active_conversations"].is_boolean()) {
            return validation_error("include_active_conversations", "must be true or false", 422);
        }
        read.include_active_conversations = json["include_active_conversations"].get<bool>();
    }
    settings = std::move(read);
    return std::nullopt;
}

} // namespace waconsole
