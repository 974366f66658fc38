#include "center_fixture.hpp"
#include "query_plans.hpp"
#include "server/center/agent_desk.hpp"
#include "server/center/transfers.hpp"
#include "server/clock.hpp"
#include "server/store/settings_store.hpp"
#include "shared/service_window.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <thread>

using namespace waconsole;
using waconsole::testing::CenterFixture;

namespace {

constexpr std::int64_t kNowMs = 1'800'000'000'000;
constexpr std::int64_t kNow = kNowMs / 1000;

std::string agent_of(std::int64_t conversation) {
    return "SELECT agent_id FROM conversations WHERE id = " + std::to_string(conversation);
}

std::int64_t system_now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// What the engine's own thread assigned and when (epoch ms), as its listener saw it. Stops the
// engine when it goes, so the listener never outlives it.
class EngineWatch {
public:
    struct Seen {
        std::int64_t agent_id = 0;
        std::int64_t at_ms = 0;
    };

    explicit EngineWatch(CenterFixture& center) : m_center(center) {
        center.services().center.routing.set_assignment_listener(
            [this](const std::vector<routing::Assignment>& made) {
                const auto at = system_now_ms();
                std::lock_guard lock(m_mutex);
                for (const auto& assignment : made) {
                    m_made.emplace_back(assignment.conversation_id, Seen{assignment.agent_id, at});
                }
                m_changed.notify_all();
            });
    }
    ~EngineWatch() { m_center.services().center.routing.stop(); }
    EngineWatch(const EngineWatch&) = delete;
    EngineWatch& operator=(const EngineWatch&) = delete;

    void start() { m_center.services().center.routing.start(m_center.services()); }

    // The first assignment of `conversation`, waiting for it up to `timeout`.
    std::optional<Seen> assignment_of(std::int64_t conversation,
                                      std::chrono::seconds timeout = std::chrono::seconds(10)) {
        std::unique_lock lock(m_mutex);
        std::optional<Seen> seen;
        m_changed.wait_for(lock, timeout, [&] {
            for (const auto& [id, made] : m_made) {
                if (id == conversation) {
                    seen = made;
                    return true;
                }
            }
            return false;
        });
        return seen;
    }

    std::size_t assignments() {
        std::lock_guard lock(m_mutex);
        return m_made.size();
    }

private:
    CenterFixture& m_center;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<std::pair<std::int64_t, Seen>> m_made;
};

// Polls the database until `sql` gives `expected` or ten seconds pass.
bool eventually_equals(CenterFixture& center, const std::string& sql, std::int64_t expected) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        if (center.scalar(sql) == expected) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return center.scalar(sql) == expected;
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

TEST_CASE("ended windows are found on the bot-window index, also for a conversation without a "
          "customer message, never by reading the closed conversations") {
    CenterFixture center;
    const auto silent = center.bot_conversation(center.customer("+34600000001"), kNow - 10);
    // Started long ago, written to lately: its window is the last message's.
    const auto talking = center.bot_conversation(center.customer("+34600000002"), kNow - 100);
    {
        auto db = center.db();
        db->exec("UPDATE conversations SET last_customer_message_at = NULL, started_at = " +
                 std::to_string(kNow - kServiceWindowSeconds - 5) +
                 " WHERE id = " + std::to_string(silent));
        db->exec("UPDATE conversations SET started_at = " +
                 std::to_string(kNow - 2 * kServiceWindowSeconds) +
                 " WHERE id = " + std::to_string(talking));
    }
    auto db = center.db();
    int closed = 0;
    const auto statements = waconsole::testing::statements_run(
        *db, [&] { closed = close_expired_bot_conversations(*db, kNow, kServiceWindowSeconds); });
    CHECK(closed == 1);
    CHECK(center.scalar("SELECT COUNT(*) FROM conversations WHERE id = " + std::to_string(talking) +
                        " AND state = 'bot'") == 1);
    CHECK(center.scalar("SELECT closed_at FROM conversations WHERE id = " + std::to_string(silent) +
                        " AND close_reason = 'window_expired'") == kNow - 5);
    int updates = 0;
    for (const auto& sql : statements) {
        if (sql.rfind("UPDATE", 0) != 0) {
            continue;
        }
        ++updates;
        const auto plan = waconsole::testing::query_plan(*db, sql);
        INFO(sql << "\n" << plan);
        CHECK(plan.find("USING INDEX conversations_bot_window") != std::string::npos);
    }
    CHECK(updates > 0);
}

TEST_CASE("a window that closes a bot conversation tells consoles `unmanaged` alone, so Active and "
          "Waiting fetch nothing, and an assignment tells `conversations`") {
    CenterFixture center;
    auto& changes = center.services().changes;
    const auto changed_since = [&](std::uint64_t version) {
        std::vector<std::string> names;
        for (const Topic topic : changes.since(changes.run(), version).changed) {
            names.emplace_back(to_string(topic));
        }
        return names;
    };
    center.bot_conversation(center.customer("+34600000001"), kNow - kServiceWindowSeconds - 1);
    auto version = changes.since(changes.run(), 0).version;
    REQUIRE(center.cycle(kNowMs).windows_closed == 1);
    CHECK(changed_since(version) == std::vector<std::string>{"unmanaged"});

    const auto sales = center.skillset("Sales");
    center.agent("Ana", {sales});
    center.waiting(sales, kNow - 10);
    version = changes.since(changes.run(), 0).version;
    REQUIRE(center.cycle(kNowMs).assignments.size() == 1);
    CHECK(changed_since(version) == std::vector<std::string>{"conversations", "team"});
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

TEST_CASE("on its own thread, the engine falls an exclusive reservation back to its skillset "
          "when the timeout ends and assigns it with no other event") {
    CenterFixture center;
    const auto sales = center.skillset("Sales", 1);
    const auto colleague = center.agent("Colleague", {sales}, 2, "ready");
    const auto target = center.agent("Target", {sales}, 1, "away");
    {
        auto db = center.db();
        BotSettings settings;
        settings.exclusive_timeout_seconds = 1;
        save_bot_settings(*db, settings, now_seconds());
    }
    const auto conversation = center.waiting(sales, now_seconds() - 30);
    TransferRequest request;
    request.conversation_id = conversation;
    request.to_user_id = target;
    request.mode = TransferMode::exclusive;
    const auto transferred_at = now_seconds();
    REQUIRE(std::holds_alternative<TransferDone>(
        transfer_conversation(center.services(), request, transferred_at)));
    REQUIRE(center.scalar("SELECT exclusive_until FROM conversations WHERE id = " +
                          std::to_string(conversation)) == transferred_at + 1);

    // The engine's first cycle sees the reservation (the colleague may not take it); only its
    // timer can move the conversation after that.
    EngineWatch watch(center);
    watch.start();
    const auto seen = watch.assignment_of(conversation);
    REQUIRE(seen);
    CHECK(seen->agent_id == colleague);
    CHECK(seen->at_ms >= (transferred_at + 1) * 1000);
    CHECK(watch.assignments() == 1);
    CHECK(center.scalar(agent_of(conversation)) == colleague);
    CHECK(center.scalar(
              "SELECT COUNT(*) FROM conversations WHERE id = " + std::to_string(conversation) +
              " AND reserved_for_user_id IS NULL AND exclusive_until IS NULL AND "
              "skillset_id = " +
              std::to_string(sales)) == 1);
}

TEST_CASE("on its own thread, the engine's timer closes an unmanaged conversation when its "
          "window ends, and only that one") {
    CenterFixture center;
    EngineWatch watch(center);
    watch.start(); // nothing to do yet: it sleeps with no timer
    const auto now = now_seconds();
    const auto ending =
        center.bot_conversation(center.customer("+34600000011"), now - kServiceWindowSeconds + 1);
    const auto open = center.bot_conversation(center.customer("+34600000012"), now - 60);
    // As the webhook does after storing a customer's message: a new window to time.
    center.services().center.routing.notify();
    const auto ending_closed =
        "SELECT COUNT(*) FROM conversations WHERE id = " + std::to_string(ending) +
        " AND state = 'closed' AND close_reason = 'window_expired'";
    REQUIRE(eventually_equals(center, ending_closed, 1));
    CHECK(center.scalar("SELECT closed_at FROM conversations WHERE id = " +
                        std::to_string(ending)) == now + 1);
    CHECK(center.scalar("SELECT COUNT(*) FROM conversations WHERE id = " + std::to_string(open) +
                        " AND state = 'bot' AND closed_at IS NULL") == 1);
}

TEST_CASE("on its own thread, the engine gives the next waiting conversation to an agent as soon "
          "as closing one frees capacity") {
    CenterFixture center;
    const auto sales = center.skillset("Sales", 1);
    const auto agent = center.agent("Solo", {sales}, 1, "offline");
    const auto first = center.waiting(sales, now_seconds() - 60);
    const auto second = center.waiting(sales, now_seconds() - 30);
    EngineWatch watch(center);
    watch.start();
    REQUIRE(std::holds_alternative<nlohmann::json>(
        set_agent_presence(center.services(), agent, "ready")));
    const auto took_first = watch.assignment_of(first);
    REQUIRE(took_first);
    CHECK(took_first->agent_id == agent);
    REQUIRE(std::holds_alternative<nlohmann::json>(
        accept_conversation(center.services(), agent, first)));
    // At capacity: the second waits (no timer is pending, so nothing else would move it).
    CHECK_FALSE(center.optional_scalar(agent_of(second)));
    REQUIRE(std::holds_alternative<nlohmann::json>(
        close_agent_conversation(center.services(), agent, first, "resolved")));
    const auto took_second = watch.assignment_of(second);
    REQUIRE(took_second);
    CHECK(took_second->agent_id == agent);
    CHECK(center.scalar(agent_of(second)) == agent);
    CHECK(watch.assignments() == 2);
}
