// Sliding-window counts of failed logins per email and per client address.
#include "server/auth/login_throttle.hpp"

#include <algorithm>
#include <cctype>

namespace waconsole {
namespace {

std::string email_key(const std::string& email) {
    std::string key = "email:";
    for (const char c : email) {
        key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return key;
}

std::string address_key(const std::string& address) {
    return "address:" + address;
}

} // namespace

void LoginThrottle::forget_old(std::deque<std::int64_t>& failures, std::int64_t now) const {
    while (!failures.empty() && failures.front() <= now - m_limits.window_seconds) {
        failures.pop_front();
    }
}

std::int64_t LoginThrottle::wait_for(const std::string& key, int limit, std::int64_t now) {
    const auto it = m_failures.find(key);
    if (it == m_failures.end()) {
        return 0;
    }
    forget_old(it->second, now);
    if (static_cast<int>(it->second.size()) < limit) {
        return 0;
    }
    // Allowed again once enough of the failures in the window have aged out of it.
    const auto unlocking = it->second[it->second.size() - static_cast<std::size_t>(limit)];
    return std::max<std::int64_t>(1, unlocking + m_limits.window_seconds - now);
}

std::int64_t LoginThrottle::retry_after(const std::string& email, const std::string& address,
                                        std::int64_t now) {
    std::lock_guard lock(m_mutex);
    return std::max(wait_for(email_key(email), m_limits.failures_per_email, now),
                    wait_for(address_key(address), m_limits.failures_per_address, now));
}

void LoginThrottle::record_failure(const std::string& email, const std::string& address,
                                   std::int64_t now) {
    std::lock_guard lock(m_mutex);
    if (m_failures.size() >= m_limits.max_tracked_keys) {
        for (auto it = m_failures.begin(); it != m_failures.end();) {
            forget_old(it->second, now);
            it = it->second.empty() ? m_failures.erase(it) : std::next(it);
        }
    }
    for (const auto& key : {email_key(email), address_key(address)}) {
        if (m_failures.size() < m_limits.max_tracked_keys || m_failures.count(key)) {
            m_failures[key].push_back(now);
        }
    }
}

void LoginThrottle::record_success(const std::string& email) {
    std::lock_guard lock(m_mutex);
    m_failures.erase(email_key(email));
}

} // namespace waconsole
