#include "server/auth/login_throttle.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

namespace {

LoginThrottleLimits limits(int pair, int account, int address, std::int64_t window = 60,
                           std::size_t keys = 1000) {
    LoginThrottleLimits limits;
    limits.per_account_and_address = {pair, window};
    limits.per_account = {account, window};
    limits.per_address = {address, window};
    limits.max_tracked_keys = keys;
    return limits;
}

// A failed attempt: begun and never taken back.
bool fail(LoginThrottle& throttle, const std::string& account, const std::string& address,
          std::int64_t now) {
    return throttle.begin(account, address, now).allowed();
}

} // namespace

TEST_CASE("the login throttle opens again once old failures leave the window") {
    LoginThrottle throttle(limits(3, 100, 100));
    for (int i = 0; i < 3; ++i) {
        CHECK(fail(throttle, "a@x", "10.0.0.1", 1000 + i));
    }
    const auto refused = throttle.begin("A@X", "10.0.0.1", 1003);
    CHECK(refused.retry_after == 57);
    CHECK(refused.refused_by == LoginLimitHit::account_and_address);
    CHECK(throttle.begin("a@x", "10.0.0.1", 1060).allowed());
}

TEST_CASE("an account's failures from one address do not hold back the account elsewhere") {
    LoginThrottle throttle(limits(3, 10, 100));
    for (int i = 0; i < 3; ++i) {
        CHECK(fail(throttle, "a@x", "10.0.0.1", 100));
    }
    CHECK_FALSE(throttle.begin("a@x", "10.0.0.1", 101).allowed());
    CHECK(throttle.begin("a@x", "10.0.0.2", 101).allowed());
}

TEST_CASE("an attempt is counted when it begins, before the password is checked") {
    LoginThrottle throttle(limits(5, 100, 100));
    std::vector<LoginAttempt> in_flight;
    for (int i = 0; i < 20; ++i) {
        auto attempt = throttle.begin("a@x", "10.0.0.1", 100);
        if (attempt.allowed()) {
            in_flight.push_back(attempt);
        }
    }
    CHECK(in_flight.size() == 5);
}

TEST_CASE("a good password takes its attempt back and clears the pair, not others' failures") {
    LoginThrottle throttle(limits(2, 4, 3));
    CHECK(fail(throttle, "a@x", "10.0.0.9", 10));
    CHECK(fail(throttle, "a@x", "10.0.0.9", 10));
    CHECK(fail(throttle, "a@x", "10.0.0.1", 10));
    const auto good = throttle.begin("a@x", "10.0.0.1", 11);
    REQUIRE(good.allowed());
    throttle.succeeded(good, 11);
    // The pair starts afresh: two more failures are allowed from the owner's address ...
    CHECK(fail(throttle, "a@x", "10.0.0.1", 12));
    CHECK(fail(throttle, "a@x", "10.0.0.1", 12));
    // ... and the good attempt did not count against the address (1 + 2 failures make its 3).
    CHECK(throttle.begin("b@x", "10.0.0.1", 12).refused_by == LoginLimitHit::address);
    // The stranger's two failures and the owner's three still count against the account.
    CHECK(throttle.begin("a@x", "10.0.0.2", 12).refused_by == LoginLimitHit::account);
}

TEST_CASE("an address that logged into an account is not held by the account's limit") {
    LoginThrottle throttle(limits(5, 3, 100));
    throttle.succeeded(throttle.begin("a@x", "10.0.0.1", 10), 10);
    for (int stranger = 0; stranger < 3; ++stranger) {
        CHECK(fail(throttle, "a@x", "10.0.1." + std::to_string(stranger), 20));
    }
    CHECK(throttle.begin("a@x", "10.0.2.1", 21).refused_by == LoginLimitHit::account);
    CHECK(throttle.begin("a@x", "10.0.0.1", 21).allowed());
}

TEST_CASE("an attempt cancelled before the check does not count") {
    LoginThrottle throttle(limits(1, 100, 100));
    throttle.cancelled(throttle.begin("a@x", "10.0.0.1", 10));
    CHECK(throttle.begin("a@x", "10.0.0.1", 10).allowed());
}

TEST_CASE("one address guessing at many accounts is throttled by its address") {
    LoginThrottle throttle(limits(100, 100, 4));
    for (int i = 0; i < 4; ++i) {
        CHECK(fail(throttle, "user" + std::to_string(i) + "@x", "10.0.0.9", 500));
    }
    const auto refused = throttle.begin("fresh@x", "10.0.0.9", 501);
    CHECK(refused.refused_by == LoginLimitHit::address);
    CHECK(refused.retry_after == 59);
    CHECK(throttle.begin("fresh@x", "10.0.0.8", 501).allowed());
}

// Replaces "the throttle tracks a bounded number of keys", which asserted that once the table
// was full of live entries new keys were not tracked at all: a flood of made-up accounts let
// the next guesser go uncounted.
TEST_CASE("a flood of made-up accounts does not stop the throttle counting a real one") {
    LoginThrottle throttle(limits(5, 1000000, 1000000, 60, 50));
    for (int i = 0; i < 1000; ++i) {
        fail(throttle, "flood" + std::to_string(i) + "@x", "10.0.0.1", 100);
    }
    CHECK(throttle.tracked_keys() <= 50);
    for (int i = 0; i < 5; ++i) {
        CHECK(fail(throttle, "target@x", "10.0.0.2", 100));
    }
    CHECK(throttle.begin("target@x", "10.0.0.2", 100).refused_by ==
          LoginLimitHit::account_and_address);
    CHECK(throttle.tracked_keys() <= 50);
}

TEST_CASE("the keys touched longest ago are the ones forgotten") {
    LoginThrottle throttle(limits(2, 1000, 1000, 3600, 12));
    for (int i = 0; i < 2; ++i) {
        CHECK(fail(throttle, "old@x", "10.0.0.1", 100));
        CHECK(fail(throttle, "kept@x", "10.0.0.2", 100));
    }
    // A refused attempt keeps its keys fresh: a guesser who keeps trying stays remembered.
    CHECK_FALSE(throttle.begin("kept@x", "10.0.0.2", 101).allowed());
    for (int i = 0; i < 3; ++i) {
        fail(throttle, "new" + std::to_string(i) + "@x", "10.0.1." + std::to_string(i), 102);
    }
    CHECK(throttle.tracked_keys() == 12);
    CHECK(throttle.begin("kept@x", "10.0.0.2", 103).refused_by ==
          LoginLimitHit::account_and_address);
    CHECK(throttle.begin("old@x", "10.0.0.1", 103).allowed());
}
