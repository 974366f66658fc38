#include "server/auth/hashing_slots.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

using namespace waconsole;
using namespace std::chrono_literals;

TEST_CASE("no more password checks run at once than there are slots") {
    HashingSlots slots(2, 5s);
    std::atomic<int> running{0};
    std::atomic<int> most{0};
    std::vector<std::thread> checks;
    for (int i = 0; i < 8; ++i) {
        checks.emplace_back([&] {
            auto slot = slots.acquire();
            REQUIRE(slot);
            const int now = ++running;
            int seen = most;
            while (now > seen && !most.compare_exchange_weak(seen, now)) {
            }
            std::this_thread::sleep_for(20ms);
            --running;
        });
    }
    for (auto& check : checks) {
        check.join();
    }
    CHECK(most == 2);
    CHECK(slots.in_use() == 0);
}

TEST_CASE("a check waits briefly for a slot, then gives up") {
    HashingSlots slots(1, 100ms);
    auto held = slots.acquire();
    REQUIRE(held);
    const auto start = std::chrono::steady_clock::now();
    CHECK_FALSE(slots.acquire());
    CHECK(std::chrono::steady_clock::now() - start >= 100ms);
}

TEST_CASE("a check waiting for a slot takes it when it is given back") {
    HashingSlots slots(1, 5s);
    auto held = slots.acquire();
    REQUIRE(held);
    std::thread release([&] {
        std::this_thread::sleep_for(20ms);
        held.reset();
    });
    const auto start = std::chrono::steady_clock::now();
    CHECK(slots.acquire());
    // Given back after 20 ms, not at the end of the 5 s wait.
    CHECK(std::chrono::steady_clock::now() - start < 4s);
    release.join();
}
