#include "server/routing/matcher.hpp"

#include <catch2/catch.hpp>

using namespace waconsole::routing;

namespace {

std::vector<QueuedConversation> queue_of(std::initializer_list<std::int64_t> ids) {
    std::vector<QueuedConversation> queue;
    std::int64_t at = 100;
    for (const auto id : ids) {
        queue.push_back({id, 0, at++});
    }
    return queue;
}

} // namespace

TEST_CASE("queue order: higher priority first, then queued earlier, then lower id") {
    CHECK(comes_first({1, 5, 900}, {2, 0, 100}));
    CHECK(comes_first({1, 0, 100}, {2, 0, 200}));
    CHECK(comes_first({1, 0, 100}, {2, 0, 100}));
    CHECK_FALSE(comes_first({2, 0, 100}, {1, 0, 100}));
}

TEST_CASE("the agent idle longest gets the conversation that waited longest") {
    Queues queues;
    queues.by_skillset[1] = queue_of({10, 11});
    const auto made = match({{1, 1, 5000, {1}}, {2, 1, 1000, {1}}}, queues);
    REQUIRE(made.size() == 2);
    CHECK(made[0].agent_id == 2);
    CHECK(made[0].conversation_id == 10);
    CHECK(made[1].agent_id == 1);
    CHECK(made[1].conversation_id == 11);
}

TEST_CASE("equally idle agents: the one whose next conversation waited longest goes first") {
    Queues queues;
    queues.by_skillset[1] = {{20, 0, 300}};
    queues.by_skillset[2] = {{21, 0, 200}};
    const auto made = match({{1, 1, 1000, {1}}, {2, 1, 1000, {2}}}, queues);
    REQUIRE(made.size() == 2);
    CHECK(made[0].agent_id == 2);
    CHECK(made[0].conversation_id == 21);
}

TEST_CASE("an agent never gets more than its free capacity, and only its skillsets") {
    Queues queues;
    queues.by_skillset[1] = queue_of({1, 2, 3, 4, 5});
    queues.by_skillset[2] = queue_of({6});
    const auto made = match({{7, 2, 0, {1}}, {8, 0, 0, {1, 2}}}, queues);
    REQUIRE(made.size() == 2);
    for (const auto& assignment : made) {
        CHECK(assignment.agent_id == 7);
        CHECK(assignment.conversation_id != 6);
    }
}

TEST_CASE("within a pass agents take turns instead of one filling up first") {
    Queues queues;
    queues.by_skillset[1] = queue_of({1, 2, 3, 4});
    const auto made = match({{1, 3, 0, {1}}, {2, 3, 0, {1}}}, queues);
    REQUIRE(made.size() == 4);
    CHECK(made[0].agent_id == 1);
    CHECK(made[1].agent_id == 2);
    CHECK(made[2].agent_id == 1);
    CHECK(made[3].agent_id == 2);
}

TEST_CASE("a higher queue priority is served first, and a personal queue before the skillsets") {
    Queues queues;
    queues.by_skillset[1] = {{2, 5, 900}, {1, 0, 100}}; // in queue order, as loaded
    queues.by_user[9] = {{3, 0, 999}};
    auto made = match({{9, 2, 0, {1}}}, queues);
    REQUIRE(made.size() == 2);
    CHECK(made[0].conversation_id == 3);
    CHECK(made[1].conversation_id == 2);
    // Nobody else takes what is reserved for agent 9.
    made = match({{4, 5, 0, {1}}}, queues);
    CHECK(made.size() == 2);
    for (const auto& assignment : made) {
        CHECK(assignment.conversation_id != 3);
    }
}
