#include "server/auth/login_throttle.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("the login throttle opens again once old failures leave the window") {
    LoginThrottle throttle({3, 100, 60, 1000});
    for (int i = 0; i < 3; ++i) {
        CHECK(throttle.retry_after("a@x", "10.0.0.1", 1000 + i) == 0);
        throttle.record_failure("a@x", "10.0.0.1", 1000 + i);
    }
    CHECK(throttle.retry_after("A@X", "10.0.0.2", 1003) == 57);
    CHECK(throttle.retry_after("a@x", "10.0.0.1", 1060) == 0);
}

TEST_CASE("one address guessing at many accounts is throttled by its address") {
    LoginThrottle throttle({100, 4, 60, 1000});
    for (int i = 0; i < 4; ++i) {
        throttle.record_failure("user" + std::to_string(i) + "@x", "10.0.0.9", 500);
    }
    CHECK(throttle.retry_after("fresh@x", "10.0.0.9", 501) > 0);
    CHECK(throttle.retry_after("fresh@x", "10.0.0.8", 501) == 0);
}

TEST_CASE("a good login clears the account's failures") {
    LoginThrottle throttle({2, 100, 60, 1000});
    throttle.record_failure("a@x", "10.0.0.1", 10);
    throttle.record_success("a@x");
    throttle.record_failure("a@x", "10.0.0.1", 11);
    CHECK(throttle.retry_after("a@x", "10.0.0.1", 12) == 0);
}

TEST_CASE("the throttle tracks a bounded number of keys") {
    LoginThrottle throttle({5, 1000000, 60, 50});
    for (int i = 0; i < 1000; ++i) {
        throttle.record_failure("flood" + std::to_string(i) + "@x", "10.0.0.1", 100);
    }
    for (int i = 0; i < 5; ++i) {
        throttle.record_failure("target@x", "10.0.0.2", 100);
    }
    // Keys are full of live entries: new ones are not tracked rather than growing without bound.
    CHECK(throttle.retry_after("target@x", "10.0.0.2", 100) == 0);
    // After the window everything is pruned and tracking works again.
    for (int i = 0; i < 5; ++i) {
        throttle.record_failure("target@x", "10.0.0.2", 1000);
    }
    CHECK(throttle.retry_after("target@x", "10.0.0.2", 1000) > 0);
}
