// The templates table: GET /api/tables/campaign_templates?search=...; rows carry can_start and
// start_refusal, which disable the two Send buttons and give their tooltip.
// Widgets: campaign_templates.search, campaign_templates.apply, table.row.<template id>.excel,
// table.row.<template id>.customers, and the wizard's (campaign_wizard.cpp and its steps).
#include "screens/campaign_templates_screen.hpp"

#include "app.hpp"
#include "platform/file_upload.hpp"
#include "widgets/filter_fields.hpp"

namespace waconsole {

void CampaignTemplatesScreen::restore_filters(App& /*app*/, const QueryParams& filters) {
    search = param_value(filters, "search");
    apply_filters(table.loader, {{"search", search}});
}

void CampaignTemplatesScreen::draw_screen(App& app) {
    resume_wizard(wizard, app);
    draw_wizard(wizard, app); // also takes the answer of a wizard being started or reopened
    if (wizard.open || wizard.load_request.loading() || !app.user) {
        return;
    }
    platform::enable_file_drop(false);
    bool apply =
        filter_text("Template", "campaign_templates.search", search, em(14), app.widgets, "name");
    next_filter();
    apply |= filter_button("Search", "campaign_templates.apply", true, app.widgets);
    if (apply) {
        apply_filters(table.loader, {{"search", search}});
    }
    ImGui::Dummy(ImVec2(0, em(0.2f)));
    SectionTableOptions options;
    options.row_noun = "templates";
    options.row_actions = {
        {"Send from Excel", "excel", "can_start", "start_refusal", false},
        {"Send from customers", "customers", "can_start", "start_refusal", false}};
    const auto click = draw_section_table(table, app, options);
    if (click && !wizard.start_request.loading()) {
        start_wizard(wizard, app, click->row_id, click->action == "excel" ? "excel" : "customers");
    }
}

void CampaignTemplatesScreen::draw_dialogs(App& app) {
    draw_wizard_dialogs(wizard, app);
}

SectionTable* CampaignTemplatesScreen::section_table() {
    if (wizard.open) {
        return wizard_table(wizard);
    }
    return &table;
}

void CampaignTemplatesScreen::shown(App& app) {
    SectionScreen::shown(app);
    reopen_kept_draft(wizard);
}

void CampaignTemplatesScreen::add_test_state(const App& /*app*/, nlohmann::json& state) const {
    state["campaign"] = wizard_test_state(wizard);
    if (state["dialog"].is_null()) {
        if (wizard.confirm_cancel) {
            state["dialog"] = "campaign_cancel";
        } else if (wizard.customers.picker.open) {
            state["dialog"] = "campaign_picker";
        } else if (wizard.customers.confirm_remove) {
            state["dialog"] = "campaign_remove";
        }
    }
}

} // namespace waconsole
