// Loading the routing input and writing its assignments.
#include "server/routing/routing_pass.hpp"

#include "server/store/conversations_store.hpp"

#include <map>
#include <string>

namespace waconsole::routing {
namespace {

void read_queue(Statement& query, std::vector<QueuedConversation>& into) {
    while (query.step()) {
        into.push_back({query.get_int(0), query.get_int(1), query.get_int(2)});
    }
    query.reset();
}

} // namespace

RoutingInput load_routing_input(Connection& db) {
    RoutingInput input;
    std::map<std::int64_t, std::size_t> index;
    {
        auto agents = db.prepare(
            "SELECT id, free, idle_since_ms FROM (SELECT u.id AS id, u.max_concurrent_chats - "
            "(SELECT COUNT(*) FROM conversations c WHERE c.agent_id = u.id AND c.state IN "
            "('waiting', 'active')) AS free, MAX(u.presence_since * 1000, u.last_assigned_at) AS "
            "idle_since_ms FROM users u WHERE u.presence = 'ready' AND u.disabled_at IS NULL) "
            "WHERE free > 0 ORDER BY id");
        while (agents.step()) {
            AgentSlot slot;
            slot.id = agents.get_int(0);
            slot.free_capacity = static_cast<int>(agents.get_int(1));
            slot.idle_since_ms = agents.get_int(2);
            index[slot.id] = input.agents.size();
            input.agents.push_back(std::move(slot));
        }
    }
    if (input.agents.empty()) {
        return input;
    }
    std::map<std::int64_t, std::int64_t> free_by_skillset;
    {
        auto skills = db.prepare("SELECT user_id, skillset_id FROM user_skillsets");
        while (skills.step()) {
            if (const auto it = index.find(skills.get_int(0)); it != index.end()) {
                auto& agent = input.agents[it->second];
                agent.skillsets.push_back(skills.get_int(1));
                free_by_skillset[skills.get_int(1)] += agent.free_capacity;
            }
        }
    }
    // Only as many heads as the agents could take: the rest of a long queue is not read.
    auto skill_queue = db.prepare(
        "SELECT id, queue_priority, COALESCE(queued_at, 0) FROM conversations "
        "WHERE state = 'waiting' AND agent_id IS NULL AND reserved_for_user_id IS NULL AND "
        "skillset_id = ? ORDER BY queue_priority DESC, queued_at, id LIMIT ?");
    for (const auto& [skillset, free] : free_by_skillset) {
        skill_queue.bind(1, skillset).bind(2, free);
        read_queue(skill_queue, input.queues.by_skillset[skillset]);
    }
    auto personal_queue =
        db.prepare("SELECT id, queue_priority, COALESCE(queued_at, 0) FROM conversations "
                   "WHERE state = 'waiting' AND agent_id IS NULL AND reserved_for_user_id = ? "
                   "ORDER BY queue_priority DESC, queued_at, id LIMIT ?");
    for (const auto& agent : input.agents) {
        personal_queue.bind(1, agent.id).bind(2, agent.free_capacity);
        std::vector<QueuedConversation> items;
        read_queue(personal_queue, items);
        if (!items.empty()) {
            input.queues.by_user[agent.id] = std::move(items);
        }
    }
    return input;
}

std::vector<Assignment> run_routing_pass(Connection& db, std::int64_t now_ms) {
    auto input = load_routing_input(db);
    if (input.agents.empty()) {
        return {};
    }
    auto assignments = match(std::move(input.agents), input.queues);
    if (assignments.empty()) {
        return assignments;
    }
    std::map<std::int64_t, std::string> licences;
    {
        auto query = db.prepare("SELECT id, licence_type FROM users WHERE presence = 'ready'");
        while (query.step()) {
            licences[query.get_int(0)] = query.get_text(1);
        }
    }
    AssignmentWriter writer(db);
    std::vector<Assignment> made;
    made.reserve(assignments.size());
    // Each assignment a millisecond apart, so idle order survives ties within one pass.
    std::int64_t at_ms = now_ms;
    for (const auto& assignment : assignments) {
        if (writer.assign(assignment.conversation_id, assignment.agent_id,
                          licences[assignment.agent_id], at_ms)) {
            made.push_back(assignment);
            ++at_ms;
        }
    }
    return made;
}

} // namespace waconsole::routing
