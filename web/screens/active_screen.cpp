// Active conversations: GET /api/tables/active through the shared section table.
#include "screens/active_screen.hpp"

#include "app.hpp"

namespace waconsole {

void ActiveScreen::draw_screen(App& app) {
    SectionTableOptions options;
    options.row_actions = conversation_actions(false);
    if (const auto click = draw_section_table(table, app, options)) {
        open_conversation_action(app, table, *click);
    }
}

} // namespace waconsole
