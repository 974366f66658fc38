// The business portfolio's daily messaging limit: how many unique customers business-initiated
// messages may reach in a moving 24 hours (shared/docs/meta-cloud-api.md "Throughput and quotas").
// Read from Meta (GET the phone number's whatsapp_business_manager_messaging_limit) at start-up
// and from business_capability_update webhooks; kept in settings so every server run and the
// wizard's review use the same figure.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace waconsole {

struct DailyLimit {
    std::string tier;                      // as Meta names it ("TIER_2K"); empty when unknown
    std::optional<std::int64_t> customers; // nullopt: unlimited or not known
};

// "TIER_250" → 250 ... "TIER_100K" → 100000; nullopt for TIER_UNLIMITED and unknown names.
std::optional<std::int64_t> tier_customers(const std::string& tier);
// The tier whose limit is `customers` or the next above it.
std::string tier_for_customers(std::int64_t customers);

DailyLimit load_daily_limit(Connection& db);
// In the caller's transaction. An exact number wins over the tier's (tests and Meta's webhook
// give the number; the Graph API gives the tier).
void save_daily_limit(Connection& db, const DailyLimit& limit, std::int64_t now);

// {"tier","limit"} for the API, null when nothing is known.
nlohmann::json to_json(const DailyLimit& limit);

// Meta's answer to the phone number's fields query → the limit; nullopt when it names none.
std::optional<DailyLimit> daily_limit_from_graph(const nlohmann::json& answer);
// A business_capability_update's max_daily_conversations_per_business: a number (0: no limit)
// or, in an older form, a tier name. nullopt for anything else.
std::optional<DailyLimit> daily_limit_from_capability(const nlohmann::json& limit);

} // namespace waconsole
