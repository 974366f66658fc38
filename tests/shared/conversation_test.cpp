#include "shared/conversation.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("state, presence and role names round-trip and unknown names are refused") {
    for (const auto state : {ConversationState::bot, ConversationState::waiting,
                             ConversationState::active, ConversationState::closed}) {
        CHECK(conversation_state_from_string(to_string(state)) == state);
    }
    for (const auto presence :
         {Presence::ready, Presence::busy, Presence::away, Presence::offline}) {
        CHECK(presence_from_string(to_string(presence)) == presence);
    }
    CHECK(role_from_string("admin") == Role::admin);
    CHECK_FALSE(conversation_state_from_string("open"));
    CHECK_FALSE(role_from_string("root"));
}
