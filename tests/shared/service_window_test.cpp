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

TEST_CASE("the window's status says how long it stays open, in whole minutes") {
    const std::int64_t now = 1'800'000'000;
    const auto text = [now](std::optional<std::int64_t> last) {
        return window_status_text(last, now);
    };
    CHECK(text(now) == "Open · 24 h 0 m left");
    CHECK(text(now - (20 * 3600 + 48 * 60)) == "Open · 3 h 12 m left");
    CHECK(text(now - (20 * 3600 + 48 * 60 + 59)) == "Open · 3 h 11 m left");
    CHECK(text(now - kServiceWindowSeconds + 12 * 60) == "Open · 12 m left");
    CHECK(text(now - kServiceWindowSeconds + 59) == "Open · under a minute left");
    CHECK(text(now - kServiceWindowSeconds) == "Closed");
    CHECK(text(std::nullopt) == "Closed");
}
