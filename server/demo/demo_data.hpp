// Demo data for the run command and the browser tests: an administrator, agents with skillsets,
// customers with names in several scripts, and conversations in every state with transcripts.
// Deterministic: the same database every time, relative to `now`.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>

namespace waconsole {

constexpr const char* kDemoAdminEmail = "admin@waconsole.local";
constexpr const char* kDemoAdminPassword = "admin-demo-2026";
constexpr const char* kDemoAgentPassword = "agent-demo-2026";

struct DemoCounts {
    int customers = 120;
    int active = 40;
    int waiting = 12;
    int unmanaged = 15;
    int closed = 60;
};

// Fills an empty database (no users yet); returns false and changes nothing otherwise.
bool seed_demo_data(Connection& db, std::int64_t now, const DemoCounts& counts = {});

} // namespace waconsole
