// Conversation history: GET /api/tables/history?agent_id|agent=&from=&to=&customer=&time_zone=
// The dates are calendar days on the administrator's clock, so the browser's zone goes with them.
#include "screens/history_screen.hpp"

#include "app.hpp"
#include "platform/browser.hpp"
#include "widgets/filter_fields.hpp"

namespace waconsole {

namespace {

// Checks the dates; applies the filters when they are right.
void search(HistoryScreen& screen) {
    screen.from_error = date_problem(screen.from.text);
    screen.to_error = date_problem(screen.to.text);
    // YYYY-MM-DD compares as text in date order.
    if (screen.from_error.empty() && screen.to_error.empty() && !screen.from.text.empty() &&
        !screen.to.text.empty() && screen.to.text < screen.from.text) {
        screen.to_error = "To must be on or after From.";
    }
    if (!screen.from_error.empty() || !screen.to_error.empty()) {
        return;
    }
    QueryParams filters;
    if (screen.agent.id) {
        filters.emplace_back("agent_id", std::to_string(*screen.agent.id));
    } else {
        filters.emplace_back("agent", screen.agent.text);
    }
    filters.emplace_back("from", screen.from.text);
    filters.emplace_back("to", screen.to.text);
    filters.emplace_back("customer", screen.customer);
    if (!screen.from.text.empty() || !screen.to.text.empty()) {
        filters.emplace_back("time_zone", platform::time_zone());
    }
    apply_filters(screen.table.loader, std::move(filters));
}

} // namespace

void HistoryScreen::restore_filters(App& app, const QueryParams& filters) {
    agent = AgentPicker{};
    agent.text = param_value(filters, "agent");
    const std::string agent_id = param_value(filters, "agent_id");
    if (!agent_id.empty() && agent_id.find_first_not_of("0123456789") == std::string::npos &&
        agent_id.size() < 16) {
        agent.id = std::stoll(agent_id);
        for (const TeamAgent& member : app.team_data.agents) {
            if (member.id == *agent.id) {
                agent.text = member.name;
            }
        }
    }
    from = DatePicker{};
    from.text = param_value(filters, "from");
    to = DatePicker{};
    to.text = param_value(filters, "to");
    customer = param_value(filters, "customer");
    search(*this);
}

void HistoryScreen::draw_screen(App& app) {
    update(app.team_data, app);
    std::vector<AgentChoice> agents;
    for (const TeamAgent& member : app.team_data.agents) {
        agents.push_back({member.id, member.name});
    }

    bool go = draw_agent_picker("Agent", "history.agent", agent, agents, app.widgets);
    next_filter();
    go |= draw_date_picker("From", "history.from", from, from_error, app.widgets);
    next_filter();
    go |= draw_date_picker("To", "history.to", to, to_error, app.widgets);
    next_filter();
    go |=
        filter_text("Customer", "history.customer", customer, em(12), app.widgets, "name or phone");
    next_filter();
    go |= filter_button("Search", "history.search", true, app.widgets);
    if (go) {
        search(*this);
    }
    ImGui::Dummy(ImVec2(0, em(0.2f)));

    SectionTableOptions options;
    options.row_actions = conversation_actions(false);
    if (const auto click = draw_section_table(table, app, options)) {
        open_conversation_action(app, table, *click);
    }
}

} // namespace waconsole
