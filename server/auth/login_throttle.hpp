// Slows password guessing: after too many failed logins for one email address, or from one
// client address, further attempts are refused for a while (HTTP 429 with Retry-After).
// Counts live in memory: a restart forgets them, which is fine for a brake on guessing.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace waconsole {

struct LoginThrottleLimits {
    int failures_per_email = 5;
    int failures_per_address = 30;
    std::int64_t window_seconds = 15 * 60;
    std::size_t max_tracked_keys = 10000; // bounded memory under a flood of made-up emails
};

class LoginThrottle {
public:
    explicit LoginThrottle(LoginThrottleLimits limits = {}) : m_limits(limits) {}

    // Seconds the caller must wait before trying again, or 0 when an attempt is allowed.
    std::int64_t retry_after(const std::string& email, const std::string& address,
                             std::int64_t now);
    void record_failure(const std::string& email, const std::string& address, std::int64_t now);
    // A good password clears the email's failures (not the address's: one address may be
    // guessing at many accounts).
    void record_success(const std::string& email);

private:
    std::int64_t wait_for(const std::string& key, int limit, std::int64_t now);
    void forget_old(std::deque<std::int64_t>& failures, std::int64_t now) const;

    LoginThrottleLimits m_limits;
    std::map<std::string, std::deque<std::int64_t>> m_failures; // key → failure times, oldest first
    std::mutex m_mutex;
};

} // namespace waconsole
