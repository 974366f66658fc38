// How often and how patiently a send is retried after a retryable Meta error: exponential
// back-off with jitter, bounded attempts. Tests shrink the delays; production keeps the defaults.
#pragma once

#include "server/meta/meta_error.hpp"

#include <chrono>
#include <cstdint>

namespace waconsole {

struct RetryPolicy {
    int max_attempts = 5; // the first try included
    std::chrono::milliseconds base_delay{500};
    std::chrono::milliseconds max_delay{30000};
    // Meta's pair rate allows about one message every 6 s to the same customer.
    std::chrono::milliseconds pair_rate_delay{6000};
};

// The wait before attempt `failed_attempts + 1`: base * 2^(failed_attempts-1) capped at max,
// then "equal jitter" (half fixed, half random) so that many senders hitting the same limit do
// not come back in lock-step, yet each waits at least half the step. `random01` is in [0, 1).
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int failed_attempts,
                                        const MetaError& error, double random01);
// The same with a random draw.
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int failed_attempts,
                                        const MetaError& error);

} // namespace waconsole
