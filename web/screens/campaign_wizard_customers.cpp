// [SECTION] index: answers, the step, the customer picker, the delete dialog.
// Step 2 from customers: the draft's recipients as a paged table (GET
// /api/tables/draft_recipients?draft=ID, Download Excel), Add customer (a picker searching
// GET /api/customers by name or phone), Add all (every customer matching the picker's search,
// added by the server), and Delete per row, asked first.
// Widgets: campaign.customers.add, campaign.customers.message, campaign.customers.error,
// table.row.<customer id>.remove, campaign.picker.search, campaign.picker.customer.<id>.add,
// campaign.picker.add_all, campaign.picker.close, campaign.picker.message, campaign.picker.error,
// campaign.remove_dialog.delete, campaign.remove_dialog.keep.
#include "app.hpp"
#include "json_fields.hpp"
#include "platform/browser.hpp"
#include "platform/frame_loop.hpp"
#include "screens/campaign_wizard.hpp"
#include "widgets/browser_text.hpp"
#include "widgets/modal.hpp"

#include <imgui_stdlib.h>

namespace waconsole {

namespace {

// The picker asks once typing pauses this long.
constexpr double kSearchPauseSeconds = 0.3;
constexpr const char* kNotSearched = "\x01";

// [SECTION] answers

std::string added_message(const nlohmann::json& body) {
    const long long added = number_field(body, "added").value_or(0);
    const long long already = number_field(body, "already").value_or(0);
    std::string text = "Added " + std::to_string(added) +
                       (added == 1 ? " customer" : " customers") + " to the campaign";
    if (already > 0) {
        text += "; " + std::to_string(already) + " already in it";
    }
    return text + ".";
}

void take_answers(CampaignWizard& wizard, App& app) {
    CustomersStep& step = wizard.customers;
    CustomerPicker& picker = step.picker;
    if (auto response = picker.search_request.take_response()) {
        if (end_session_if_unauthorized(app, *response)) {
            return;
        }
        if (response->ok()) {
            const nlohmann::json customers = member(parse_answer(response->body), "customers");
            picker.customers = customers.is_array() ? customers : nlohmann::json::array();
            picker.error.clear();
        } else {
            picker.error = error_message(*response);
        }
    }
    if (auto response = picker.add_request.take_response()) {
        if (end_session_if_unauthorized(app, *response)) {
            return;
        }
        if (response->ok()) {
            const nlohmann::json body = parse_answer(response->body);
            take_draft(wizard, body);
            picker.message = added_message(body);
            picker.error.clear();
            wizard.error.clear();
            bump(app.live, topic_bit(Topic::campaigns));
        } else {
            picker.error = error_message(*response);
        }
    }
    if (auto response = step.remove_request.take_response()) {
        if (end_session_if_unauthorized(app, *response)) {
            return;
        }
        if (response->ok()) {
            take_draft(wizard, parse_answer(response->body));
            step.error.clear();
            bump(app.live, topic_bit(Topic::campaigns));
        } else {
            step.error = "Could not delete " + step.remove_label + ": " + error_message(*response);
        }
    }
}

void add_customers(CampaignWizard& wizard, App& app, const nlohmann::json& customer_ids) {
    wizard.customers.picker.message.clear();
    wizard.customers.picker.add_request.start(
        api_post(app.api, draft_path(wizard, "/recipients"), {{"customer_ids", customer_ids}}));
}

// [SECTION] the customer picker

void follow_search(CampaignWizard& wizard, App& app) {
    CustomerPicker& picker = wizard.customers.picker;
    if (picker.search == picker.searched || picker.search_request.loading()) {
        return;
    }
    const double waited = platform::now_seconds() - picker.typed_at;
    if (waited < kSearchPauseSeconds) {
        platform::wake_after(static_cast<int>((kSearchPauseSeconds - waited) * 1000) + 5);
        return;
    }
    picker.searched = picker.search;
    picker.search_request.start(
        api_get(app.api, "/api/customers?limit=20&search=" + url_encode(picker.search)));
}

void draw_customer_row(CampaignWizard& wizard, App& app, const nlohmann::json& customer) {
    const long long id = number_field(customer, "id").value_or(0);
    ImGui::PushID(static_cast<int>(id));
    ImGui::TableNextRow(ImGuiTableRowFlags_None, ImGui::GetFrameHeight());
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    draw_line_text(text_field(customer, "name"), ImGui::GetContentRegionAvail().x, app.widgets);
    ImGui::TableSetColumnIndex(1);
    ImGui::TextUnformatted(text_field(customer, "phone").c_str());
    ImGui::TableSetColumnIndex(2);
    if (flag_field(customer, "opted_out")) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette::kWarningText);
        ImGui::TextUnformatted("opted out");
        ImGui::PopStyleColor();
    } else {
        ImGui::TextDisabled("%s", text_field(customer, "email").c_str());
    }
    ImGui::TableSetColumnIndex(3);
    ImGui::BeginDisabled(wizard.customers.picker.add_request.loading());
    if (ImGui::Button("Add")) {
        add_customers(wizard, app, nlohmann::json::array({id}));
    }
    ImGui::EndDisabled();
    app.widgets.record_last_item("campaign.picker.customer." + std::to_string(id) + ".add");
    ImGui::PopID();
}

void draw_picker(CampaignWizard& wizard, App& app) {
    CustomerPicker& picker = wizard.customers.picker;
    if (!begin_modal("Add customers##campaign_picker", picker.open, ImVec2(em(38), em(30)))) {
        return;
    }
    follow_search(wizard, app);
    ImGui::PushFont(app.fonts.bold);
    ImGui::TextUnformatted("Add customers to the campaign");
    ImGui::PopFont();
    ImGui::SetNextItemWidth(em(20));
    if (ImGui::IsWindowAppearing()) {
        ImGui::SetKeyboardFocusHere();
    }
    if (ImGui::InputTextWithHint("##search", "Search by name or phone", &picker.search)) {
        picker.typed_at = platform::now_seconds();
    }
    app.widgets.record_last_item("campaign.picker.search");
    ImGui::SameLine();
    ImGui::BeginDisabled(picker.add_request.loading());
    const std::string add_all =
        picker.search.empty() ? "Add all customers" : "Add all matching \"" + picker.search + "\"";
    if (primary_button((add_all + "###add_all").c_str())) {
        picker.message.clear();
        picker.add_request.start(api_post(app.api, draft_path(wizard, "/recipients/add-all"),
                                          {{"search", picker.search}}));
    }
    ImGui::EndDisabled();
    app.widgets.record_last_item("campaign.picker.add_all");
    if (!picker.message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette::kSuccess);
        ImGui::TextUnformatted(picker.message.c_str());
        ImGui::PopStyleColor();
        app.widgets.record_last_item("campaign.picker.message");
    }
    error_text(picker.error, "campaign.picker.error", app);
    const float list_height = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing();
    ImGui::BeginChild("##customers", ImVec2(0, list_height), true);
    if (picker.customers.empty()) {
        ImGui::TextDisabled(picker.search_request.loading() ? "Searching…"
                                                            : "No customer matches the search.");
    } else if (ImGui::BeginTable("##picker", 4,
                                 ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 10);
        ImGui::TableSetupColumn("Phone", ImGuiTableColumnFlags_WidthStretch, 8);
        ImGui::TableSetupColumn("E-mail", ImGuiTableColumnFlags_WidthStretch, 10);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed,
                                ImGui::CalcTextSize("Add").x + em(2));
        for (const nlohmann::json& customer : picker.customers) {
            draw_customer_row(wizard, app, customer);
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
    if (ImGui::Button("Done")) {
        picker.open = false;
    }
    app.widgets.record_last_item("campaign.picker.close");
    end_modal(picker.open);
}

} // namespace

// [SECTION] the step

void enter_customers(CampaignWizard& wizard) {
    apply_filters(wizard.customers.table.loader, {{"draft", std::to_string(wizard.draft_id)}});
}

void draw_customers(CampaignWizard& wizard, App& app) {
    take_answers(wizard, app);
    CustomersStep& step = wizard.customers;
    if (primary_button("Add customer")) {
        step.picker.open = true;
        step.picker.searched = kNotSearched;
        step.picker.message.clear();
        step.picker.error.clear();
    }
    app.widgets.record_last_item("campaign.customers.add");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%lld recipients in the campaign",
                        number_field(wizard.draft, "recipients").value_or(0));
    app.widgets.record_last_item("campaign.customers.message");
    error_text(step.error, "campaign.customers.error", app);
    SectionTableOptions options;
    options.row_noun = "recipients";
    options.row_actions = {{"Delete", "remove", "", "", false}};
    if (const auto click = draw_section_table(step.table, app, options)) {
        const nlohmann::json* row =
            step.table.loader.page ? find_row(*step.table.loader.page, click->row_id) : nullptr;
        // The contract's row id is the customer's; a row may also say so in customer_id.
        step.remove_id = row != nullptr ? number_field(*row, "customer_id").value_or(click->row_id)
                                        : click->row_id;
        step.remove_label = row != nullptr ? text_field(*row, "phone") : "this number";
        step.confirm_remove = true;
    }
}

// [SECTION] the delete dialog (and the picker)

void draw_customer_dialogs(CampaignWizard& wizard, App& app) {
    draw_picker(wizard, app);
    CustomersStep& step = wizard.customers;
    if (!begin_modal("Delete number?##campaign_remove", step.confirm_remove, ImVec2(em(24), 0))) {
        return;
    }
    ImGui::PushFont(app.fonts.bold);
    ImGui::Text("Delete %s from the campaign?", step.remove_label.c_str());
    ImGui::PopFont();
    ImGui::TextDisabled("The customer stays in the contact center; only this campaign skips them.");
    ImGui::Dummy(ImVec2(0, em(0.4f)));
    if (ImGui::Button("Cancel")) {
        step.confirm_remove = false;
    }
    app.widgets.record_last_item("campaign.remove_dialog.keep");
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, palette::kErrorText);
    if (ImGui::Button("Delete")) {
        step.confirm_remove = false;
        step.remove_request.start(
            api_post(app.api, draft_path(wizard, "/recipients/remove"),
                     {{"customer_ids", nlohmann::json::array({step.remove_id})}}));
    }
    ImGui::PopStyleColor();
    app.widgets.record_last_item("campaign.remove_dialog.delete");
    end_modal(step.confirm_remove);
}

} // namespace waconsole
