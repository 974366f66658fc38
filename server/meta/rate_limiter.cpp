// Token bucket as a virtual schedule.
#include "server/meta/rate_limiter.hpp"

#include <algorithm>
#include <thread>

namespace waconsole {

RateLimiter::RateLimiter(int per_second, int burst)
    : m_per_second(std::max(1, per_second)),
      m_burst(burst > 0 ? burst : std::max(1, std::max(1, per_second) / 10)),
      m_interval(std::chrono::duration_cast<Clock::duration>(std::chrono::seconds(1)) /
                 m_per_second),
      m_next_slot(Clock::now()), m_paused_until(Clock::now()) {}

void RateLimiter::acquire() {
    try_acquire(Clock::duration::max());
}

bool RateLimiter::try_acquire(Clock::duration max_wait) {
    Clock::time_point start;
    {
        std::lock_guard lock(m_mutex);
        const auto now = Clock::now();
        // An idle bucket refills to `burst`, no further: the schedule never lags more than that.
        const auto earliest = now - m_interval * (m_burst - 1);
        const auto slot = std::max({m_next_slot, earliest, m_paused_until});
        if (slot > now && slot - now > max_wait) {
            return false;
        }
        m_next_slot = slot;
        start = m_next_slot;
        m_next_slot += m_interval;
    }
    std::this_thread::sleep_until(start);
    return true;
}

void RateLimiter::pause_for(std::chrono::milliseconds delay) {
    std::lock_guard lock(m_mutex);
    const auto until = Clock::now() + delay;
    m_paused_until = std::max(m_paused_until, until);
    m_next_slot = std::max(m_next_slot, until);
}

} // namespace waconsole
