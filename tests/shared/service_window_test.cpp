#include "shared/service_window.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("the service window is open for 24 hours after the customer's last message") {
    const std::int64_t now = 1'800'000'000;
    CHECK(window_state(now, now) == WindowState::open);
    CHECK(window_state(now - kServiceWindowSeconds + 1, now) == WindowState::open);
    CHECK(window_state(now - kServiceWindowSeconds, now) == WindowState::closed);
    CHECK(window_state(std::nullopt, now) == WindowState::closed);
    CHECK(std::string(to_string(WindowState::open)) == "window_open");
    CHECK(std::string(to_string(WindowState::closed)) == "window_closed");
}
