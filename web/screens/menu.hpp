// The frame around every section once logged in: the header bar (product, logged-in user,
// Log out) and the sidebar with the seven sections and Team.
#pragma once

#include "platform/http.hpp"

namespace waconsole {

struct App;

struct Menu {
    platform::Request logout; // POST /api/logout, sent and not waited for
};

void draw_header(Menu& menu, App& app);
void draw_sidebar(Menu& menu, App& app);

} // namespace waconsole
