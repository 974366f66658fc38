// Tier names, their figures and where they are kept.
#include "server/meta/messaging_limit.hpp"

#include "server/store/settings_store.hpp"

#include <array>

namespace waconsole {
namespace {

constexpr const char* kDailyLimitSetting = "meta.daily_limit_customers";

struct Tier {
    const char* name;
    std::int64_t customers;
    bool current; // TIER_50 and TIER_1K are older names Meta still shows on some accounts
};

constexpr std::array<Tier, 6> kTiers = {{{"TIER_50", 50, false},
                                         {"TIER_250", 250, true},
                                         {"TIER_1K", 1000, false},
                                         {"TIER_2K", 2000, true},
                                         {"TIER_10K", 10000, true},
                                         {"TIER_100K", 100000, true}}};

} // namespace

std::optional<std::int64_t> tier_customers(const std::string& tier) {
    for (const auto& known : kTiers) {
        if (tier == known.name) {
            return known.customers;
        }
    }
    return std::nullopt;
}

std::string tier_for_customers(std::int64_t customers) {
    for (const auto& known : kTiers) {
        if (known.current && customers <= known.customers) {
            return known.name;
        }
    }
    return "TIER_UNLIMITED";
}

DailyLimit load_daily_limit(Connection& db) {
    DailyLimit limit;
    if (const auto tier = load_setting(db, kMessagingLimitSetting); tier && tier->is_string()) {
        limit.tier = tier->get<std::string>();
        limit.customers = tier_customers(limit.tier);
    }
    if (const auto exact = load_setting(db, kDailyLimitSetting);
        exact && exact->is_number_integer() && exact->get<std::int64_t>() > 0) {
        limit.customers = exact->get<std::int64_t>();
    }
    return limit;
}

void save_daily_limit(Connection& db, const DailyLimit& limit, std::int64_t now) {
    save_setting(db, kMessagingLimitSetting, limit.tier, now);
    save_setting(db, kDailyLimitSetting, limit.customers ? *limit.customers : 0, now);
}

nlohmann::json to_json(const DailyLimit& limit) {
    if (limit.tier.empty() && !limit.customers) {
        return nullptr;
    }
    return {{"tier", limit.tier},
            {"limit", limit.customers ? nlohmann::json(*limit.customers) : nlohmann::json()}};
}

std::optional<DailyLimit> daily_limit_from_capability(const nlohmann::json& limit) {
    DailyLimit parsed;
    if (limit.is_number_integer() && limit.get<std::int64_t>() == 0) {
        parsed.tier = "TIER_UNLIMITED";
    } else if (limit.is_number_integer() && limit.get<std::int64_t>() > 0) {
        parsed.customers = limit.get<std::int64_t>();
        parsed.tier = tier_for_customers(*parsed.customers);
    } else if (limit.is_string()) {
        parsed.tier = limit.get<std::string>();
        parsed.customers = tier_customers(parsed.tier);
    } else {
        return std::nullopt;
    }
    return parsed;
}

std::optional<DailyLimit> daily_limit_from_graph(const nlohmann::json& answer) {
    if (!answer.is_object()) {
        return std::nullopt;
    }
    DailyLimit limit;
    const auto tier = answer.find("whatsapp_business_manager_messaging_limit");
    if (tier != answer.end() && tier->is_string()) {
        limit.tier = tier->get<std::string>();
        limit.customers = tier_customers(limit.tier);
    }
    const auto exact = answer.find("max_daily_conversations_per_business");
    if (exact != answer.end() && exact->is_number_integer() && exact->get<std::int64_t>() > 0) {
        limit.customers = exact->get<std::int64_t>();
        if (limit.tier.empty()) {
            limit.tier = tier_for_customers(*limit.customers);
        }
    }
    if (limit.tier.empty()) {
        return std::nullopt;
    }
    return limit;
}

} // namespace waconsole
