// The shared token bucket holds the phone number's rate across threads.
#include "server/meta/rate_limiter.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

using namespace waconsole;
using Clock = std::chrono::steady_clock;

TEST_CASE("four threads together never start more than rate + burst sends in a second") {
    RateLimiter limiter(200, 10);
    std::atomic<int> started{0};
    const auto stop_at = Clock::now() + std::chrono::seconds(1);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&] {
            for (;;) {
                limiter.acquire();
                if (Clock::now() >= stop_at) {
                    return;
                }
                started.fetch_add(1);
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    INFO("sends started in 1 s: " << started.load());
    CHECK(started.load() <= 200 + 10);
    // And the limiter does not starve the senders: the budget is nearly all used.
    CHECK(started.load() >= 180);
}

TEST_CASE("after a rate-limit error every sender waits for the pause") {
    RateLimiter limiter(1000, 5);
    limiter.pause_for(std::chrono::milliseconds(150));
    const auto start = Clock::now();
    limiter.acquire();
    CHECK(Clock::now() - start >= std::chrono::milliseconds(140));
}

TEST_CASE("an idle limiter lets a burst through at once, then paces") {
    RateLimiter limiter(50, 5);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const auto start = Clock::now();
    for (int i = 0; i < 5; ++i) {
        limiter.acquire();
    }
    CHECK(Clock::now() - start < std::chrono::milliseconds(15));
    limiter.acquire();
    limiter.acquire();
    CHECK(Clock::now() - start >= std::chrono::milliseconds(30));
}

TEST_CASE("a slot further away than a caller will wait is not taken") {
    RateLimiter limiter(1000, 1);
    limiter.pause_for(std::chrono::seconds(30));
    const auto start = Clock::now();
    CHECK_FALSE(limiter.try_acquire(std::chrono::milliseconds(100)));
    CHECK(Clock::now() - start < std::chrono::seconds(5));
    // Refusing took no slot: a later pause shorter than the wait is waited out.
    RateLimiter short_pause(1000, 1);
    short_pause.pause_for(std::chrono::milliseconds(20));
    CHECK(short_pause.try_acquire(std::chrono::seconds(1)));
}
