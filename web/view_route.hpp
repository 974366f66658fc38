// The view in the URL: the hash names the section and, for a section with a table, its page, page
// size, sort and filters ("#/history?page=3&page_size=50&sort=started_at&agent=Bruno"), so a
// reload, back / forward, a bookmark or a link sent to a colleague opens the same view. The app
// writes the hash whenever the view changes (replacing the entry; a section change adds one) and
// restores the view from any hash it did not write. The tab's title names the section.
#pragma once

#include "sections.hpp"
#include "table_loader.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace waconsole {

struct App;

// A hash split into its section and its parameters (percent-decoded, in order).
struct ViewRoute {
    std::optional<SectionIndex> section;
    QueryParams params;
};

ViewRoute parse_view_route(std::string_view hash);

// The hash of what `section` shows now: its route plus its table's state (defaults left out).
std::string view_route(const App& app, SectionIndex section);

// Gives the section's table the page, size, sort and filters of `params` (through the screen, so
// its filter fields show them too); nothing when they are what it shows already.
void restore_view(App& app, SectionIndex section, const QueryParams& params);

// Call at the end of each frame: writes the hash (while logged in) and the title when the view
// changed.
void write_view_route(App& app);

} // namespace waconsole
