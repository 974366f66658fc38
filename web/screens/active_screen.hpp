// Active conversations: chats being handled now (customer, agent, skillset, started, last customer
// message and time, 24-hour window status), paged, live, downloadable as Excel, Info per row.
#pragma once

#include "screens/section_screen.hpp"
#include "screens/section_table.hpp"

namespace waconsole {

struct App;

struct ActiveScreen final : SectionScreen {
    SectionTable table = make_section_table("active", "active-conversations.xlsx",
                                            Topic::conversations | Topic::team);

    void draw_screen(App& app) override;
    SectionTable* section_table() override { return &table; }
};

} // namespace waconsole
