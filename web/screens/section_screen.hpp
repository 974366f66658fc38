// What every section's screen is to the frame around it: something to draw in the content area,
// maybe with a paged table (reloaded when the section is shown again, read by the test hook) and
// dialogs of its own. Each screen file defines one; section_list.cpp registers it.
#pragma once

#include "table_loader.hpp"

#include <nlohmann/json.hpp>

namespace waconsole {

struct App;
struct SectionTable;

class SectionScreen {
public:
    virtual ~SectionScreen() = default;

    // The page itself, inside the content area, below the section's title.
    virtual void draw_screen(App& app) = 0;
    // Its dialogs, at the top level; called every frame while the section is open.
    virtual void draw_dialogs(App& /*app*/) {}
    // The section's paged table, or null when it has none.
    virtual SectionTable* section_table() { return nullptr; }
    // The section was opened from another one: what it shows is refetched.
    virtual void shown(App& app);
    // The table whose page, size and filters the URL holds (view_route.hpp); section_table()
    // unless that changes with a step (the campaign wizard).
    virtual SectionTable* view_table() { return section_table(); }
    const SectionTable* view_table() const {
        return const_cast<SectionScreen*>(this)->view_table();
    }
    // Filters from the URL: applied to the view table, and shown in the screen's own fields.
    virtual void restore_filters(App& app, const QueryParams& filters);
    // Adds what this screen alone knows to the test hook's state (e.g. Team's forms).
    virtual void add_test_state(const App& /*app*/, nlohmann::json& /*state*/) const {}
};

} // namespace waconsole
