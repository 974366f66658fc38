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

    std::thread release([&] {
        std::this_thread::sleep_for(20ms);
        held.reset();
    });
    CHECK(slots.acquire());
    release.join();
}
