// Meta's two send limits: throughput per business number (130429) and the pair rate per
// customer (131056). Both are O(1) per send so the simulator keeps up with a 1,000/s benchmark.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace waconsole::metasim {

using SteadyTime = std::chrono::steady_clock::time_point;

// A token bucket refilled at `mps` tokens per second holding at most max(mps, 1): a burst of mps
// sends passes, the next one inside the same second does not. mps 0 disables the limit.
class ThroughputLimiter {
public:
    bool try_acquire(double mps, SteadyTime now);

private:
    std::mutex m_mutex;
    double m_tokens = -1; // negative: not started, the bucket starts full
    double m_last_mps = 0;
    SteadyTime m_last_refill{};
};

// One message per customer every `interval_seconds`; 0 disables the limit. Check and record are
// one step so two concurrent sends to the same customer cannot both pass.
class PairRateLimiter {
public:
    bool try_acquire(const std::string& wa_id, double interval_seconds, SteadyTime now);

private:
    std::mutex m_mutex;
    std::unordered_map<std::string, SteadyTime> m_last_send;
    std::size_t m_prune_at = 100'000; // forget old customers once the map grows past this
};

} // namespace waconsole::metasim
