// Token bucket as a virtual schedule.
#include "server/meta/rate_limiter.hpp"

#include <algorithm>
#include <thread>

namespace waconsole {

RateLimiter::RateLimiter(int per_second, int burst, FirstSends first)
    : m_per_second(std::max(1, per_second)), m_burst(std::max(1, burst)),
      // 0.5 % slower than the rate: a sleeping thread wakes a little late and the next one on
      // time, so sends that left evenly can arrive bunched; the margin keeps a second at Meta's
      // side from holding rate + 1.
      m_interval(std::chrono::duration_cast<Clock::duration>(std::chrono::seconds(1) * 1.005) /
                 m_per_second),
      // Ramped: as if the last send had been a whole idle spell ago.
      m_next_slot(first == FirstSends::ramped
                      ? Clock::now() - kIdleBeforeRamp - std::chrono::milliseconds(1)
                      : Clock::now()),
      m_paused_until(Clock::now()), m_ramp_until(Clock::now()),
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
    for (;;) {
        Clock::time_point retry_at;
        if (const auto left = try_depart(&retry_at)) {
            return *left;
        }
        std::this_thread::sleep_until(retry_at);
    }
}

std::optional<RateLimiter::Clock::time_point> RateLimiter::try_depart(Clock::time_point* retry_at,
                                                                      std::size_t* place) {
    std::lock_guard lock(m_mutex);
    // Taken and stamped in one step, in order, so the ring holds increasing times and any
    // second (wherever it starts) holds at most the ring's length of them. A departure planned
    // ahead and marked when it left would let its successor plan against the planned time while
    // a descheduled thread had not yet left.
    auto& oldest = m_departures[m_next_departure];
    const auto now = Clock::now();
    const auto free_at = oldest + std::chrono::seconds(1);
    if (now < free_at) {
        *retry_at = free_at;
        return std::nullopt;
    }
    oldest = now;
    if (place) {
        *place = m_next_departure;
    }
    m_next_departure = (m_next_departure + 1) % m_departures.size();
    return now;
}

void RateLimiter::left_at(std::size_t place, Clock::time_point departed, Clock::time_point now) {
    std::lock_guard lock(m_mutex);
    if (place < m_departures.size() && m_departures[place] == departed && now > departed) {
        m_departures[place] = now;
    }
}

std::optional<RateLimiter::Clock::time_point> RateLimiter::reserve(Clock::duration max_ahead) {
    std::lock_guard lock(m_mutex);
    const auto now = Clock::now();
    const auto slot = free_slot(now);
    if (slot > now && slot - now > max_ahead) {
        return std::nullopt;
    }
    if (m_next_slot + kIdleBeforeRamp < now && m_paused_until < now) {
        m_ramp_until = slot + kRamp;
    }
    m_next_slot = slot + (slot < m_ramp_until ? m_interval * 2 : m_interval);
    return slot;
}

RateLimiter::Clock::time_point RateLimiter::next_slot() {
    std::lock_guard lock(m_mutex);
    return free_slot(Clock::now());
}

RateLimiter::Clock::time_point RateLimiter::free_slot(Clock::time_point now) const {
    // An idle bucket refills to `burst`, no further: the schedule never lags more than that.
    const auto earliest = now - m_interval * (m_burst - 1);
    return std::max({m_next_slot, earliest, m_paused_until});
}

void RateLimiter::pause_for(std::chrono::milliseconds delay) {
    std::lock_guard lock(m_mutex);
    const auto until = Clock::now() + delay;
    m_paused_until = std::max(m_paused_until, until);
    m_next_slot = std::max(m_next_slot, until);
}

} // namespace waconsole
