// Token bucket as a virtual schedule.
#include "server/meta/rate_limiter.hpp"

#include <algorithm>
#include <thread>

namespace waconsole {

RateLimiter::RateLimiter(int per_second, int burst)
    : m_per_second(std::max(1, per_second)), m_burst(std::max(1, burst)),
      // 0.5 % slower than the rate: a sleeping thread wakes a little late and the next one on
      // time, so sends that left evenly can arrive bunched; the margin keeps a second at Meta's
      // side from holding rate + 1.
      m_interval(std::chrono::duration_cast<Clock::duration>(std::chrono::seconds(1) * 1.005) /
                 m_per_second),
      m_next_slot(Clock::now()), m_paused_until(Clock::now()) {}

RateLimiter::Clock::time_point RateLimiter::acquire() {
    Clock::time_point slot;
    try_acquire(Clock::duration::max(), &slot);
    return slot;
}

bool RateLimiter::try_acquire(Clock::duration max_wait, Clock::time_point* slot_taken) {
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
    if (slot_taken) {
        *slot_taken = start;
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
