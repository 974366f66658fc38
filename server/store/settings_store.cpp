// The bot settings as one JSON row.
#include "server/store/settings_store.hpp"

#include <nlohmann/json.hpp>

namespace waconsole {

BotSettings load_bot_settings(Connection& db) {
    BotSettings settings;
    auto query = db.prepare("SELECT value FROM settings WHERE key = 'bot'");
    if (!query.step()) {
        return settings;
    }
    const auto value = nlohmann::json::parse(query.get_text(0), nullptr, false);
    if (!value.is_object()) {
        return settings;
    }
    if (const auto it = value.find("menu_intro"); it != value.end() && it->is_string()) {
        settings.menu_intro = it->get<std::string>();
    }
    if (const auto it = value.find("reprompt_limit");
        it != value.end() && it->is_number_integer()) {
        settings.reprompt_limit = it->get<int>();
    }
    if (const auto it = value.find("exclusive_timeout_seconds");
        it != value.end() && it->is_number_integer()) {
        settings.exclusive_timeout_seconds = it->get<std::int64_t>();
    }
    return settings;
}

void save_bot_settings(Connection& db, const BotSettings& settings, std::int64_t now) {
    const nlohmann::json value = {
        {"menu_intro", settings.menu_intro},
        {"reprompt_limit", settings.reprompt_limit},
        {"exclusive_timeout_seconds", settings.exclusive_timeout_seconds
                                          ? nlohmann::json(*settings.exclusive_timeout_seconds)
                                          : nlohmann::json()}};
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('bot', ?, ?) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
               "updated_at = excluded.updated_at")
        .bind(1, value.dump())
        .bind(2, now)
        .run();
}

std::optional<nlohmann::json> load_setting(Connection& db, const std::string& key) {
    auto query = db.prepare("SELECT value FROM settings WHERE key = ?");
    query.bind(1, key);
    if (!query.step()) {
        return std::nullopt;
    }
    auto value = nlohmann::json::parse(query.get_text(0), nullptr, false);
    if (value.is_discarded()) {
        return std::nullopt;
    }
    return value;
}

void save_setting(Connection& db, const std::string& key, const nlohmann::json& value,
                  std::int64_t now) {
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
               "updated_at = excluded.updated_at")
        .bind(1, key)
        .bind(2, value.dump())
        .bind(3, now)
        .run();
}

} // namespace waconsole
