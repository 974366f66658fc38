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
      m_next_slot(Clock::now()), m_paused_until(Clock::now()), m_ramp_until(Clock::now()),
      // As if the ring's sends had all left a second before: the first may leave at once.
      m_departures(static_cast<std::size_t>(std::max(1, m_per_second - m_per_second / 200)),
                   Clock::now() - std::chrono::seconds(1)) {}

RateLimiter::Clock::time_point RateLimiter::acquire() {
    Clock::time_point slot;
    try_acquire(Clock::duration::max(), &slot);
    return slot;
}

bool RateLimiter::try_acquire(Clock::duration max_wait, Clock::time_point* slot_taken) {
    const auto start = reserve(max_wait);
    if (!start) {
        return false;
    }
    if (slot_taken) {
        *slot_taken = *start;
    }
    leave_at(*start);
    return true;
}

RateLimiter::Clock::time_point RateLimiter::leave_at(Clock::time_point slot) {
    std::this_thread::sleep_until(slot);
    const auto departure = plan_departure();
    std::this_thread::sleep_until(departure.at);
    const auto left = Clock::now();
    mark_left(departure, left);
    return left;
}

RateLimiter::Departure RateLimiter::plan_departure() {
    std::lock_guard lock(m_mutex);
    // Departures are handed out in order and never sooner than a second after the one a
    // ring's length before left, so any second holds at most the ring's length of them.
    Departure departure;
    departure.ring_index = m_next_departure;
    auto& oldest = m_departures[m_next_departure];
    departure.at = std::max(Clock::now(), oldest + std::chrono::seconds(1));
    oldest = departure.at;
    m_next_departure = (m_next_departure + 1) % m_departures.size();
    return departure;
}

void RateLimiter::mark_left(const Departure& departure, Clock::time_point left) {
    std::lock_guard lock(m_mutex);
    auto& entry = m_departures[departure.ring_index];
    // Unless the ring came round meanwhile (the caller was over a second late): then the entry
    // is another send's.
    if (entry == departure.at && left > entry) {
        entry = left;
    }
}

std::optional<RateLimiter::Clock::time_point> RateLimiter::reserve(Clock::duration max_ahead) {
    std::lock_guard lock(m_mutex);
    const auto now = Clock::now();
    // An idle bucket refills to `burst`, no further: the schedule never lags more than that.
    const auto earliest = now - m_interval * (m_burst - 1);
    const auto slot = std::max({m_next_slot, earliest, m_paused_until});
    if (slot > now && slot - now > max_ahead) {
        return std::nullopt;
    }
    if (m_next_slot + kIdleBeforeRamp < now && m_paused_until < now) {
        m_ramp_until = slot + kRamp;
    }
    m_next_slot = slot + (slot < m_ramp_until ? m_interval * 2 : m_interval);
    return slot;
}

void RateLimiter::pause_for(std::chrono::milliseconds delay) {
    std::lock_guard lock(m_mutex);
    const auto until = Clock::now() + delay;
    m_paused_until = std::max(m_paused_until, until);
    m_next_slot = std::max(m_next_slot, until);
}

} // namespace waconsole
