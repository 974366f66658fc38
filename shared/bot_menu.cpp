// The bot's pure rules.
#include "shared/bot_menu.hpp"

#include <algorithm>

namespace waconsole {
namespace {

std::optional<int> lone_digit(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return std::nullopt;
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    if (first != last || text[first] < '0' || text[first] > '9') {
        return std::nullopt;
    }
    return text[first] - '0';
}

} // namespace

std::string menu_text(const std::string& intro, std::vector<MenuEntry> entries) {
    std::sort(entries.begin(), entries.end(),
              [](const MenuEntry& a, const MenuEntry& b) { return a.digit < b.digit; });
    std::string text = intro;
    for (const auto& entry : entries) {
        text += "\n" + std::to_string(entry.digit) + " - " + entry.name;
    }
    return text;
}

std::optional<int> menu_choice(const std::string& kind, const std::string& body,
                               const std::optional<std::string>& payload) {
    if (kind == "text") {
        return lone_digit(body);
    }
    if (kind == "interactive" || kind == "button") {
        if (payload) {
            if (auto digit = lone_digit(*payload)) {
                return digit;
            }
        }
        return lone_digit(body);
    }
    return std::nullopt;
}

BotStep bot_step(int menus_sent, int reprompt_limit, std::optional<int> choice,
                 const std::vector<int>& digits) {
    if (menus_sent == 0) {
        return {BotAction::send_menu, std::nullopt}; // the customer has not seen the menu yet
    }
    if (choice && std::find(digits.begin(), digits.end(), *choice) != digits.end()) {
        return {BotAction::queue, choice};
    }
    if (menus_sent <= reprompt_limit) {
        return {BotAction::send_menu, std::nullopt};
    }
    return {BotAction::stay_silent, std::nullopt};
}

std::optional<SettingsProblem> check_bot_settings(const BotSettings& settings) {
    if (settings.menu_intro.empty()) {
        return SettingsProblem{"menu_intro", "must not be empty"};
    }
    if (settings.menu_intro.size() > kMaxMenuIntroBytes) {
        return SettingsProblem{"menu_intro", "must be at most 1,024 bytes"};
    }
    if (settings.reprompt_limit < 0 || settings.reprompt_limit > kMaxRepromptLimit) {
        return SettingsProblem{"reprompt_limit", "must be a whole number from 0 to 10"};
    }
    if (settings.exclusive_timeout_seconds &&
        (*settings.exclusive_timeout_seconds < 1 ||
         *settings.exclusive_timeout_seconds > kMaxExclusiveTimeoutSeconds)) {
        return SettingsProblem{"exclusive_timeout_seconds",
                               "must be null (off) or from 1 to 604800 seconds (7 days)"};
    }
    return std::nullopt;
}

} // namespace waconsole
