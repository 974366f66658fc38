// Throughput (130429) and pair rate (131056), over HTTP and on the limiters themselves.
#include "metasim/rate_limits.hpp"
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::metasim;
using namespace waconsole::test;
using namespace std::chrono_literals;

TEST_CASE("sends over the configured messages per second get 130429 with HTTP 429",
          "[metasim][limits]") {
    SimFixture sim([](SimOptions& options) { options.config.mps = 5; });
    int accepted = 0;
    int throttled = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 8; ++i) {
        const auto res = sim.send(order_update_send("+3460000010" + std::to_string(i)));
        REQUIRE(res);
        if (res->status == 200) {
            ++accepted;
        } else {
            CHECK(res->status == 429);
            CHECK(json::parse(res->body)["error"]["code"] == 130429);
            ++throttled;
        }
    }
    // The bucket of five lets five through, and one more for each 200 ms the loop took (a token
    // refills every 200 ms at 5/s; a loaded machine makes the loop slower).
    const auto took = std::chrono::steady_clock::now() - start;
    const int refilled = static_cast<int>(took / 200ms);
    INFO("the eight sends took "
         << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms");
    CHECK(accepted >= 5);
    CHECK(accepted <= 5 + refilled);
    CHECK(throttled == 8 - accepted);
    CHECK(sim.sends().size() == static_cast<std::size_t>(accepted));
}

TEST_CASE("the throughput bucket refills at the configured rate", "[metasim][limits]") {
    ThroughputLimiter limiter;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 10; ++i) {
        CHECK(limiter.try_acquire(10, start));
    }
    CHECK_FALSE(limiter.try_acquire(10, start));
    CHECK(limiter.try_acquire(10, start + 100ms)); // one token per 100 ms at 10/s
    CHECK_FALSE(limiter.try_acquire(10, start + 110ms));
}

TEST_CASE("a second send to the same customer within the pair rate gets 131056",
          "[metasim][limits]") {
    SimFixture sim([](SimOptions& options) { options.config.pair_rate_seconds = 2; });
    const auto first = sim.send(order_update_send("+34600000001"));
    REQUIRE(first);
    CHECK(first->status == 200);
    const auto again = sim.send(order_update_send("+34600000001"));
    REQUIRE(again);
    CHECK(again->status == 400);
    CHECK(json::parse(again->body)["error"]["code"] == 131056);
    // Another customer is not affected, and the same customer may be written to later.
    const auto other = sim.send(order_update_send("+34600000002"));
    REQUIRE(other);
    CHECK(other->status == 200);
    std::this_thread::sleep_for(2100ms);
    const auto later = sim.send(order_update_send("+34600000001"));
    REQUIRE(later);
    CHECK(later->status == 200);
    CHECK(sim.sends().size() == 3);
}

TEST_CASE("the pair rate applies to the canonical wa_id, not the spelling sent",
          "[metasim][limits]") {
    SimFixture sim([](SimOptions& options) { options.config.pair_rate_seconds = 5; });
    REQUIRE(sim.send(order_update_send("+52 55 1234 5678"))->status == 200);
    const auto same_customer = sim.send(order_update_send("+5215512345678"));
    REQUIRE(same_customer);
    CHECK(json::parse(same_customer->body)["error"]["code"] == 131056);
}
