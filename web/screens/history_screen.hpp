// Conversation history (section 6): every closed conversation, newest first, searchable by agent
// (type or pick), by date (from, to or both, typed or picked from a calendar) and by customer
// phone or name, applied with Search; Info per row; live; Excel of the filtered rows.
#pragma once

#include "screens/section_screen.hpp"
#include "screens/section_table.hpp"
#include "widgets/agent_picker.hpp"
#include "widgets/date_picker.hpp"

#include <string>

namespace waconsole {

struct App;

struct HistoryScreen final : SectionScreen {
    SectionTable table =
        make_section_table("history", "conversation-history.xlsx",
                           Topic::conversations | Topic::team | topic_bit(Topic::unmanaged));
    AgentPicker agent; // filters being typed; applied by Search
    DatePicker from;
    DatePicker to;
    std::string customer;
    std::string from_error; // shown under the field, "" when fine
    std::string to_error;

    void draw_screen(App& app) override;
    SectionTable* section_table() override { return &table; }
    void restore_filters(App& app, const QueryParams& filters) override;
};

} // namespace waconsole
