#include "shared/conversation_status.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

namespace {

constexpr std::int64_t kNow = 1'800'000'000;

} // namespace

TEST_CASE("an unmanaged conversation is yellow while its window is open and a green tick once "
          "closed or past the window") {
    CHECK(unmanaged_status(ConversationState::bot, kNow - 60, kNow) ==
          UnmanagedStatus::window_open);
    CHECK(unmanaged_status(ConversationState::bot, kNow - 86400, kNow) == UnmanagedStatus::closed);
    CHECK(unmanaged_status(ConversationState::bot, std::nullopt, kNow) == UnmanagedStatus::closed);
    CHECK(unmanaged_status(ConversationState::closed, kNow - 60, kNow) == UnmanagedStatus::closed);
    CHECK(std::string(to_string(UnmanagedStatus::window_open)) == "window_open");
    CHECK(std::string(to_string(UnmanagedStatus::closed)) == "closed");
}
