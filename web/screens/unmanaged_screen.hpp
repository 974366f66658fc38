// Unmanaged conversations (section 3): conversations no agent ever had, still with the bot
// (window open, yellow) or closed by it (green tick); customer filter; Transfer (disabled with
// the reason for closed rows) and Info per row; live; Excel of the filtered rows.
#pragma once

#include "screens/section_screen.hpp"
#include "screens/section_table.hpp"

#include <string>

namespace waconsole {

struct App;

struct UnmanagedScreen final : SectionScreen {
    SectionTable table = make_section_table("unmanaged", "unmanaged-conversations.xlsx",
                                            Topic::conversations | Topic::unmanaged);
    std::string customer; // the filter being typed; applied by Search or Enter

    void draw_screen(App& app) override;
    SectionTable* section_table() override { return &table; }
    void restore_filters(App& app, const QueryParams& filters) override;
};

} // namespace waconsole
