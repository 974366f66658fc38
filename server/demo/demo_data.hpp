// Demo data for the run command and the browser tests: an administrator, agents with skillsets
// and the password the simulator's agents log in with, customers with names in several
// scripts, conversations in every state and waiting status with transcripts, and single
// templates agents sent that are not answered yet.
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
    int waiting = 12;         // by thirds: assigned, in an agent's queue, in the waitlist
    int unmanaged = 15;       // with the bot, window open
    int unmanaged_closed = 6; // with the bot until the window closed (never an agent)
    int closed = 60;          // handled by an agent, then closed (history)
    int templates_sent = 8;   // single templates sent by agents, not answered
};

// Fills an empty database (no users yet); returns false and changes nothing otherwise.
bool seed_demo_data(Connection& db, std::int64_t now, const DemoCounts& counts = {});

} // namespace waconsole
