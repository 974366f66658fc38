// Step 1, Settings: name, Immediate or Scheduled (a calendar date and an HH:MM time in the
// browser's time zone), the switch for customers in an active conversation, and Meta's policy on
// business-initiated messages. Checked as typed with shared/campaign_settings.hpp; Next POSTs
// .../settings and shows the server's refusal next to its field.
// Widgets: campaign.settings.name, campaign.settings.mode.immediate,
// campaign.settings.mode.scheduled, campaign.settings.date (and the date picker's parts),
// campaign.settings.time, campaign.settings.include_active, campaign.settings.policy,
// campaign.settings.<field>.error, campaign.settings.error.
#include "app.hpp"
#include "json_fields.hpp"
#include "platform/browser.hpp"
#include "screens/campaign_wizard.hpp"
#include "shared/campaign_settings.hpp"

#include <imgui_stdlib.h>

namespace waconsole {

namespace {

constexpr const char* kPolicyUrl =
    "https://developers.facebook.com/docs/whatsapp/pricing#opening-conversations";

CampaignSettings form_settings(const SettingsStep& form) {
    CampaignSettings settings;
    settings.name = form.name;
    settings.scheduled = form.scheduled;
    settings.scheduled_date = form.scheduled ? form.date.text : "";
    settings.scheduled_time = form.scheduled ? form.time : "";
    settings.time_zone = platform::time_zone();
    settings.include_active_conversations = form.include_active_conversations;
    return settings;
}

// What to show under `field`: the server's word until the field is edited, else the local check
// once the field was edited or Next was pressed.
std::string problem(const SettingsStep& form, const FieldErrors& local, const std::string& field) {
    if (const auto it = form.server_errors.find(field); it != form.server_errors.end()) {
        return it->second;
    }
    const auto edited = form.edited.find(field);
    const bool show = form.attempted || (edited != form.edited.end() && edited->second);
    if (const auto it = local.find(field); show && it != local.end()) {
        return it->second;
    }
    return "";
}

FieldErrors local_problems(const SettingsStep& form) {
    FieldErrors problems;
    if (const auto refusal = check_campaign_settings(form_settings(form))) {
        for (const FieldError& field : refusal->fields) {
            problems.emplace(field.field, field.message);
        }
        if (refusal->fields.empty()) {
            problems.emplace("", refusal->message);
        }
    }
    if (form.scheduled) {
        // Each field's own problem as it is typed, whatever the others hold.
        if (!form.time.empty() && !parse_wall_clock_time(form.time)) {
            problems.emplace("scheduled_time", "Write the time as HH:MM (24 h), e.g. 09:30.");
        }
        if (const std::string date = date_problem(form.date.text); !date.empty()) {
            problems.emplace("scheduled_date", date);
        }
    }
    return problems;
}

void edited(SettingsStep& form, const std::string& field) {
    form.edited[field] = true;
    form.server_errors.erase(field);
}

void take_answer(CampaignWizard& wizard, App& app) {
    auto response = wizard.settings.request.take_response();
    if (!response || end_session_if_unauthorized(app, *response)) {
        return;
    }
    if (!response->ok()) {
        take_refusal(*response, wizard.settings.server_errors, wizard.settings.error);
        return;
    }
    take_draft(wizard, parse_answer(response->body));
    go_to_step(wizard, app, WizardStep::recipients);
}

} // namespace

void enter_settings(CampaignWizard& wizard) {
    SettingsStep& form = wizard.settings;
    if (form.filled) {
        return;
    }
    form.filled = true;
    const nlohmann::json& settings = member(wizard.draft, "settings");
    form.name = text_field(settings, "name");
    form.scheduled = text_field(settings, "mode") == "scheduled";
    form.date.text = text_field(settings, "scheduled_date");
    form.time = text_field(settings, "scheduled_time");
    form.include_active_conversations = flag_field(settings, "include_active_conversations");
}

void next_settings(CampaignWizard& wizard, App& app) {
    SettingsStep& form = wizard.settings;
    form.attempted = true;
    form.error.clear();
    if (!local_problems(form).empty()) {
        return;
    }
    nlohmann::json body = to_json(form_settings(form));
    wizard.settings.request.start(api_post(app.api, draft_path(wizard, "/settings"), body));
}

void draw_settings(CampaignWizard& wizard, App& app) {
    take_answer(wizard, app);
    SettingsStep& form = wizard.settings;
    const FieldErrors local = local_problems(form);
    const float width = std::min(ImGui::GetContentRegionAvail().x, em(30));

    ImGui::TextDisabled("Campaign name");
    ImGui::SetNextItemWidth(width);
    if (ImGui::InputTextWithHint("##name", "e.g. Summer sale, week 23", &form.name)) {
        edited(form, "name");
    }
    app.widgets.record_last_item("campaign.settings.name");
    error_text(problem(form, local, "name"), "campaign.settings.name.error", app);
    ImGui::Dummy(ImVec2(0, em(0.4f)));

    ImGui::TextDisabled("Mode");
    if (ImGui::RadioButton("Immediate", !form.scheduled)) {
        form.scheduled = false;
        edited(form, "mode");
    }
    app.widgets.record_last_item("campaign.settings.mode.immediate");
    ImGui::SameLine(0, em(1.5f));
    if (ImGui::RadioButton("Scheduled", form.scheduled)) {
        form.scheduled = true;
        edited(form, "mode");
    }
    app.widgets.record_last_item("campaign.settings.mode.scheduled");
    error_text(problem(form, local, "mode"), "campaign.settings.mode.error", app);
    if (form.scheduled) {
        const std::string before = form.date.text;
        draw_date_picker("Date", "campaign.settings.date", form.date,
                         problem(form, local, "scheduled_date"), app.widgets);
        if (form.date.text != before) {
            edited(form, "scheduled_date");
        }
        ImGui::SameLine(0, em(1.5f));
        ImGui::BeginGroup();
        ImGui::TextDisabled("Time (HH:MM)");
        ImGui::SetNextItemWidth(ImGui::CalcTextSize("00:00").x + em(1.5f));
        if (ImGui::InputTextWithHint("##time", "HH:MM", &form.time,
                                     ImGuiInputTextFlags_CharsNoBlank)) {
            edited(form, "scheduled_time");
        }
        app.widgets.record_last_item("campaign.settings.time");
        ImGui::SameLine();
        ImGui::TextDisabled("%s", platform::time_zone().c_str());
        error_text(problem(form, local, "scheduled_time"), "campaign.settings.scheduled_time.error",
                   app);
        error_text(problem(form, local, "time_zone"), "campaign.settings.time_zone.error", app);
        ImGui::EndGroup();
    }
    ImGui::Dummy(ImVec2(0, em(0.4f)));

    if (ImGui::Checkbox("Also send to customers who are in an active conversation",
                        &form.include_active_conversations)) {
        edited(form, "include_active_conversations");
    }
    app.widgets.record_last_item("campaign.settings.include_active");
    ImGui::PushTextWrapPos(width + em(8));
    ImGui::TextDisabled("Off: customers talking with an agent now are left out (listed under "
                        "Rejected with that reason).");
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2(0, em(0.4f)));

    ImGui::PushTextWrapPos(width + em(8));
    ImGui::TextDisabled("Follow Meta's policy on business-initiated messages, or the number may be "
                        "limited or blocked.");
    ImGui::PopTextWrapPos();
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kInfo);
    ImGui::TextUnformatted("Meta's policy on business-initiated messages (new tab)");
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    if (ImGui::IsItemClicked()) {
        platform::open_in_new_tab(kPolicyUrl);
    }
    app.widgets.record_last_item("campaign.settings.policy");
    error_text(form.error, "campaign.settings.error", app);
}

} // namespace waconsole
