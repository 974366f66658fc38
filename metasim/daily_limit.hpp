// Meta's daily messaging limit: how many distinct customers the business may reach with
// business-initiated conversations (template sends outside an open customer-service window) in a
// moving 24 hours (shared/docs/meta-cloud-api.md "Throughput and quotas"). A customer counts once
// per trailing 24 h however many templates they get; the send that would reach one customer too
// many fails by webhook with 131048.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace waconsole::metasim {

class DailyLimit {
public:
    static constexpr std::int64_t kWindowMs = 24 * 60 * 60 * 1000;

    // True when a business-initiated send to `wa_id` at `now_ms` (epoch milliseconds) fits within
    // `limit` distinct customers in the trailing 24 h (0: unlimited), counting the customer if it
    // was not counted yet. False, counting nothing, when it would be one customer too many.
    bool admit(const std::string& wa_id, std::int64_t now_ms, int limit);
    // Distinct customers counted in the 24 h before `now_ms`.
    std::size_t customers(std::int64_t now_ms);

private:
    void expire(std::int64_t now_ms);

    std::mutex m_mutex;
    std::unordered_map<std::string, std::int64_t> m_counted_at; // wa_id → when it was counted
    std::deque<std::pair<std::int64_t, std::string>> m_by_time; // the same, oldest first
};

// Meta's tier name for a limit: the nearest tier at or above it (TIER_250, TIER_2K, TIER_10K,
// TIER_100K, TIER_UNLIMITED); 0 (no limit) is TIER_UNLIMITED.
std::string messaging_limit_tier(int limit);

} // namespace waconsole::metasim
