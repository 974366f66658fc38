// The Softbot's rules, pure: the menu text (an intro, then one line per skillset digit), which
// inbound message counts as a choice (a lone digit, or a list/button reply whose id or title is
// one), and what the bot does with a message of an unmanaged conversation: queue it, show the
// menu (again), or stay silent once the re-prompt limit is spent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

struct BotSettings {
    std::string menu_intro = "Hello! Reply with the number of the team you need:";
    int reprompt_limit = 2;                                // menus after the first, 0–10
    std::optional<std::int64_t> exclusive_timeout_seconds; // nullopt: exclusive never expires
};

constexpr int kMaxRepromptLimit = 10;
constexpr std::size_t kMaxMenuIntroBytes = 1024;
constexpr std::int64_t kMaxExclusiveTimeoutSeconds = 7 * 24 * 60 * 60;

struct MenuEntry {
    int digit = 0;
    std::string name;
};

// "intro\n1 - Sales\n2 - Support", entries in digit order.
std::string menu_text(const std::string& intro, std::vector<MenuEntry> entries);

// The digit an inbound message chooses, if it is one: a text that is one digit (spaces around
// allowed), or an interactive/button reply whose id (payload) or title is one.
std::optional<int> menu_choice(const std::string& kind, const std::string& body,
                               const std::optional<std::string>& payload);

enum class BotAction { send_menu, queue, stay_silent };

struct BotStep {
    BotAction action = BotAction::stay_silent;
    std::optional<int> digit; // for queue
};

// `menus_sent`: how many menus this conversation has had before this message (0 for its first
// message). The first message always gets the menu; after it a valid digit (one of `digits`) queues
// it; otherwise the menu goes out while menus_sent <= reprompt_limit (the first menu plus
// `reprompt_limit` re-prompts), then silence.
BotStep bot_step(int menus_sent, int reprompt_limit, std::optional<int> choice,
                 const std::vector<int>& digits);

// Checks bot settings as the API receives them; "" or the problem, with its field.
struct SettingsProblem {
    std::string field;
    std::string message;
};
std::optional<SettingsProblem> check_bot_settings(const BotSettings& settings);

} // namespace waconsole
