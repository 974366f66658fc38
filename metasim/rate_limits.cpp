// Token bucket for messages per second and last-send times for the pair rate.
#include "metasim/rate_limits.hpp"

#include <algorithm>

namespace waconsole::metasim {

bool ThroughputLimiter::try_acquire(double mps, SteadyTime now) {
    if (mps <= 0) {
        return true;
    }
    const double capacity = std::max(mps, 1.0);
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_tokens < 0 || mps != m_last_mps) {
        // A new limit (from /_sim/config) starts a fresh, full bucket.
        m_tokens = capacity;
        m_last_mps = mps;
    } else {
        const std::chrono::duration<double> elapsed = now - m_last_refill;
        m_tokens = std::min(capacity, m_tokens + elapsed.count() * mps);
    }
    m_last_refill = now;
    if (m_tokens < 1) {
        return false;
    }
    m_tokens -= 1;
    return true;
}

bool PairRateLimiter::try_acquire(const std::string& wa_id, double interval_seconds,
                                  SteadyTime now) {
    if (interval_seconds <= 0) {
        return true;
    }
    const auto interval = std::chrono::duration_cast<SteadyTime::duration>(
        std::chrono::duration<double>(interval_seconds));
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto [entry, inserted] = m_last_send.try_emplace(wa_id, now);
    if (!inserted) {
        if (now - entry->second < interval) {
            return false;
        }
        entry->second = now;
    }
    if (m_last_send.size() > m_prune_at) {
        // Amortised: the threshold doubles past what is still live, so this runs rarely.
        for (auto it = m_last_send.begin(); it != m_last_send.end();) {
            it = now - it->second >= interval ? m_last_send.erase(it) : std::next(it);
        }
        m_prune_at = std::max<std::size_t>(100'000, m_last_send.size() * 2);
    }
    return true;
}

} // namespace waconsole::metasim
