// The "New outbound campaign" wizard (docs/campaigns.md): Settings → Recipients (from an Excel
// file or from customers) → Variables → Review → Confirm, over a draft kept on the server. The
// frame (campaign_wizard.cpp) owns the draft, the step bar and Previous / Next / Cancel; the
// session-storage entry that reopens the wizard after a reload, or on a draft another screen
// handed over (Retry failed), is campaign_wizard_session.cpp's; each step has its own file.
#pragma once

#include "platform/http.hpp"
#include "screens/section_table.hpp"
#include "shared/campaign_variables.hpp"
#include "shared/template_layout.hpp"
#include "widgets/date_picker.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace waconsole {

struct App;

enum class WizardStep { settings, recipients, variables, review };
constexpr int kWizardStepCount = 4;

using FieldErrors = std::map<std::string, std::string>;

struct SettingsStep {
    bool filled = false; // the form was taken from the draft
    std::string name;
    bool scheduled = false;
    DatePicker date;
    std::string time; // "HH:MM"
    bool include_active_conversations = false;
    bool attempted = false;             // Next was pressed: every local problem shows
    std::map<std::string, bool> edited; // fields typed in: their local problems show
    FieldErrors server_errors;          // the last refused save's, until the field is edited
    std::string error;                  // a refusal about no field
    platform::Request request;          // POST .../settings
};

struct ExcelStep {
    platform::Request sample_request; // GET the sample .xlsx
    std::string file_name;            // the file being (or last) uploaded
    double file_size = 0;
    bool uploading = false;
    double loaded = 0;
    double total = 0;
    std::string error;  // the server's refusal of the last upload
    std::string reason; // its code (bad_upload's reason, too_large ...)
};

struct CustomerPicker {
    bool open = false;
    std::string search;
    std::string searched; // the search `customers` answers; "\x01" before the first
    nlohmann::json customers = nlohmann::json::array();
    platform::Request search_request;
    platform::Request add_request;
    double typed_at = 0; // when the search was last edited (asked after a pause)
    std::string message; // what the last add did
    std::string error;
};

struct CustomersStep {
    SectionTable table = make_section_table("draft_recipients", "campaign-recipients.xlsx",
                                            topic_bit(Topic::campaigns));
    CustomerPicker picker;
    bool confirm_remove = false;
    long long remove_id = 0;
    std::string remove_label;
    platform::Request remove_request;
    std::string error;
};

struct VariablesStep {
    bool filled = false; // bindings taken from the draft
    VariableBindings bindings;
    FieldErrors errors; // variables.<name> → problem
    std::string error;
    platform::Request samples_request; // GET .../samples
    nlohmann::json samples = nlohmann::json::array();
    bool samples_loaded = false;
    RenderedTemplate preview; // as last drawn
    std::size_t body_characters = 0;
    std::size_t header_characters = 0;
    platform::Request request; // POST .../variables
};

struct ReviewStep {
    platform::Request request; // POST .../review
    nlohmann::json review;     // null until answered
    std::string error;
    bool show_rejected = false;
    SectionTable messages =
        make_section_table("draft_messages", "campaign-messages.xlsx", topic_bit(Topic::campaigns));
    SectionTable rejected =
        make_section_table("draft_rejected", "campaign-rejected.xlsx", topic_bit(Topic::campaigns));
    platform::Request confirm_request;
    nlohmann::json campaign; // Confirm's answer
};

struct CampaignWizard {
    bool open = false;
    long long draft_id = 0;
    nlohmann::json draft; // the server's DRAFT, as last answered
    WizardStep step = WizardStep::settings;
    bool resume_checked = false;     // the session storage was read
    platform::Request start_request; // POST /api/campaign-drafts
    platform::Request load_request;  // GET the draft after a reload
    platform::Request cancel_request;
    bool confirm_cancel = false; // the "discard?" dialog
    std::string error;           // about the wizard as a whole
    // A Retry failed's draft: {"of","recipients","held_back":[{"code","count","reason"}]} as the
    // server answered it; null for any other draft.
    nlohmann::json retry;

    SettingsStep settings;
    ExcelStep excel;
    CustomersStep customers;
    VariablesStep variables;
    ReviewStep review;
};

// [SECTION] the frame (campaign_wizard.cpp)
const char* wizard_step_name(WizardStep step); // "settings", "recipients" ...
void start_wizard(CampaignWizard& wizard, App& app, long long template_id, const char* source);
// Reopens the draft of the session storage, once per screen.
void resume_wizard(CampaignWizard& wizard, App& app);
void draw_wizard(CampaignWizard& wizard, App& app);
void draw_wizard_dialogs(CampaignWizard& wizard, App& app);
// The paged table the current step shows, or null.
SectionTable* wizard_table(CampaignWizard& wizard);
const SectionTable* wizard_table(const CampaignWizard& wizard);
void go_to_step(CampaignWizard& wizard, App& app, WizardStep step);
// The wizard is done (confirmed or cancelled): forgets it and its session-storage entry.
void end_wizard(CampaignWizard& wizard);
// "/api/campaign-drafts/17" + suffix
std::string draft_path(const CampaignWizard& wizard, const std::string& suffix);
// Keeps the draft of a {"draft":...} answer; false when it has none.
bool take_draft(CampaignWizard& wizard, const nlohmann::json& body);
bool from_excel(const CampaignWizard& wizard);
// Field messages of a refusal by field name; anything else in `error`.
void take_refusal(const platform::HttpResponse& response, FieldErrors& fields, std::string& error);
// A red message under the last item, recorded as `widget`.
void error_text(const std::string& text, const std::string& widget, App& app);

// [SECTION] the tab's session storage (campaign_wizard_session.cpp)
struct KeptDraft {
    long long id = 0; // 0: none
    std::string step; // wizard_step_name of the step it was at
};
// The draft this tab has open in the wizard, or had before a reload.
KeptDraft kept_draft();
void remember_draft(const CampaignWizard& wizard);
void forget_kept_draft();
// The retry answer kept with draft `draft_id`, or null (another draft's is forgotten).
nlohmann::json kept_retry(long long draft_id);
// Another screen's {"draft":DRAFT[,"retry":{...}]} becomes the tab's draft, to be opened at
// `step` by reopen_kept_draft; false when the answer has no draft.
bool hand_over_draft(const nlohmann::json& answer, WizardStep step);
// When New outbound campaign is shown: the wizard loads the kept draft if it is not the open one.
void reopen_kept_draft(CampaignWizard& wizard);

// [SECTION] the steps (one file each). enter_* runs when the step opens, draw_* every frame,
// next_* on Next (it moves on when the server agrees).
void enter_settings(CampaignWizard& wizard);
void draw_settings(CampaignWizard& wizard, App& app);
void next_settings(CampaignWizard& wizard, App& app);
void draw_excel(CampaignWizard& wizard, App& app);
void enter_customers(CampaignWizard& wizard);
void draw_customers(CampaignWizard& wizard, App& app);
void draw_customer_dialogs(CampaignWizard& wizard, App& app);
void enter_variables(CampaignWizard& wizard, App& app);
void draw_variables(CampaignWizard& wizard, App& app);
void next_variables(CampaignWizard& wizard, App& app);
void enter_review(CampaignWizard& wizard, App& app);
void draw_review(CampaignWizard& wizard, App& app);
void confirm_review(CampaignWizard& wizard, App& app);

// The template of the draft as the customer will see it (campaign_wizard_variables.cpp).
TemplateLayout draft_layout(const nlohmann::json& draft);

// What the test hook reports under `campaign` (campaign_wizard_test_state.cpp).
nlohmann::json wizard_test_state(const CampaignWizard& wizard);

} // namespace waconsole
