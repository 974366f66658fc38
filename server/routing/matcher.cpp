// Longest idle first, one conversation at a time, until no agent can take one.
#include "server/routing/matcher.hpp"

#include <optional>
#include <tuple>

namespace waconsole::routing {
namespace {

// A queue being consumed: its conversations and how many are taken.
struct Cursor {
    const std::vector<QueuedConversation>* items = nullptr;
    std::size_t next = 0;
    const QueuedConversation* head() const {
        return items && next < items->size() ? &(*items)[next] : nullptr;
    }
};

struct Candidate {
    Cursor* cursor = nullptr;
    const QueuedConversation* conversation = nullptr;
};

struct AgentState {
    AgentSlot slot;
    std::uint64_t given_in_pass = 0; // 0: none yet; else the order of its last assignment
    Cursor* personal = nullptr;
    std::vector<Cursor*> skill_queues;
};

Candidate best_for(const AgentState& agent) {
    if (agent.personal && agent.personal->head()) {
        return {agent.personal, agent.personal->head()};
    }
    Candidate best;
    for (auto* cursor : agent.skill_queues) {
        const auto* head = cursor->head();
        if (head && (!best.conversation || comes_first(*head, *best.conversation))) {
            best = {cursor, head};
        }
    }
    return best;
}

} // namespace

bool comes_first(const QueuedConversation& a, const QueuedConversation& b) {
    return std::make_tuple(-a.priority, a.queued_at, a.id) <
           std::make_tuple(-b.priority, b.queued_at, b.id);
}

std::vector<Assignment> match(std::vector<AgentSlot> agents, const Queues& queues) {
    std::map<std::int64_t, Cursor> skill_cursors;
    std::map<std::int64_t, Cursor> user_cursors;
    for (const auto& [skillset, items] : queues.by_skillset) {
        skill_cursors[skillset].items = &items;
    }
    for (const auto& [user, items] : queues.by_user) {
        user_cursors[user].items = &items;
    }
    std::vector<AgentState> states;
    states.reserve(agents.size());
    for (auto& slot : agents) {
        if (slot.free_capacity <= 0) {
            continue;
        }
        AgentState state;
        if (const auto it = user_cursors.find(slot.id); it != user_cursors.end()) {
            state.personal = &it->second;
        }
        for (const auto skillset : slot.skillsets) {
            if (const auto it = skill_cursors.find(skillset); it != skill_cursors.end()) {
                state.skill_queues.push_back(&it->second);
            }
        }
        if (!state.personal && state.skill_queues.empty()) {
            continue;
        }
        state.slot = std::move(slot);
        states.push_back(std::move(state));
    }

    std::vector<Assignment> assignments;
    std::uint64_t order = 0;
    while (true) {
        AgentState* chosen = nullptr;
        Candidate chosen_candidate;
        for (auto& state : states) {
            if (state.slot.free_capacity <= 0) {
                continue;
            }
            const auto candidate = best_for(state);
            if (!candidate.conversation) {
                continue;
            }
            if (!chosen) {
                chosen = &state;
                chosen_candidate = candidate;
                continue;
            }
            // Longest idle first; an agent given one in this pass goes behind, in turn order.
            const auto key = std::make_tuple(state.given_in_pass, state.slot.idle_since_ms);
            const auto best_key =
                std::make_tuple(chosen->given_in_pass, chosen->slot.idle_since_ms);
            if (key < best_key ||
                (key == best_key &&
                 (comes_first(*candidate.conversation, *chosen_candidate.conversation) ||
                  (candidate.conversation->id == chosen_candidate.conversation->id &&
                   state.slot.id < chosen->slot.id)))) {
                chosen = &state;
                chosen_candidate = candidate;
            }
        }
        if (!chosen) {
            return assignments;
        }
        assignments.push_back({chosen_candidate.conversation->id, chosen->slot.id});
        ++chosen_candidate.cursor->next;
        --chosen->slot.free_capacity;
        chosen->given_in_pass = ++order;
    }
}

} // namespace waconsole::routing
