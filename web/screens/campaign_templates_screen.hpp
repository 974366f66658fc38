// New outbound campaign (section 1): the approved templates of the synced catalogue as a paged
// table (name, language, category, body with its variables, buttons; Download Excel), each row
// with Send from Excel and Send from customers (disabled with the reason when the template cannot
// start a campaign), which open the campaign wizard over a server-side draft; the wizard also
// opens a draft another screen handed over (Retry failed's, at Review).
#pragma once

#include "screens/campaign_wizard.hpp"
#include "screens/section_screen.hpp"
#include "screens/section_table.hpp"

#include <string>

namespace waconsole {

struct App;

struct CampaignTemplatesScreen final : SectionScreen {
    SectionTable table = make_section_table("campaign_templates", "campaign-templates.xlsx",
                                            Topic::templates | Topic::campaigns);
    std::string search; // being typed; applied by Search or Enter
    CampaignWizard wizard;

    void draw_screen(App& app) override;
    void draw_dialogs(App& app) override;
    // The templates table, or the wizard step's table while the wizard is open.
    SectionTable* section_table() override;
    // The templates table, wizard open or not.
    SectionTable* view_table() override { return &table; }
    void restore_filters(App& app, const QueryParams& filters) override;
    // Refetches, and opens a draft handed over meanwhile (Outbound history's Retry failed).
    void shown(App& app) override;
    // `campaign` (the wizard) and its dialogs as `dialog`.
    void add_test_state(const App& app, nlohmann::json& state) const override;
};

} // namespace waconsole
