// The routing property: whatever happens, after the engine's cycle no conversation waits in a
// queue while a ready agent with its skillset (or, for a reservation, the reserved agent) has
// free capacity, and routing never gives an agent more than its capacity.
#include "center_fixture.hpp"
#include "server/center/agent_desk.hpp"
#include "server/center/transfers.hpp"

#include <catch2/catch.hpp>
#include <random>

using namespace waconsole;
using waconsole::testing::CenterFixture;

namespace {

// Conversations waiting unassigned although an agent who may take them has room.
std::int64_t stranded(CenterFixture& center) {
    return center.scalar(
        "SELECT COUNT(*) FROM conversations c WHERE c.state = 'waiting' AND c.agent_id IS NULL "
        "AND EXISTS (SELECT 1 FROM users u WHERE u.presence = 'ready' AND u.disabled_at IS NULL "
        " AND u.max_concurrent_chats > (SELECT COUNT(*) FROM conversations x WHERE x.agent_id = "
        " u.id AND x.state IN ('waiting', 'active')) AND (CASE WHEN c.reserved_for_user_id IS "
        " NOT NULL THEN u.id = c.reserved_for_user_id ELSE EXISTS (SELECT 1 FROM user_skillsets "
        " us WHERE us.user_id = u.id AND us.skillset_id = c.skillset_id) END))");
}

std::int64_t over_capacity(CenterFixture& center) {
    return center.scalar("SELECT COUNT(*) FROM users u WHERE u.max_concurrent_chats < (SELECT "
                         "COUNT(*) FROM conversations x WHERE x.agent_id = u.id AND x.state IN "
                         "('waiting', 'active'))");
}

} // namespace

TEST_CASE("random event sequences never strand a conversation or exceed a capacity") {
    const auto seed = GENERATE(1u, 2u, 3u, 4u, 5u);
    INFO("seed " << seed);
    std::mt19937 random(seed);
    auto below = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    CenterFixture center;
    std::vector<std::int64_t> skillsets;
    for (int i = 0; i < 3; ++i) {
        skillsets.push_back(center.skillset("S" + std::to_string(i), i + 1));
    }
    std::vector<std::int64_t> agents;
    for (int i = 0; i < 6; ++i) {
        std::vector<std::int64_t> skills;
        for (const auto s : skillsets) {
            if (below(2) == 0) {
                skills.push_back(s);
            }
        }
        agents.push_back(
            center.agent("A" + std::to_string(i), skills, below(4), "offline", i * 1000));
    }
    const char* presences[] = {"ready", "busy", "away", "offline"};
    std::int64_t now = 1'800'000'000;
    for (int step = 0; step < 150; ++step) {
        now += 1 + below(30);
        const auto agent = agents[static_cast<std::size_t>(below(static_cast<int>(agents.size())))];
        switch (below(7)) {
        case 0:
        case 1:
            center.waiting(skillsets[static_cast<std::size_t>(below(3))], now);
            break;
        case 2:
            set_agent_presence(center.services(), agent, presences[below(4)]);
            break;
        case 3: { // an agent closes one of theirs
            const auto mine = center.optional_scalar("SELECT id FROM conversations WHERE state IN "
                                                     "('waiting', 'active') AND agent_id = " +
                                                     std::to_string(agent) + " LIMIT 1");
            if (mine) {
                close_agent_conversation(center.services(), agent, *mine, "Resolved");
            }
            break;
        }
        case 4: { // an agent accepts one of theirs
            const auto mine = center.optional_scalar(
                "SELECT id FROM conversations WHERE state = 'waiting' AND agent_id = " +
                std::to_string(agent) + " LIMIT 1");
            if (mine) {
                accept_conversation(center.services(), agent, *mine);
            }
            break;
        }
        case 5: { // a waiting conversation is transferred (exclusive, or to a skillset)
            const auto waiting = center.optional_scalar(
                "SELECT id FROM conversations WHERE state = 'waiting' ORDER BY random() LIMIT 1");
            if (waiting) {
                TransferRequest request;
                request.conversation_id = *waiting;
                request.mode = below(2) ? TransferMode::immediate : TransferMode::exclusive;
                if (below(2)) {
                    request.to_skillset_id = skillsets[static_cast<std::size_t>(below(3))];
                } else {
                    request.to_user_id = agent;
                    request.mode = TransferMode::exclusive; // immediate may exceed on purpose
                }
                transfer_conversation(center.services(), request, now);
            }
            break;
        }
        case 6: { // capacity changes
            auto db = center.db();
            db->exec("UPDATE users SET max_concurrent_chats = " + std::to_string(below(4)) +
                     " WHERE id = " + std::to_string(agent));
            // A lowered capacity is not exceeded by routing; what the agent already has stays.
            db->exec("UPDATE users SET max_concurrent_chats = MAX(max_concurrent_chats, (SELECT "
                     "COUNT(*) FROM conversations x WHERE x.agent_id = users.id AND x.state IN "
                     "('waiting', 'active'))) WHERE id = " +
                     std::to_string(agent));
            break;
        }
        }
        center.cycle(now * 1000);
        INFO("step " << step);
        REQUIRE(stranded(center) == 0);
        REQUIRE(over_capacity(center) == 0);
    }
    CHECK(center.scalar("SELECT COUNT(*) FROM conversations WHERE agent_id IS NOT NULL") > 0);
}
