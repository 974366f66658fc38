// Slows password guessing without letting a stranger lock the owner out. Three limits on failed
// logins, each in its own sliding window:
//   - one account from one address: strict (a stranger's guesses stop here first);
//   - one account from anywhere: gentler and shorter, and not applied to an address that logged
//     into the account recently, so guesses spread over many addresses cannot keep its owner out;
//   - one address at any account.
// An attempt is counted when it begins, before the slow password check, under one lock: twenty
// parallel guesses cannot all pass a check made before any of them was counted. A good password
// takes its attempt back. Counts live in memory (a restart forgets them) under a bounded number
// of keys; when full, the key touched longest ago is forgotten, and counting never stops.
#pragma once

#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace waconsole {

struct LoginLimit {
    int failures = 5;
    std::int64_t window_seconds = 15 * 60;
};

struct LoginThrottleLimits {
    LoginLimit per_account_and_address{5, 15 * 60};
    LoginLimit per_account{20, 5 * 60};
    LoginLimit per_address{30, 15 * 60};
    // An address that logged into an account this recently is not held by the per-account limit.
    std::int64_t known_address_seconds = 30 * 86400;
    std::size_t max_tracked_keys = 50000; // bounded memory under a flood of made-up accounts
};

enum class LoginLimitHit { none, account_and_address, account, address };

// One login attempt, counted as a failure from begin() unless succeeded() or cancelled().
struct LoginAttempt {
    std::string account; // lower-cased
    std::string address;
    std::int64_t at = 0;
    std::int64_t retry_after = 0; // > 0: refused; seconds until an attempt may be allowed
    LoginLimitHit refused_by = LoginLimitHit::none;
    bool allowed() const { return refused_by == LoginLimitHit::none; }
};

class LoginThrottle {
public:
    explicit LoginThrottle(LoginThrottleLimits limits = {});

    // Reserves an attempt for `account` (an e-mail address, any case) from `address`, or refuses
    // it with the wait and the limit that was hit.
    LoginAttempt begin(const std::string& account, const std::string& address, std::int64_t now);
    // The password was right: the attempt is taken back, the pair's failures are cleared and the
    // address becomes known for the account. Others' failures against the account remain.
    void succeeded(const LoginAttempt& attempt, std::int64_t now);
    // The attempt never reached the password check (the server was busy): take it back.
    void cancelled(const LoginAttempt& attempt);

    std::size_t tracked_keys() const;

private:
    struct Entry {
        std::vector<std::int64_t> failures;       // oldest first; never more than the key's limit
        std::optional<std::int64_t> last_success; // account-and-address keys only
        std::list<const std::string*>::iterator recency;
    };

    Entry* find(const std::string& key);
    Entry& touch(const std::string& key);
    std::int64_t wait_for(const Entry* entry, const LoginLimit& limit, std::int64_t now) const;
    void take_back(const std::string& key, std::int64_t at);

    LoginThrottleLimits m_limits;
    std::unordered_map<std::string, Entry> m_entries;
    std::list<const std::string*> m_recency; // keys of m_entries, touched longest ago first
    mutable std::mutex m_mutex;
};

} // namespace waconsole
