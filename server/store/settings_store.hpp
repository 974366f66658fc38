// Settings kept in the database (table `settings`, one JSON value per key), so an administrator
// changes them from the console and every server run reads the same. The bot's settings are
// the first; defaults (shared/bot_menu.hpp) apply until someone saves.
#pragma once

#include "server/store/database.hpp"
#include "shared/bot_menu.hpp"

#include <cstdint>

namespace waconsole {

BotSettings load_bot_settings(Connection& db);
// In the caller's transaction (or none). The settings must have passed check_bot_settings().
void save_bot_settings(Connection& db, const BotSettings& settings, std::int64_t now);

} // namespace waconsole
