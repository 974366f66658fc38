// Back-off arithmetic.
#include "server/meta/retry_policy.hpp"

#include <algorithm>
#include <random>

namespace waconsole {

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int failed_attempts,
                                        const MetaError& error, double random01) {
    const int doublings = std::clamp(failed_attempts - 1, 0, 30);
    const double step = std::min(static_cast<double>(policy.base_delay.count()) *
                                     static_cast<double>(std::int64_t{1} << doublings),
                                 static_cast<double>(policy.max_delay.count()));
    const double jittered = step / 2 + step / 2 * std::clamp(random01, 0.0, 1.0);
    auto delay = std::chrono::milliseconds(static_cast<std::int64_t>(jittered));
    if (is_pair_rate_limit(error)) {
        delay = std::max(delay, policy.pair_rate_delay);
    }
    return delay;
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int failed_attempts,
                                        const MetaError& error) {
    thread_local std::mt19937 generator{std::random_device{}()};
    return backoff_delay(policy, failed_attempts, error,
                         std::uniform_real_distribution<double>(0.0, 1.0)(generator));
}

} // namespace waconsole
