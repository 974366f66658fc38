// Active conversations: chats being handled now (customer, agent, skillset, started, last customer
// message and time, 24-hour window status), paged, refreshed while visible, downloadable as Excel.
#pragma once

#include "table_loader.hpp"

namespace waconsole {

struct App;

struct ActiveScreen {
    TableLoader loader = make_table_loader("active", "active-conversations.xlsx");
};

void draw(ActiveScreen& screen, App& app);

} // namespace waconsole
