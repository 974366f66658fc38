#include "center_fixture.hpp"
#include "server/center/transfers.hpp"
#include "server/store/settings_store.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using waconsole::testing::CenterFixture;

namespace {

constexpr std::int64_t kNow = 1'800'000'000;

std::variant<TransferDone, ApiError> transfer(CenterFixture& center, std::int64_t conversation,
                                              std::optional<std::int64_t> user,
                                              std::optional<std::int64_t> skillset,
                                              TransferMode mode, std::int64_t now = kNow) {
    TransferRequest request;
    request.conversation_id = conversation;
    request.to_user_id = user;
    request.to_skillset_id = skillset;
    request.mode = mode;
    return transfer_conversation(center.services(), request, now);
}

std::string column(const char* name, std::int64_t conversation) {
    return std::string("SELECT ") + name +
           " FROM conversations WHERE id = " + std::to_string(conversation);
}

void set_exclusive_timeout(CenterFixture& center, std::int64_t seconds) {
    auto db = center.db();
    BotSettings settings;
    settings.exclusive_timeout_seconds = seconds;
    save_bot_settings(*db, settings, kNow);
}

} // namespace

TEST_CASE("immediate to a user: that user has it at once, past their capacity, and it is "
          "recorded") {
    CenterFixture center;
    const auto sales = center.skillset("Sales", 1);
    const auto full = center.agent("Full", {sales}, 0, "busy");
    const auto conversation = center.waiting(sales, kNow - 60);
    const auto result = transfer(center, conversation, full, std::nullopt, TransferMode::immediate);
    REQUIRE(std::holds_alternative<TransferDone>(result));
    CHECK(center.scalar(column("agent_id", conversation)) == full);
    CHECK(center.scalar("SELECT COUNT(*) FROM transfers WHERE conversation_id = " +
                        std::to_string(conversation) +
                        " AND to_user_id IS NOT NULL AND mode = 'immediate' AND "
                        "from_skillset_id = " +
                        std::to_string(sales)) == 1);
}

TEST_CASE("immediate to an offline user is refused naming to_user_id, and nothing changes") {
    CenterFixture center;
    const auto sales = center.skillset("Sales", 1);
    const auto away = center.agent("Gone", {sales}, 3, "offline");
    const auto conversation = center.waiting(sales, kNow - 60);
    const auto result = transfer(center, conversation, away, std::nullopt, TransferMode::immediate);
    REQUIRE(std::holds_alternative<ApiError>(result));
    CHECK(std::get<ApiError>(result).http_status == 422);
    CHECK(std::get<ApiError>(result).fields.at(0).field == "to_user_id");
    CHECK(center.scalar("SELECT COUNT(*) FROM transfers") == 0);
}

TEST_CASE("exclusive to a user waits only for that user") {
    CenterFixture center;
    const auto sales = center.skillset("Sales", 1);
    center.agent("Ready colleague", {sales}, 5, "ready");
    const auto target = center.agent("Target", {sales}, 1, "away");
    const auto conversation = center.waiting(sales, kNow - 60);
    const auto result =
        transfer(center, conversation, target, std::nullopt, TransferMode::exclusive);
    REQUIRE(std::holds_alternative<TransferDone>(result));
    center.cycle(kNow * 1000);
    CHECK_FALSE(center.optional_scalar(column("agent_id", conversation)));
    CHECK(center.scalar(column("reserved_for_user_id", conversation)) == target);
    {
        auto db = center.db();
        db->exec("UPDATE users SET presence = 'ready' WHERE id = " + std::to_string(target));
    }
    center.cycle(kNow * 1000 + 1);
    CHECK(center.scalar(column("agent_id", conversation)) == target);
}

TEST_CASE("an exclusive reservation falls back to its skillset queue after the timeout, only "
          "when one is set") {
    CenterFixture center;
    const auto sales = center.skillset("Sales", 1);
    const auto colleague = center.agent("Colleague", {sales}, 5, "ready");
    const auto target = center.agent("Target", {sales}, 1, "away");
    const auto kept = center.waiting(sales, kNow - 60);
    REQUIRE(std::holds_alternative<TransferDone>(
        transfer(center, kept, target, std::nullopt, TransferMode::exclusive)));
    CHECK_FALSE(center.optional_scalar(column("exclusive_until", kept)));

    set_exclusive_timeout(center, 300);
    const auto falls_back = center.waiting(sales, kNow - 50);
    REQUIRE(std::holds_alternative<TransferDone>(
        transfer(center, falls_back, target, std::nullopt, TransferMode::exclusive)));
    CHECK(center.scalar(column("exclusive_until", falls_back)) == kNow + 300);
    const auto before = center.cycle((kNow + 299) * 1000);
    CHECK(before.reservations_expired == 0);
    CHECK(before.next_deadline == kNow + 300);
    const auto after = center.cycle((kNow + 300) * 1000);
    CHECK(after.reservations_expired == 1);
    CHECK(center.scalar(column("agent_id", falls_back)) == colleague);
    CHECK(center.scalar(column("reserved_for_user_id", kept)) == target);
    CHECK_FALSE(center.optional_scalar(column("agent_id", kept)));
}

TEST_CASE("immediate to a skillset puts it at the head of that queue") {
    CenterFixture center;
    const auto sales = center.skillset("Sales", 1);
    const auto support = center.skillset("Support", 2);
    const auto old_one = center.waiting(support, kNow - 900);
    const auto moved = center.waiting(sales, kNow - 10);
    REQUIRE(std::holds_alternative<TransferDone>(
        transfer(center, moved, std::nullopt, support, TransferMode::immediate)));
    const auto agent = center.agent("Support agent", {support}, 1, "ready");
    center.cycle(kNow * 1000);
    CHECK(center.scalar(column("agent_id", moved)) == agent);
    CHECK_FALSE(center.optional_scalar(column("agent_id", old_one)));
}

TEST_CASE("exclusive to a skillset joins its queue for its agents only, and falls back to the "
          "skillset it came from") {
    CenterFixture center;
    set_exclusive_timeout(center, 60);
    const auto sales = center.skillset("Sales", 1);
    const auto support = center.skillset("Support", 2);
    const auto ahead = center.waiting(support, kNow - 900);
    const auto moved = center.waiting(sales, kNow - 2000);
    REQUIRE(std::holds_alternative<TransferDone>(
        transfer(center, moved, std::nullopt, support, TransferMode::exclusive)));
    CHECK(center.scalar(column("skillset_id", moved)) == support);
    CHECK(center.scalar(column("queued_at", moved)) == kNow);
    const auto sales_agent = center.agent("Sales agent", {sales}, 1, "ready");
    center.cycle(kNow * 1000);
    CHECK_FALSE(center.optional_scalar(column("agent_id", moved)));
    center.cycle((kNow + 60) * 1000);
    CHECK(center.scalar(column("agent_id", moved)) == sales_agent);
    CHECK_FALSE(center.optional_scalar(column("agent_id", ahead)));
}

TEST_CASE("a closed conversation cannot be transferred: 409 with the reason, nothing recorded") {
    CenterFixture center;
    const auto sales = center.skillset("Sales", 1);
    const auto conversation = center.bot_conversation(center.customer("+34600000009"), kNow);
    {
        auto db = center.db();
        db->exec("UPDATE conversations SET state = 'closed' WHERE id = " +
                 std::to_string(conversation));
    }
    const auto result =
        transfer(center, conversation, std::nullopt, sales, TransferMode::immediate);
    REQUIRE(std::holds_alternative<ApiError>(result));
    CHECK(std::get<ApiError>(result).http_status == 409);
    CHECK(std::get<ApiError>(result).code == "conversation_closed");
    CHECK(std::get<ApiError>(result).message ==
          "this conversation is closed; it cannot be transferred");
    CHECK(center.scalar("SELECT COUNT(*) FROM transfers") == 0);
}

TEST_CASE("an unmanaged conversation transferred to a skillset with nobody logged in waits, "
          "with a warning") {
    CenterFixture center;
    const auto sales = center.skillset("Sales", 1);
    center.agent("Offline", {sales}, 3, "offline");
    const auto conversation = center.bot_conversation(center.customer("+34600000010"), kNow);
    const auto result =
        transfer(center, conversation, std::nullopt, sales, TransferMode::immediate);
    REQUIRE(std::holds_alternative<TransferDone>(result));
    CHECK(std::get<TransferDone>(result).warning == "no agent of Sales is logged in");
    CHECK(center.scalar("SELECT COUNT(*) FROM conversations WHERE state = 'waiting' AND id = " +
                        std::to_string(conversation)) == 1);
}
