// The routing decision, pure: which ready agent gets which waiting conversation. Fair: the agent
// idle longest goes first (ties: the one whose next conversation has waited longest, then the
// lower id); it takes the head of its personal queue (exclusive reservations for it) first,
// else the best head among its skillsets' queues (queue order: priority high first, then
// queued earliest, then id). An agent takes conversations while it has free capacity; one that
// has just been given a conversation goes behind every agent not given one in this pass.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

namespace waconsole::routing {

struct AgentSlot {
    std::int64_t id = 0;
    int free_capacity = 0;
    std::int64_t idle_since_ms = 0;
    std::vector<std::int64_t> skillsets;
};

struct QueuedConversation {
    std::int64_t id = 0;
    std::int64_t priority = 0;
    std::int64_t queued_at = 0;
};

// True when `a` is served before `b`.
bool comes_first(const QueuedConversation& a, const QueuedConversation& b);

struct Queues {
    // Each in queue order (front first).
    std::map<std::int64_t, std::vector<QueuedConversation>> by_skillset;
    std::map<std::int64_t, std::vector<QueuedConversation>> by_user; // personal queues
};

struct Assignment {
    std::int64_t conversation_id = 0;
    std::int64_t agent_id = 0;
};

// Assignments in the order they are made.
std::vector<Assignment> match(std::vector<AgentSlot> agents, const Queues& queues);

} // namespace waconsole::routing
