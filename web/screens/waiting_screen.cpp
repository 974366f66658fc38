// Waiting conversations: GET /api/tables/waiting?customer=...&skillset=...
// `waited` is the server's count when the page arrived plus the whole seconds since, so it ticks
// without a refetch and without trusting the browser's clock against the server's.
#include "screens/waiting_screen.hpp"

#include "app.hpp"
#include "platform/browser.hpp"
#include "platform/frame_loop.hpp"
#include "widgets/cell_format.hpp"
#include "widgets/filter_fields.hpp"

#include <cmath>

namespace waconsole {

void WaitingScreen::restore_filters(App& /*app*/, const QueryParams& filters) {
    customer = param_value(filters, "customer");
    skillset = param_value(filters, "skillset");
    apply_filters(table.loader, {{"customer", customer}, {"skillset", skillset}});
}

void WaitingScreen::draw_screen(App& app) {
    bool search =
        filter_text("Customer", "waiting.customer", customer, em(14), app.widgets, "name or phone");
    next_filter();
    search |=
        filter_text("Skillset", "waiting.skillset", skillset, em(10), app.widgets, "e.g. Sales");
    next_filter();
    search |= filter_button("Search", "waiting.search", true, app.widgets);
    if (search) {
        apply_filters(table.loader, {{"customer", customer}, {"skillset", skillset}});
    }
    ImGui::Dummy(ImVec2(0, em(0.2f)));

    const double elapsed = platform::now_seconds() - table.loader.page_arrived_at;
    const long long whole_seconds = static_cast<long long>(std::floor(std::max(0.0, elapsed)));
    SectionTableOptions options;
    options.row_actions = conversation_actions(true);
    options.titles = {{"waited", "Waited"}}; // shown as a duration, not in seconds
    options.cell_text = [whole_seconds](const nlohmann::json& row,
                                        const Column& column) -> std::optional<std::string> {
        if (column.key != "waited") {
            return std::nullopt;
        }
        const auto it = row.find("waited");
        if (it == row.end() || !it->is_number()) {
            return std::nullopt;
        }
        return format_duration(it->get<long long>() + whole_seconds);
    };
    if (const auto click = draw_section_table(table, app, options)) {
        open_conversation_action(app, table, *click);
    }
    // The next tick of the clock, and no frame before it is needed for it.
    if (table.loader.page && !table.loader.page->rows.empty() && platform::page_visible()) {
        const double next_tick = static_cast<double>(whole_seconds + 1) - elapsed;
        platform::wake_after(static_cast<int>(std::ceil(next_tick * 1000)) + 5);
    }
}

} // namespace waconsole
