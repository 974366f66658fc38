#include "shared/conversation_status.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

namespace {

constexpr std::int64_t kNow = 1'800'000'000;

ConversationFacts facts(ConversationState state, std::optional<std::int64_t> last = kNow - 60) {
    ConversationFacts f;
    f.state = state;
    f.last_customer_message_at = last;
    return f;
}

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

TEST_CASE("a waiting conversation is assigned when an agent has it, in an agent's queue when "
          "reserved, else on the waitlist") {
    CHECK(waiting_status(7, std::nullopt) == WaitingStatus::assigned);
    CHECK(waiting_status(7, 9) == WaitingStatus::assigned);
    CHECK(waiting_status(std::nullopt, 9) == WaitingStatus::agent_queue);
    CHECK(waiting_status(std::nullopt, std::nullopt) == WaitingStatus::waitlist);
    CHECK(std::string(to_string(WaitingStatus::agent_queue)) == "agent_queue");
}

TEST_CASE("the status of a conversation follows its state") {
    CHECK(conversation_status(facts(ConversationState::bot), kNow) == "window_open");
    CHECK(conversation_status(facts(ConversationState::bot, kNow - 90000), kNow) == "closed");
    auto waiting = facts(ConversationState::waiting);
    waiting.reserved_for_user_id = 3;
    CHECK(conversation_status(waiting, kNow) == "agent_queue");
    CHECK(conversation_status(facts(ConversationState::active), kNow) == "window_open");
    CHECK(conversation_status(facts(ConversationState::active, kNow - 90000), kNow) ==
          "window_closed");
    CHECK(conversation_status(facts(ConversationState::closed), kNow) == "closed");
}

TEST_CASE("only unmanaged conversations inside the window and waiting ones can be transferred") {
    struct Case {
        ConversationFacts facts;
        std::optional<std::string> refusal;
    };
    const Case cases[] = {
        {facts(ConversationState::bot), std::nullopt},
        {facts(ConversationState::bot, kNow - 86400), std::string(kClosedTransferRefusal)},
        {facts(ConversationState::waiting, kNow - 200000), std::nullopt},
        {facts(ConversationState::active), std::string(kActiveTransferRefusal)},
        {facts(ConversationState::closed), std::string(kClosedTransferRefusal)},
    };
    for (const auto& c : cases) {
        CHECK(transfer_refusal(c.facts, kNow) == c.refusal);
    }
    CHECK(std::string(kClosedTransferRefusal) ==
          "this conversation is closed; it cannot be transferred");
}

TEST_CASE("the window ends 24 hours after the customer's last message") {
    CHECK(window_expires_at(kNow) == kNow + 86400);
    CHECK_FALSE(window_expires_at(std::nullopt));
}
