// The frame around every section once logged in: the header bar (product, logged-in user,
// Log out) and the sidebar with the seven sections and Team. The sidebar narrows on small
// screens (short titles) and shows live counts beside Unmanaged, Waiting and Active, fetched from
// GET /api/table-counts whenever the change feed says conversations changed.
#pragma once

#include "platform/http.hpp"

#include <map>
#include <string>

namespace waconsole {

struct App;

struct MenuCounts {
    platform::Request request;              // GET /api/table-counts
    long long requested_stamp = -1;         // live stamp of conversations when asked
    std::map<std::string, long long> shown; // section id → conversations in it
};

struct Menu {
    platform::Request logout; // POST /api/logout, sent and not waited for
    MenuCounts counts;
};

void draw_header(Menu& menu, App& app);
void draw_sidebar(Menu& menu, App& app);

} // namespace waconsole
