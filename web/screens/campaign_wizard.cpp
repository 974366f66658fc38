// [SECTION] index: helpers, session storage, answers, steps, the frame, the cancel dialog.
// Widgets: campaign.title, campaign.step.<settings|recipients|variables|review> (the step bar),
// campaign.previous, campaign.next, campaign.confirm (Next on Review), campaign.cancel,
// campaign.error, campaign.cancel_dialog.discard, campaign.cancel_dialog.keep.
#include "screens/campaign_wizard.hpp"

#include "app.hpp"
#include "json_fields.hpp"
#include "platform/browser.hpp"
#include "platform/file_upload.hpp"
#include "shared/api_error.hpp"
#include "widgets/modal.hpp"
#include "widgets/wizard_steps.hpp"

namespace waconsole {

namespace {

const std::vector<WizardStepLabel> kSteps = {{"Settings", "settings"},
                                             {"Recipients", "recipients"},
                                             {"Variables", "variables"},
                                             {"Review", "review"}};

// [SECTION] session storage

WizardStep step_named(const std::string& name) {
    for (int i = 0; i < kWizardStepCount; ++i) {
        if (name == wizard_step_name(static_cast<WizardStep>(i))) {
            return static_cast<WizardStep>(i);
        }
    }
    return WizardStep::settings;
}

// [SECTION] answers: starting a draft, loading it after a reload, cancelling it

void open_draft(CampaignWizard& wizard, App& app, const nlohmann::json& body, WizardStep step) {
    wizard = CampaignWizard{};
    wizard.resume_checked = true;
    if (!take_draft(wizard, body)) {
        push_toast(app.toasts, ToastKind::error, "The server sent a draft this page cannot read.",
                   platform::now_seconds());
        forget_kept_draft();
        return;
    }
    wizard.retry = kept_retry(wizard.draft_id);
    wizard.open = true;
    go_to_step(wizard, app, step);
}

void take_answers(CampaignWizard& wizard, App& app) {
    if (auto response = wizard.start_request.take_response()) {
        if (end_session_if_unauthorized(app, *response)) {
            return;
        }
        if (!response->ok()) {
            push_toast(app.toasts, ToastKind::error,
                       "The campaign cannot start: " + error_message(*response),
                       platform::now_seconds());
        } else {
            open_draft(wizard, app, parse_answer(response->body), WizardStep::settings);
            bump(app.live, topic_bit(Topic::campaigns));
        }
    }
    if (auto response = wizard.load_request.take_response()) {
        if (end_session_if_unauthorized(app, *response)) {
            return;
        }
        const WizardStep step = step_named(kept_draft().step);
        if (response->ok()) {
            open_draft(wizard, app, parse_answer(response->body), step);
        } else {
            // Expired (24 h) or deleted: the templates table again, with a word on why.
            forget_kept_draft();
            if (response->status != 404) {
                push_toast(app.toasts, ToastKind::error,
                           "The campaign draft could not be reopened: " + error_message(*response),
                           platform::now_seconds());
            } else {
                push_toast(app.toasts, ToastKind::warning,
                           "The campaign draft of this tab has expired; start again.",
                           platform::now_seconds());
            }
        }
    }
    if (auto response = wizard.cancel_request.take_response()) {
        if (end_session_if_unauthorized(app, *response)) {
            return;
        }
        if (response->ok() || response->status == 404) {
            end_wizard(wizard);
            bump(app.live, topic_bit(Topic::campaigns));
            push_toast(app.toasts, ToastKind::info, "The campaign draft was discarded.",
                       platform::now_seconds());
        } else {
            wizard.error = "Could not discard the draft: " + error_message(*response);
        }
    }
}

// [SECTION] steps

bool step_busy(const CampaignWizard& wizard) {
    return wizard.settings.request.loading() || wizard.variables.request.loading() ||
           wizard.review.confirm_request.loading() || wizard.excel.uploading ||
           wizard.cancel_request.loading();
}

void next(CampaignWizard& wizard, App& app) {
    wizard.error.clear();
    switch (wizard.step) {
    case WizardStep::settings:
        next_settings(wizard, app);
        break;
    case WizardStep::recipients: {
        const bool ready = from_excel(wizard)
                               ? member(wizard.draft, "upload").is_object()
                               : number_field(wizard.draft, "recipients").value_or(0) > 0;
        if (ready) {
            go_to_step(wizard, app, WizardStep::variables);
        } else {
            wizard.error = from_excel(wizard) ? "Upload the filled-in file first."
                                              : "Add at least one customer first.";
        }
        break;
    }
    case WizardStep::variables:
        next_variables(wizard, app);
        break;
    case WizardStep::review:
        confirm_review(wizard, app);
        break;
    }
}

void draw_step(CampaignWizard& wizard, App& app) {
    switch (wizard.step) {
    case WizardStep::settings:
        draw_settings(wizard, app);
        break;
    case WizardStep::recipients:
        if (from_excel(wizard)) {
            draw_excel(wizard, app);
        } else {
            draw_customers(wizard, app);
        }
        break;
    case WizardStep::variables:
        draw_variables(wizard, app);
        break;
    case WizardStep::review:
        draw_review(wizard, app);
        break;
    }
}

void draw_footer(CampaignWizard& wizard, App& app) {
    const bool busy = step_busy(wizard);
    ImGui::BeginDisabled(busy);
    if (ImGui::Button("Cancel")) {
        wizard.confirm_cancel = true;
    }
    app.widgets.record_last_item("campaign.cancel");
    const bool last = wizard.step == WizardStep::review;
    const char* next_label = last ? "Confirm" : "Next";
    const ImGuiStyle& style = ImGui::GetStyle();
    const float next_width = ImGui::CalcTextSize(next_label).x + style.FramePadding.x * 2;
    const float previous_width = ImGui::CalcTextSize("Previous").x + style.FramePadding.x * 2;
    ImGui::SameLine(ImGui::GetContentRegionMax().x - next_width - previous_width -
                    style.ItemSpacing.x);
    const bool first = wizard.step == WizardStep::settings;
    ImGui::BeginDisabled(first);
    if (ImGui::Button("Previous") && !first) {
        wizard.error.clear();
        go_to_step(wizard, app, static_cast<WizardStep>(static_cast<int>(wizard.step) - 1));
    }
    ImGui::EndDisabled();
    app.widgets.record_last_item("campaign.previous");
    ImGui::SameLine();
    const bool can_confirm =
        !last || (wizard.review.request.state() == platform::RequestState::ok &&
                  int_field(wizard.review.review, "messages") > 0);
    ImGui::BeginDisabled(!can_confirm);
    if (primary_button(next_label) && can_confirm) {
        next(wizard, app);
    }
    ImGui::EndDisabled();
    app.widgets.record_last_item(last ? "campaign.confirm" : "campaign.next");
    ImGui::EndDisabled();
}

} // namespace

// [SECTION] helpers

const char* wizard_step_name(WizardStep step) {
    return kSteps[static_cast<std::size_t>(step)].name;
}

std::string draft_path(const CampaignWizard& wizard, const std::string& suffix) {
    return "/api/campaign-drafts/" + std::to_string(wizard.draft_id) + suffix;
}

bool take_draft(CampaignWizard& wizard, const nlohmann::json& body) {
    const nlohmann::json& draft = member(body, "draft");
    const auto id = number_field(draft, "id");
    if (!id) {
        return false;
    }
    wizard.draft_id = *id;
    wizard.draft = draft;
    return true;
}

bool from_excel(const CampaignWizard& wizard) {
    return text_field(wizard.draft, "source") != "customers";
}

void take_refusal(const platform::HttpResponse& response, FieldErrors& fields, std::string& error) {
    const ApiError refusal = api_error_from_body(response.status, response.body);
    fields.clear();
    for (const FieldError& field : refusal.fields) {
        fields[field.field] = field.message;
    }
    error = fields.empty() ? error_message(response) : "";
}

void error_text(const std::string& text, const std::string& widget, App& app) {
    if (text.empty()) {
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kErrorText);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    app.widgets.record_last_item(widget);
}

void start_wizard(CampaignWizard& wizard, App& app, long long template_id, const char* source) {
    wizard.start_request.start(api_post(app.api, "/api/campaign-drafts",
                                        {{"template_id", template_id}, {"source", source}}));
}

void resume_wizard(CampaignWizard& wizard, App& app) {
    if (wizard.resume_checked) {
        return;
    }
    wizard.resume_checked = true;
    const long long id = kept_draft().id;
    if (id <= 0) {
        return;
    }
    wizard.load_request.start(api_get(app.api, "/api/campaign-drafts/" + std::to_string(id)));
}

void go_to_step(CampaignWizard& wizard, App& app, WizardStep step) {
    wizard.step = step;
    remember_draft(wizard);
    switch (step) {
    case WizardStep::settings:
        enter_settings(wizard);
        break;
    case WizardStep::recipients:
        if (!from_excel(wizard)) {
            enter_customers(wizard);
        }
        break;
    case WizardStep::variables:
        enter_variables(wizard, app);
        break;
    case WizardStep::review:
        enter_review(wizard, app);
        break;
    }
}

void end_wizard(CampaignWizard& wizard) {
    forget_kept_draft();
    wizard = CampaignWizard{};
    wizard.resume_checked = true;
}

SectionTable* wizard_table(CampaignWizard& wizard) {
    return const_cast<SectionTable*>(wizard_table(static_cast<const CampaignWizard&>(wizard)));
}

const SectionTable* wizard_table(const CampaignWizard& wizard) {
    if (!wizard.open) {
        return nullptr;
    }
    if (wizard.step == WizardStep::recipients && !from_excel(wizard)) {
        return &wizard.customers.table;
    }
    if (wizard.step == WizardStep::review && !wizard.review.review.is_null()) {
        return wizard.review.show_rejected ? &wizard.review.rejected : &wizard.review.messages;
    }
    return nullptr;
}

// [SECTION] the frame

void draw_wizard(CampaignWizard& wizard, App& app) {
    take_answers(wizard, app);
    if (!wizard.open) {
        if (wizard.load_request.loading()) {
            ImGui::TextDisabled("Opening the campaign draft…");
        }
        return;
    }
    const nlohmann::json& tmpl = member(wizard.draft, "template");
    ImGui::PushFont(app.fonts.bold);
    ImGui::Text("%s · %s (%s)", from_excel(wizard) ? "Send from Excel" : "Send from customers",
                text_field(tmpl, "name").c_str(), text_field(tmpl, "language").c_str());
    ImGui::PopFont();
    app.widgets.record_last_item("campaign.title");
    ImGui::Dummy(ImVec2(0, em(0.3f)));
    if (const auto back = draw_wizard_steps(kSteps, static_cast<int>(wizard.step), "campaign.step",
                                            !step_busy(wizard), app.widgets)) {
        wizard.error.clear();
        go_to_step(wizard, app, static_cast<WizardStep>(*back));
    }
    error_text(wizard.error, "campaign.error", app);
    if (!app.user || !wizard.open) {
        return;
    }
    const float footer = ImGui::GetFrameHeightWithSpacing() + em(0.8f);
    ImGui::BeginChild("##wizard_step", ImVec2(0, -footer), false);
    platform::enable_file_drop(false); // the Excel step takes drops while it shows
    draw_step(wizard, app);
    ImGui::EndChild();
    if (!wizard.open || !app.user) {
        return; // confirmed, or the session ended on an answer
    }
    ImGui::Separator();
    ImGui::Dummy(ImVec2(0, em(0.2f)));
    draw_footer(wizard, app);
}

// [SECTION] the cancel dialog

void draw_wizard_dialogs(CampaignWizard& wizard, App& app) {
    if (begin_modal("Discard campaign?##campaign_cancel", wizard.confirm_cancel,
                    ImVec2(em(26), 0))) {
        ImGui::PushFont(app.fonts.bold);
        ImGui::TextUnformatted("Discard this campaign?");
        ImGui::PopFont();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("The settings, recipients and variables entered so far are deleted. "
                            "Nothing has been sent.");
        ImGui::PopTextWrapPos();
        ImGui::Dummy(ImVec2(0, em(0.4f)));
        if (ImGui::Button("Keep editing")) {
            wizard.confirm_cancel = false;
        }
        app.widgets.record_last_item("campaign.cancel_dialog.keep");
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Button, palette::kErrorText);
        if (ImGui::Button("Discard")) {
            wizard.confirm_cancel = false;
            wizard.cancel_request.start(
                api_post(app.api, draft_path(wizard, "/cancel"), nlohmann::json::object()));
        }
        ImGui::PopStyleColor();
        app.widgets.record_last_item("campaign.cancel_dialog.discard");
        end_modal(wizard.confirm_cancel);
    }
    if (wizard.open) {
        draw_customer_dialogs(wizard, app);
    }
}

} // namespace waconsole
