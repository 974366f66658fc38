// What the test hook reports under `campaign` while New outbound campaign is open: the wizard's
// step and draft, each step's form as typed with its errors, the upload's progress, the picker,
// the live preview as drawn, the review's answer and Confirm's. Apart from the steps so their
// files stay about drawing.
#include "json_fields.hpp"
#include "screens/campaign_wizard.hpp"
#include "shared/meta_limits.hpp"

namespace waconsole {

namespace {

nlohmann::json text_or_null(const std::string& text) {
    return text.empty() ? nlohmann::json() : nlohmann::json(text);
}

nlohmann::json errors_json(const FieldErrors& errors) {
    auto out = nlohmann::json::object();
    for (const auto& [field, message] : errors) {
        out[field] = message;
    }
    return out;
}

nlohmann::json settings_state(const SettingsStep& form) {
    return {{"name", form.name},
            {"mode", form.scheduled ? "scheduled" : "immediate"},
            {"scheduled_date", form.date.text},
            {"scheduled_time", form.time},
            {"include_active_conversations", form.include_active_conversations},
            {"errors", errors_json(form.server_errors)},
            {"error", text_or_null(form.error)},
            {"saving", form.request.loading()}};
}

nlohmann::json upload_state(const ExcelStep& excel) {
    return {{"file_name", excel.file_name},
            {"uploading", excel.uploading},
            {"loaded", excel.loaded},
            {"total", excel.total},
            {"error", text_or_null(excel.error)},
            {"reason", text_or_null(excel.reason)},
            {"sample_downloading", excel.sample_request.loading()}};
}

nlohmann::json customers_state(const CustomersStep& step) {
    const CustomerPicker& picker = step.picker;
    return {{"picker",
             {{"open", picker.open},
              {"search", picker.search},
              {"searched",
               picker.searched == "\x01" ? nlohmann::json() : nlohmann::json(picker.searched)},
              {"customers", picker.customers},
              {"loading", picker.search_request.busy()},
              {"adding", picker.add_request.loading()},
              {"message", text_or_null(picker.message)},
              {"error", text_or_null(picker.error)}}},
            {"confirm_remove", step.confirm_remove},
            {"removing", step.remove_request.loading()},
            {"error", text_or_null(step.error)}};
}

nlohmann::json variables_state(const VariablesStep& step) {
    auto buttons = nlohmann::json::array();
    for (const TemplateButton& button : step.preview.buttons) {
        buttons.push_back({{"index", button.index},
                           {"type", button.type},
                           {"text", button.text},
                           {"url", button.url}});
    }
    return {{"bindings", to_json(step.bindings)},
            {"errors", errors_json(step.errors)},
            {"error", text_or_null(step.error)},
            {"samples", step.samples},
            {"saving", step.request.loading()},
            {"preview",
             {{"header", step.preview.header},
              {"body", step.preview.body},
              {"footer", step.preview.footer},
              {"buttons", std::move(buttons)},
              {"body_characters", step.body_characters},
              {"header_characters", step.header_characters},
              // The counts drawn red: over Meta's limits.
              {"body_over", step.body_characters > kMaxTemplateBodyCharacters},
              {"header_over", step.header_characters > kMaxTemplateHeaderCharacters}}}};
}

nlohmann::json review_state(const ReviewStep& step) {
    return {{"loading", step.request.busy()},
            {"review", step.review},
            {"tab", step.show_rejected ? "rejected" : "messages"},
            {"error", text_or_null(step.error)},
            {"confirming", step.confirm_request.loading()},
            {"campaign", step.campaign}};
}

} // namespace

nlohmann::json wizard_test_state(const CampaignWizard& wizard) {
    nlohmann::json state = {
        {"open", wizard.open},
        {"loading", wizard.start_request.busy() || wizard.load_request.busy()},
        {"draft_id", wizard.open ? nlohmann::json(wizard.draft_id) : nlohmann::json()},
        {"step", wizard.open ? nlohmann::json(wizard_step_name(wizard.step)) : nlohmann::json()},
        {"draft", wizard.draft},
        {"error", text_or_null(wizard.error)},
        {"confirm_cancel", wizard.confirm_cancel},
        {"retry", wizard.retry},
        // Confirm's answer stays after the wizard closed.
        {"campaign", wizard.review.campaign},
    };
    if (!wizard.open) {
        return state;
    }
    state["settings"] = settings_state(wizard.settings);
    state["upload"] = upload_state(wizard.excel);
    state["customers"] = customers_state(wizard.customers);
    state["variables"] = variables_state(wizard.variables);
    state["review"] = review_state(wizard.review);
    return state;
}

} // namespace waconsole
