#include "shared/bot_menu.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("the menu is the intro then one line per skillset digit, in digit order") {
    CHECK(menu_text("Hi! Choose:", {{2, "Support"}, {1, "Sales"}, {3, "Billing"}}) ==
          "Hi! Choose:\n1 - Sales\n2 - Support\n3 - Billing");
    CHECK(menu_text("Hi!", {}) == "Hi!");
}

TEST_CASE("a lone digit, or a reply whose id or title is one, is a menu choice") {
    struct Row {
        const char* kind;
        const char* body;
        std::optional<std::string> payload;
        std::optional<int> choice;
    };
    const Row rows[] = {
        {"text", "2", std::nullopt, 2},
        {"text", "  3 \n", std::nullopt, 3},
        {"text", "12", std::nullopt, std::nullopt},
        {"text", "2 please", std::nullopt, std::nullopt},
        {"text", "", std::nullopt, std::nullopt},
        {"interactive", "Support", std::string("2"), 2},
        {"interactive", "1", std::string("menu-sales"), 1},
        {"interactive", "Support", std::string("menu-support"), std::nullopt},
        {"button", "Sales", std::string("1"), 1},
        {"image", "[image] 1", std::nullopt, std::nullopt},
    };
    for (const auto& row : rows) {
        INFO(row.kind << " '" << row.body << "'");
        CHECK(menu_choice(row.kind, row.body, row.payload) == row.choice);
    }
}

TEST_CASE("the first message always gets the menu, even a digit") {
    const auto step = bot_step(0, 2, 1, {1, 2});
    CHECK(step.action == BotAction::send_menu);
}

TEST_CASE("a valid digit queues, anything else re-prompts up to the limit, then silence") {
    const std::vector<int> digits = {1, 2, 3};
    CHECK(bot_step(1, 2, 2, digits).action == BotAction::queue);
    CHECK(bot_step(1, 2, 2, digits).digit == 2);
    // Limit 2: the first menu plus two re-prompts, then nothing.
    CHECK(bot_step(1, 2, std::nullopt, digits).action == BotAction::send_menu);
    CHECK(bot_step(2, 2, std::nullopt, digits).action == BotAction::send_menu);
    CHECK(bot_step(3, 2, std::nullopt, digits).action == BotAction::stay_silent);
    // A digit that is no skillset's is not a choice.
    CHECK(bot_step(1, 2, 7, digits).action == BotAction::send_menu);
    // Limit 0: no re-prompt at all; a valid digit still queues after the limit.
    CHECK(bot_step(1, 0, std::nullopt, digits).action == BotAction::stay_silent);
    CHECK(bot_step(5, 0, 3, digits).action == BotAction::queue);
}

TEST_CASE("bot settings are checked field by field") {
    BotSettings good;
    CHECK_FALSE(check_bot_settings(good));
    auto bad = good;
    bad.menu_intro = "";
    CHECK(check_bot_settings(bad)->field == "menu_intro");
    bad = good;
    bad.reprompt_limit = 11;
    CHECK(check_bot_settings(bad)->field == "reprompt_limit");
    bad = good;
    bad.exclusive_timeout_seconds = 0;
    CHECK(check_bot_settings(bad)->field == "exclusive_timeout_seconds");
    bad.exclusive_timeout_seconds = 600;
    CHECK_FALSE(check_bot_settings(bad));
}
