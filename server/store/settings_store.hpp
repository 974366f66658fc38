// Settings kept in the database (table `settings`, one JSON value per key), so an administrator
// changes them from the console and every server run reads the same. The bot's settings are
// the first; defaults (shared/bot_menu.hpp) apply until someone saves.
#pragma once

#include "server/store/database.hpp"
#include "shared/bot_menu.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace waconsole {

BotSettings load_bot_settings(Connection& db);
// In the caller's transaction (or none). The settings must have passed check_bot_settings().
void save_bot_settings(Connection& db, const BotSettings& settings, std::int64_t now);

// Any other setting's JSON value (nullopt when never saved), and its save (in the caller's
// transaction, or none).
std::optional<nlohmann::json> load_setting(Connection& db, const std::string& key);
void save_setting(Connection& db, const std::string& key, const nlohmann::json& value,
                  std::int64_t now);

// The business portfolio's daily messaging limit as Meta names it ("TIER_250", "TIER_2K",
// "TIER_UNLIMITED"...), kept under this key by whoever reads it from Meta.
constexpr const char* kMessagingLimitSetting = "meta.messaging_limit_tier";

} // namespace waconsole
