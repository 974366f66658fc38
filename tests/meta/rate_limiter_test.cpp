// The shared token bucket holds the phone number's rate across threads.
#include "server/meta/rate_limiter.hpp"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <mutex>
#include <thread>
#include <vector>

using namespace waconsole;
using Clock = std::chrono::steady_clock;

namespace {

// The most times in any window of one second (every window that starts at one of them).
std::size_t most_in_one_second(std::vector<Clock::time_point> times) {
    std::sort(times.begin(), times.end());
    std::size_t most = 0;
    for (std::size_t first = 0, last = 0; first < times.size(); ++first) {
        while (last < times.size() && times[last] - times[first] < std::chrono::seconds(1)) {
            ++last;
        }
        most = std::max(most, last - first);
    }
    return most;
}

} // namespace

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
    // reserve() never waits: a slot no later than the time it came back with could leave at
    // once. (Timing acquire() from this thread would count a loaded machine's delays.)
    std::vector<Clock::time_point> slots;
    for (int i = 0; i < 5; ++i) {
        slots.push_back(*limiter.reserve(std::chrono::seconds(1)));
        CHECK(slots.back() <= Clock::now());
    }
    // Then one every 20 ms (50/s).
    const auto sixth = *limiter.reserve(std::chrono::seconds(1));
    const auto seventh = *limiter.reserve(std::chrono::seconds(1));
    CHECK(sixth - slots[4] >= std::chrono::milliseconds(20));
    CHECK(seventh - slots[4] >= std::chrono::milliseconds(40));
    // And acquire() waits for such a slot.
    const auto eighth = limiter.acquire();
    CHECK(eighth - slots[4] >= std::chrono::milliseconds(60));
    CHECK(Clock::now() >= eighth);
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

TEST_CASE("by default no second holds more sends than the rate, also right after an idle spell") {
    RateLimiter limiter(500);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    std::vector<Clock::time_point> starts;
    std::mutex starts_mutex;
    const auto stop_at = Clock::now() + std::chrono::milliseconds(1500);
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&] {
            for (;;) {
                // The slot given, not the wake-up: how late a thread wakes on a loaded machine
                // is the scheduler's, and the 0.5 % margin is for that.
                const auto slot = limiter.acquire();
                if (Clock::now() >= stop_at) {
                    return;
                }
                std::lock_guard lock(starts_mutex);
                starts.push_back(slot);
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    const auto most = most_in_one_second(starts);
    INFO("most sends in one second: " << most << " of " << starts.size());
    CHECK(most <= 500);
    CHECK(most >= 450); // and the budget is used
    // Slots are never closer than the rate allows, whatever the threads did.
    std::sort(starts.begin(), starts.end());
    for (std::size_t at = 1; at < starts.size(); ++at) {
        CHECK(starts[at] - starts[at - 1] >= std::chrono::seconds(1) / 500);
    }
}

TEST_CASE("sends that leave late do not bunch: no second holds more than the rate less 0.5 %") {
    // The slots of a batch are reserved ahead; threads that take them late (a loaded machine)
    // would all leave at once. 400 slots at 200/s, taken after every one of them has passed.
    RateLimiter limiter(200);
    std::vector<Clock::time_point> slots;
    for (int i = 0; i < 400; ++i) {
        slots.push_back(*limiter.reserve(std::chrono::seconds(10)));
    }
    std::this_thread::sleep_until(slots.back() + std::chrono::milliseconds(10));
    std::vector<Clock::time_point> departures;
    std::mutex departures_mutex;
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&] {
            for (auto at = next++; at < slots.size(); at = next++) {
                const auto departure = limiter.leave_at(slots[at]);
                CHECK(Clock::now() >= departure);
                std::lock_guard lock(departures_mutex);
                departures.push_back(departure);
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    const auto most = most_in_one_second(departures);
    INFO("most departures in one second: " << most);
    // 200 less 0.5 %, rounded down: the first 199 leave at once, the rest a second after them.
    // Each departure is stamped when the limiter let it go, so a thread descheduled between
    // being told to go and going cannot let the send a second's worth later bunch with it.
    CHECK(most <= 199);
    CHECK(most > 150);
}

namespace {

// 600 slots taken at once: the first 250 ms hold half the rate, the next 250 ms the full rate.
void check_ramped(RateLimiter& limiter) {
    std::vector<Clock::time_point> slots;
    for (int i = 0; i < 600; ++i) {
        slots.push_back(*limiter.reserve(std::chrono::seconds(10)));
    }
    const auto first = slots.front();
    const auto in_ramp = std::count_if(slots.begin(), slots.end(), [&](Clock::time_point slot) {
        return slot - first < RateLimiter::kRamp;
    });
    // 250 ms at half of 1000/s (less the 0.5 % margin): 125 sends, not 250.
    CHECK(in_ramp <= 126);
    CHECK(in_ramp >= 120);
    // Then the full rate: the next 250 ms hold about 250.
    const auto after_ramp = std::count_if(slots.begin(), slots.end(), [&](Clock::time_point slot) {
        return slot - first >= RateLimiter::kRamp && slot - first < RateLimiter::kRamp * 2;
    });
    CHECK(after_ramp >= 245);
    CHECK(after_ramp <= 250);
    // A limiter kept busy never ramps again: slots stay one interval apart.
    std::vector<Clock::time_point> busy;
    for (int i = 0; i < 100; ++i) {
        busy.push_back(*limiter.reserve(std::chrono::seconds(10)));
    }
    CHECK(busy.back() - busy.front() < std::chrono::milliseconds(101));
}

} // namespace

TEST_CASE("after an idle spell sends start at half the rate while connections open, then at the "
          "rate") {
    RateLimiter limiter(1000);
    std::this_thread::sleep_for(RateLimiter::kIdleBeforeRamp + std::chrono::milliseconds(100));
    check_ramped(limiter);
}

TEST_CASE("a limiter made for a server that just started ramps its first sends, one made to start "
          "at the rate does not") {
    // The server's own: no connection is open yet (a campaign overdue at boot sends at once).
    RateLimiter starting(1000, 0, RateLimiter::FirstSends::ramped);
    check_ramped(starting);
    RateLimiter at_rate(1000);
    std::vector<Clock::time_point> slots;
    for (int i = 0; i < 250; ++i) {
        slots.push_back(*at_rate.reserve(std::chrono::seconds(10)));
    }
    // 250 sends at the rate take 250 ms; ramped, 375.
    CHECK(slots.back() - slots.front() < std::chrono::milliseconds(300));
}

TEST_CASE("a send that left late holds back the send a second's worth after it") {
    // 200/s less 0.5 %: a ring of 199. The first 199 may leave at once; the 200th a second after
    // the first left. The first one's thread woke 300 ms late (a busy machine): had the 200th
    // left a second after the first was due, both would sit in one second at the receiver
    // with 198 others.
    RateLimiter limiter(200);
    Clock::time_point retry_at;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const auto first_left = limiter.try_depart(&retry_at);
    REQUIRE(first_left);
    std::vector<Clock::time_point> left{*first_left};
    for (int i = 1; i < 199; ++i) {
        const auto departure = limiter.try_depart(&retry_at);
        REQUIRE(departure);
        left.push_back(*departure);
    }
    // The ring is full: the 200th is told to come back a second after the first left.
    CHECK_FALSE(limiter.try_depart(&retry_at));
    CHECK(retry_at == *first_left + std::chrono::seconds(1));
    const auto held_back = limiter.leave_at(Clock::now());
    CHECK(held_back >= *first_left + std::chrono::seconds(1));
    CHECK(held_back < *first_left + std::chrono::seconds(1) + std::chrono::milliseconds(100));
    // And the 201st waits for a second after the second one.
    CHECK(limiter.leave_at(Clock::now()) >= left[1] + std::chrono::seconds(1));
}

TEST_CASE("a request written later than the limiter let it go holds back the send a second's "
          "worth after it from when it was written") {
    // A ring of 199. The first request was let go, then its thread was descheduled for 300 ms
    // (or its connection opened) before it was written: the 200th waits for a second after the
    // writing, not after the letting go, or it would share a second with the first and the
    // 198 written in between.
    RateLimiter limiter(200);
    Clock::time_point retry_at;
    std::size_t place = 99;
    const auto first = limiter.try_depart(&retry_at, &place);
    REQUIRE(first);
    CHECK(place == 0);
    for (int i = 1; i < 199; ++i) {
        std::size_t next = 0;
        REQUIRE(limiter.try_depart(&retry_at, &next));
        CHECK(next == static_cast<std::size_t>(i));
    }
    const auto written = *first + std::chrono::milliseconds(300);
    limiter.left_at(place, *first, written);
    CHECK_FALSE(limiter.try_depart(&retry_at));
    CHECK(retry_at == written + std::chrono::seconds(1));
    // A correction for an entry the ring has moved past (it holds a later departure now)
    // changes nothing: once the ring comes round, that entry frees a second after the later one.
    std::this_thread::sleep_until(written + std::chrono::seconds(1));
    std::size_t again = 0;
    const auto two_hundredth = limiter.try_depart(&retry_at, &again);
    REQUIRE(two_hundredth);
    CHECK(again == 0);
    limiter.left_at(again, *first, *first + std::chrono::seconds(5));
    for (int i = 1; i < 199; ++i) {
        REQUIRE(limiter.try_depart(&retry_at)); // their entries are more than a second old
    }
    CHECK_FALSE(limiter.try_depart(&retry_at));
    CHECK(retry_at == *two_hundredth + std::chrono::seconds(1));
}

TEST_CASE("late wake-ups do not bunch: no second of actual departures holds more than the ring") {
    // Four threads, each waking up to 8 ms late at random (a loaded machine) before it asks to
    // leave and again after being told to wait, counted where each send was let go.
    RateLimiter limiter(400);
    std::vector<Clock::time_point> left;
    std::mutex left_mutex;
    std::atomic<int> remaining{1200};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            unsigned seed = 7919u * static_cast<unsigned>(t + 1);
            const auto late = [&seed] {
                seed = seed * 1103515245u + 12345u;
                return std::chrono::microseconds((seed >> 8) % 8000);
            };
            while (remaining-- > 0) {
                std::this_thread::sleep_until(*limiter.reserve(std::chrono::seconds(10)) + late());
                Clock::time_point retry_at;
                std::optional<Clock::time_point> departure;
                while (!(departure = limiter.try_depart(&retry_at))) {
                    std::this_thread::sleep_until(retry_at + late());
                }
                std::lock_guard lock(left_mutex);
                left.push_back(*departure);
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    const auto most = most_in_one_second(left);
    INFO("most actual departures in one second: " << most);
    CHECK(most <= 398); // 400 less 0.5 %
    CHECK(most >= 350); // and the budget is used
}
