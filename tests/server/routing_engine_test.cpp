#include "center_fixture.hpp"
#include "server/center/agent_desk.hpp"
#include "server/clock.hpp"
#include "shared/service_window.hpp"

#include <catch2/catch.hpp>
#include <condition_variable>

using namespace waconsole;
using waconsole::testing::CenterFixture;

namespace {

constexpr std::int64_t kNowMs = 1'800'000'000'000;
constexpr std::int64_t kNow = kNowMs / 1000;

std::string agent_of(std::int64_t conversation) {
    return "SELECT agent_id FROM conversations WHERE id = " + std::to_string(conversation);
}

} // namespace

TEST_CASE("a pass assigns by longest idle and queue order, within capacity") {
    CenterFixture center;
    const auto sales = center.skillset("Sales", 1);
    const auto recent = center.agent("Recent", {sales}, 1, "ready", kNowMs - 1000);
    const auto idle = center.agent("Idle", {sales}, 1, "ready", kNowMs - 60'000);
    const auto first = center.waiting(sales, kNow - 300);
    const auto second = center.waiting(sales, kNow - 200);
    const auto third = center.waiting(sales, kNow - 100);
    const auto result = center.cycle(kNowMs);
    CHECK(result.assignments.size() == 2);
    CHECK(center.scalar(agent_of(first)) == idle);
    CHECK(center.scalar(agent_of(second)) == recent);
    CHECK_FALSE(center.optional_scalar(agent_of(third)));
    CHECK(center.scalar("SELECT handled FROM conversations WHERE id = " + std::to_string(first)) ==
          1);
}

TEST_CASE("agents who are not ready, disabled or without the skillset get nothing") {
    CenterFixture center;
    const auto sales = center.skillset("Sales", 1);
    const auto support = center.skillset("Support", 2);
    center.agent("Away", {sales}, 3, "away");
    center.agent("Busy", {sales}, 3, "busy");
    center.agent("Offline", {sales}, 3, "offline");
    center.agent("Other skill", {support}, 3, "ready");
    const auto disabled = center.agent("Disabled", {sales}, 3, "ready");
    {
        auto db = center.db();
        db->exec("UPDATE users SET disabled_at = 1 WHERE id = " + std::to_string(disabled));
    }
    center.waiting(sales, kNow - 10);
    CHECK(center.cycle(kNowMs).assignments.empty());
}

TEST_CASE("a conversation whose agent goes offline returns to the head of its queue") {
    CenterFixture center;
    const auto sales = center.skillset("Sales", 1);
    const auto leaving = center.agent("Leaving", {sales}, 1, "ready", 1);
    const auto taken = center.waiting(sales, kNow - 500);
    center.cycle(kNowMs);
    REQUIRE(center.scalar(agent_of(taken)) == leaving);
    const auto older = center.waiting(sales, kNow - 900); // queued earlier, but not at the head
    REQUIRE(std::holds_alternative<nlohmann::json>(
        set_agent_presence(center.services(), leaving, "offline")));
    CHECK_FALSE(center.optional_scalar(agent_of(taken)));
    const auto next = center.agent("Next", {sales}, 1, "ready", 2);
    center.cycle(kNowMs + 1000);
    CHECK(center.scalar(agent_of(taken)) == next);
    CHECK_FALSE(center.optional_scalar(agent_of(older)));
}

TEST_CASE("an active conversation of an agent going offline goes back to waiting too") {
    CenterFixture center;
    const auto sales = center.skillset("Sales", 1);
    const auto agent = center.agent("Agent", {sales}, 1);
    const auto conversation = center.waiting(sales, kNow - 5);
    center.cycle(kNowMs);
    REQUIRE(std::holds_alternative<nlohmann::json>(
        accept_conversation(center.services(), agent, conversation)));
    REQUIRE(center.scalar("SELECT COUNT(*) FROM conversations WHERE state = 'active'") == 1);
    set_agent_presence(center.services(), agent, "offline");
    CHECK(center.scalar("SELECT COUNT(*) FROM conversations WHERE state = 'waiting' AND agent_id "
                        "IS NULL") == 1);
}

TEST_CASE("an unmanaged conversation is closed when its window ends, and the engine knows when "
          "the next one ends") {
    CenterFixture center;
    const auto customer = center.customer("+34600000001");
    const auto other = center.customer("+34600000002");
    const auto overdue = center.bot_conversation(customer, kNow - kServiceWindowSeconds - 1);
    const auto open = center.bot_conversation(other, kNow - 100);
    const auto result = center.cycle(kNowMs);
    CHECK(result.windows_closed == 1);
    CHECK(center.scalar("SELECT COUNT(*) FROM conversations WHERE id = " + std::to_string(overdue) +
                        " AND state = 'closed' AND close_reason = 'window_expired' AND closed_at "
                        "= " +
                        std::to_string(kNow - 1)) == 1);
    REQUIRE(result.next_deadline);
    CHECK(*result.next_deadline == kNow - 100 + kServiceWindowSeconds);
    CHECK(center.cycle((*result.next_deadline - 1) * 1000).windows_closed == 0);
    CHECK(center.cycle(*result.next_deadline * 1000).windows_closed == 1);
    CHECK(center.scalar("SELECT COUNT(*) FROM conversations WHERE id = " + std::to_string(open) +
                        " AND state = 'closed'") == 1);
}

TEST_CASE("started, the engine closes what became overdue while it was down and assigns on "
          "notify without polling") {
    CenterFixture center;
    const auto sales = center.skillset("Sales", 1);
    const auto overdue = center.bot_conversation(center.customer("+34600000003"),
                                                 now_seconds() - kServiceWindowSeconds - 60);
    const auto conversation = center.waiting(sales, now_seconds());
    std::mutex mutex;
    std::condition_variable assigned;
    int assignments = 0;
    center.services().center.routing.set_assignment_listener(
        [&](const std::vector<routing::Assignment>& made) {
            std::lock_guard lock(mutex);
            assignments += static_cast<int>(made.size());
            assigned.notify_all();
        });
    center.services().center.routing.start(center.services());
    CHECK(center.scalar("SELECT COUNT(*) FROM conversations WHERE id = " + std::to_string(overdue) +
                        " AND state = 'closed'") == 1);
    // No agent yet: the conversation waits. An agent getting ready is the event that routes it.
    const auto agent = center.agent("Late", {sales}, 1, "offline");
    set_agent_presence(center.services(), agent, "ready");
    std::unique_lock lock(mutex);
    CHECK(assigned.wait_for(lock, std::chrono::seconds(5), [&] { return assignments == 1; }));
    CHECK(center.scalar(agent_of(conversation)) == agent);
}
