// "Type or pick" an agent: a text field whose list, under it, shows the agents whose name holds
// what was typed; picking one filters by that agent exactly, typing alone filters by the text.
#pragma once

#include "widgets/widget_rects.hpp"

#include <optional>
#include <string>
#include <vector>

namespace waconsole {

struct AgentChoice {
    long long id = 0;
    std::string name;
};

struct AgentPicker {
    std::string text;
    std::optional<long long> id; // set by picking, cleared by typing
    bool list_open = false;
    int highlight = -1;           // the option Up/Down moved to, among those shown; -1: none
    bool highlight_moved = false; // by a key since the list was drawn: scroll it into view
    bool focus_field = false;     // the list's button opened it: the caret goes to the field
    bool pointer_on_list = false; // last frame: a click now may be picking from the list
};

// A labelled field plus a button that opens the full list, continuing the filter row. Returns
// true when Enter was pressed in the field (picking with the mouse only fills it in: Search
// applies it). By keyboard: Down and Up move through the list from the field, Enter picks the
// highlighted agent (and searches), Escape or Tab closes the list; the options are not Tab stops.
// The list's button opens it with the caret in the field.
// Widgets:
// <name>, <name>.toggle, <name>.option.<id>.
bool draw_agent_picker(const char* label, const char* name, AgentPicker& picker,
                       const std::vector<AgentChoice>& agents, WidgetRects& rects);

} // namespace waconsole
