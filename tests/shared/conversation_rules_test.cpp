#include "shared/conversation_rules.hpp"
#include "shared/customer_identity.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("a waiting conversation's status: assigned, in an agent's queue, or in the waitlist") {
    CHECK(waiting_status(7, std::nullopt) == WaitingStatus::assigned);
    CHECK(waiting_status(7, 7) == WaitingStatus::assigned);
    CHECK(waiting_status(std::nullopt, 7) == WaitingStatus::agent_queue);
    CHECK(waiting_status(std::nullopt, std::nullopt) == WaitingStatus::waitlist);
    CHECK(std::string(to_string(WaitingStatus::agent_queue)) == "agent_queue");
}

TEST_CASE("only unmanaged and waiting conversations can be transferred") {
    CHECK_FALSE(transfer_refusal(ConversationState::bot));
    CHECK_FALSE(transfer_refusal(ConversationState::waiting));
    CHECK(transfer_refusal(ConversationState::closed) ==
          "this conversation is closed; it cannot be transferred");
    CHECK(transfer_refusal(ConversationState::active));
}

TEST_CASE("an agent's close reason is a known reason or agent_closed with the text as a note") {
    CHECK(close_reason_for("customer_left").reason == "customer_left");
    CHECK_FALSE(close_reason_for("customer_left").note);
    const auto free_text = close_reason_for("Resolved: refund sent");
    CHECK(free_text.reason == "agent_closed");
    CHECK(free_text.note == "Resolved: refund sent");
}

TEST_CASE("a customer is looked up by user id, wa_id, phone, parent user id, then username") {
    CustomerIdentity identity;
    identity.username = "ana";
    identity.wa_id = "34600000001";
    identity.user_id = "US.1";
    identity.phone = "+34600000001";
    identity.parent_user_id = "US.P1";
    const auto keys = lookup_keys(identity);
    REQUIRE(keys.size() == 5);
    CHECK(keys[0].first == IdentityKey::user_id);
    CHECK(keys[1].first == IdentityKey::wa_id);
    CHECK(keys[2].first == IdentityKey::phone);
    CHECK(keys[3].first == IdentityKey::parent_user_id);
    CHECK(keys[4].first == IdentityKey::username);
    CustomerIdentity hidden_phone;
    hidden_phone.user_id = "US.2";
    CHECK(lookup_keys(hidden_phone).size() == 1);
    CHECK_FALSE(has_any_key(CustomerIdentity{}));
}

TEST_CASE("a number Meta rewrote is an alias, the same number is not") {
    CHECK(rewritten_number("+5215512345678", "5215512345678") == std::nullopt);
    CHECK(rewritten_number("+525512345678", "5215512345678") == "+525512345678");
    CHECK(rewritten_number("+5511912345678", "551112345678") == "+5511912345678");
    CHECK(phone_of_wa_id("34600000001") == "+34600000001");
    CHECK_FALSE(phone_of_wa_id("US.123"));
}
