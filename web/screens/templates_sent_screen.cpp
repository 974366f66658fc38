// Message template sent: GET /api/tables/templates_sent?customer=...&agent=...
#include "screens/templates_sent_screen.hpp"

#include "app.hpp"
#include "widgets/filter_fields.hpp"

namespace waconsole {

void TemplatesSentScreen::restore_filters(App& /*app*/, const QueryParams& filters) {
    customer = param_value(filters, "customer");
    agent = param_value(filters, "agent");
    apply_filters(table.loader, {{"customer", customer}, {"agent", agent}});
}

void TemplatesSentScreen::draw_screen(App& app) {
    bool search = filter_text("Customer", "templates_sent.customer", customer, em(14), app.widgets,
                              "name or phone");
    next_filter();
    search |= filter_text("Agent", "templates_sent.agent", agent, em(12), app.widgets, "name");
    next_filter();
    search |= filter_button("Search", "templates_sent.search", true, app.widgets);
    if (search) {
        apply_filters(table.loader, {{"customer", customer}, {"agent", agent}});
    }
    ImGui::Dummy(ImVec2(0, em(0.2f)));

    SectionTableOptions options;
    options.row_noun = "templates";
    draw_section_table(table, app, options);
}

} // namespace waconsole
