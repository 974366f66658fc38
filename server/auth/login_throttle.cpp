// Failed-login counts per account and address, per account and per address.
#include "server/auth/login_throttle.hpp"

#include <algorithm>
#include <cctype>

namespace waconsole {
namespace {

std::string lower_case(const std::string& text) {
    std::string lower;
    lower.reserve(text.size());
    for (const char c : text) {
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return lower;
}

// Keys of the three limits. An account may not hold a newline (the caller validated the
// address), so the pair key cannot collide with another pair.
std::string pair_key(const LoginAttempt& attempt) {
    return "p\n" + attempt.account + "\n" + attempt.address;
}
std::string account_key(const LoginAttempt& attempt) {
    return "a\n" + attempt.account;
}
std::string address_key(const LoginAttempt& attempt) {
    return "i\n" + attempt.address;
}

} // namespace

LoginThrottle::LoginThrottle(LoginThrottleLimits limits) : m_limits(limits) {
    // begin() touches three keys in a row; none of them may push out another.
    m_limits.max_tracked_keys = std::max<std::size_t>(m_limits.max_tracked_keys, 3);
}

LoginThrottle::Entry* LoginThrottle::find(const std::string& key) {
    const auto it = m_entries.find(key);
    return it == m_entries.end() ? nullptr : &it->second;
}

LoginThrottle::Entry& LoginThrottle::touch(const std::string& key) {
    auto it = m_entries.find(key);
    if (it == m_entries.end()) {
        if (m_entries.size() >= m_limits.max_tracked_keys) {
            m_entries.erase(*m_recency.front());
            m_recency.pop_front();
        }
        it = m_entries.emplace(key, Entry{}).first;
        it->second.recency = m_recency.insert(m_recency.end(), &it->first);
    } else {
        m_recency.splice(m_recency.end(), m_recency, it->second.recency);
    }
    return it->second;
}

std::int64_t LoginThrottle::wait_for(const Entry* entry, const LoginLimit& limit,
                                     std::int64_t now) const {
    if (!entry) {
        return 0;
    }
    const auto live =
        std::count_if(entry->failures.begin(), entry->failures.end(),
                      [&](std::int64_t at) { return at > now - limit.window_seconds; });
    if (live < limit.failures) {
        return 0;
    }
    // Allowed again once enough of the failures in the window have aged out of it.
    const auto unlocking =
        entry->failures[entry->failures.size() - static_cast<std::size_t>(limit.failures)];
    return std::max<std::int64_t>(1, unlocking + limit.window_seconds - now);
}

LoginAttempt LoginThrottle::begin(const std::string& account, const std::string& address,
                                  std::int64_t now) {
    LoginAttempt attempt;
    attempt.account = lower_case(account);
    attempt.address = address;
    attempt.at = now;
    const auto pair = pair_key(attempt);
    const auto by_account = account_key(attempt);
    const auto by_address = address_key(attempt);

    std::lock_guard lock(m_mutex);
    const Entry* pair_entry = find(pair);
    const bool known_address = pair_entry && pair_entry->last_success &&
                               *pair_entry->last_success > now - m_limits.known_address_seconds;
    const std::pair<LoginLimitHit, std::int64_t> waits[] = {
        {LoginLimitHit::account_and_address,
         wait_for(pair_entry, m_limits.per_account_and_address, now)},
        {LoginLimitHit::account,
         known_address ? 0 : wait_for(find(by_account), m_limits.per_account, now)},
        {LoginLimitHit::address, wait_for(find(by_address), m_limits.per_address, now)},
    };
    for (const auto& [limit, wait] : waits) {
        if (wait > attempt.retry_after) {
            attempt.retry_after = wait;
            attempt.refused_by = limit;
        }
    }
    if (!attempt.allowed()) {
        // Keeps a persistent guesser's keys from being the first forgotten.
        for (const auto* key : {&pair, &by_account, &by_address}) {
            if (find(*key)) {
                touch(*key);
            }
        }
        return attempt;
    }
    const std::pair<const std::string*, const LoginLimit*> counted[] = {
        {&pair, &m_limits.per_account_and_address},
        {&by_account, &m_limits.per_account},
        {&by_address, &m_limits.per_address},
    };
    for (const auto& [key, limit] : counted) {
        auto& failures = touch(*key).failures;
        // Only the newest `limit` failures can decide a wait; older ones need no memory.
        if (static_cast<int>(failures.size()) >= limit->failures) {
            failures.erase(failures.begin());
        }
        failures.push_back(now);
    }
    return attempt;
}

void LoginThrottle::take_back(const std::string& key, std::int64_t at) {
    if (auto* entry = find(key)) {
        const auto it = std::find(entry->failures.rbegin(), entry->failures.rend(), at);
        if (it != entry->failures.rend()) {
            entry->failures.erase(std::next(it).base());
        }
    }
}

void LoginThrottle::succeeded(const LoginAttempt& attempt, std::int64_t now) {
    if (!attempt.allowed()) {
        return;
    }
    std::lock_guard lock(m_mutex);
    take_back(account_key(attempt), attempt.at);
    take_back(address_key(attempt), attempt.at);
    auto& pair = touch(pair_key(attempt));
    pair.failures.clear();
    pair.last_success = now;
}

void LoginThrottle::cancelled(const LoginAttempt& attempt) {
    if (!attempt.allowed()) {
        return;
    }
    std::lock_guard lock(m_mutex);
    for (const auto& key : {pair_key(attempt), account_key(attempt), address_key(attempt)}) {
        take_back(key, attempt.at);
    }
}

std::size_t LoginThrottle::tracked_keys() const {
    std::lock_guard lock(m_mutex);
    return m_entries.size();
}

} // namespace waconsole
