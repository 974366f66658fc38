// Waiting conversations (section 4): the queue, skillset by skillset in queue order, with each
// conversation's status (assigned and awaiting the agent's first answer, in an agent's queue, or
// on the waitlist), its queue position and how long it has waited (ticking once a second);
// customer and skillset filters; Transfer and Info per row; live; Excel of the filtered rows.
#pragma once

#include "screens/section_screen.hpp"
#include "screens/section_table.hpp"

#include <string>

namespace waconsole {

struct App;

struct WaitingScreen final : SectionScreen {
    SectionTable table = make_section_table("waiting", "waiting-conversations.xlsx",
                                            Topic::conversations | Topic::team);
    std::string customer; // filters being typed; applied by Search or Enter
    std::string skillset;

    void draw_screen(App& app) override;
    SectionTable* section_table() override { return &table; }
    void restore_filters(App& app, const QueryParams& filters) override;
};

} // namespace waconsole
