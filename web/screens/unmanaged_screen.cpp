// Unmanaged conversations: GET /api/tables/unmanaged?customer=...
#include "screens/unmanaged_screen.hpp"

#include "app.hpp"
#include "widgets/filter_fields.hpp"

namespace waconsole {

void UnmanagedScreen::restore_filters(App& /*app*/, const QueryParams& filters) {
    customer = param_value(filters, "customer");
    apply_filters(table.loader, {{"customer", customer}});
}

void UnmanagedScreen::draw_screen(App& app) {
    bool search = filter_text("Customer", "unmanaged.customer", customer, em(16), app.widgets,
                              "name or phone");
    next_filter();
    search |= filter_button("Search", "unmanaged.search", true, app.widgets);
    if (search) {
        apply_filters(table.loader, {{"customer", customer}});
    }
    ImGui::Dummy(ImVec2(0, em(0.2f)));

    SectionTableOptions options;
    options.row_actions = conversation_actions(true);
    if (const auto click = draw_section_table(table, app, options)) {
        open_conversation_action(app, table, *click);
    }
}

} // namespace waconsole
