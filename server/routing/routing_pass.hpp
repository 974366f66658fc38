// One routing pass over the database, the truth: loads the ready agents with free capacity and
// the heads of the queues they serve, matches them (matcher.hpp) and writes the assignments.
// Runs in the caller's write transaction; holds no state between passes, so a restart loses
// nothing.
#pragma once

#include "server/routing/matcher.hpp"
#include "server/store/database.hpp"

#include <cstdint>
#include <vector>

namespace waconsole::routing {

// What the pass sees, for tests and the benchmark.
struct RoutingInput {
    std::vector<AgentSlot> agents;
    Queues queues;
};

RoutingInput load_routing_input(Connection& db);

// Assigns what can be assigned now; returns the assignments made.
std::vector<Assignment> run_routing_pass(Connection& db, std::int64_t now_ms);

} // namespace waconsole::routing
