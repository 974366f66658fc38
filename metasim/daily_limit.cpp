// The moving 24-hour count of customers reached outside their service window.
#include "metasim/daily_limit.hpp"

namespace waconsole::metasim {

void DailyLimit::expire(std::int64_t now_ms) {
    while (!m_by_time.empty() && m_by_time.front().first <= now_ms - kWindowMs) {
        const auto counted = m_counted_at.find(m_by_time.front().second);
        if (counted != m_counted_at.end() && counted->second == m_by_time.front().first) {
            m_counted_at.erase(counted);
        }
        m_by_time.pop_front();
    }
}

bool DailyLimit::admit(const std::string& wa_id, std::int64_t now_ms, int limit) {
    std::lock_guard<std::mutex> lock(m_mutex);
    expire(now_ms);
    if (m_counted_at.count(wa_id) > 0) {
        return true;
    }
    if (limit > 0 && m_counted_at.size() >= static_cast<std::size_t>(limit)) {
        return false;
    }
    m_counted_at.emplace(wa_id, now_ms);
    m_by_time.emplace_back(now_ms, wa_id);
    return true;
}

std::size_t DailyLimit::customers(std::int64_t now_ms) {
    std::lock_guard<std::mutex> lock(m_mutex);
    expire(now_ms);
    return m_counted_at.size();
}

std::string messaging_limit_tier(int limit) {
    if (limit <= 0) {
        return "TIER_UNLIMITED";
    }
    if (limit <= 250) {
        return "TIER_250";
    }
    if (limit <= 2000) {
        return "TIER_2K";
    }
    if (limit <= 10000) {
        return "TIER_10K";
    }
    if (limit <= 100000) {
        return "TIER_100K";
    }
    return "TIER_UNLIMITED";
}

} // namespace waconsole::metasim
