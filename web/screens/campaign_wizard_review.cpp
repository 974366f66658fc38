// Step 4, Review: POST .../review checks and renders every recipient now; then the template's
// category (marketing is billed), how the count compares with the account's daily messaging
// limit, and two tabs, Messages (N) and Rejected (M), each a paged table with Download Excel.
// Confirm (the frame's Next) POSTs .../confirm; on 201 the campaign exists and the wizard ends.
// A Retry failed's draft says so, and what was held back and why, one line per error code.
// Widgets: campaign.review.summary, campaign.review.limit, campaign.review.retry,
// campaign.review.held_back, campaign.review.error, campaign.review.tab.messages,
// campaign.review.tab.rejected (and the shown tab's table.*).
#include "app.hpp"
#include "json_fields.hpp"
#include "platform/browser.hpp"
#include "screens/campaign_wizard.hpp"
#include "shared/xlsx_download.hpp"

namespace waconsole {

namespace {

std::string count_text(long long count) {
    return group_thousands(count);
}

void take_answers(CampaignWizard& wizard, App& app) {
    ReviewStep& step = wizard.review;
    if (auto response = step.request.take_response()) {
        if (end_session_if_unauthorized(app, *response)) {
            return;
        }
        if (response->ok()) {
            step.review = member(parse_answer(response->body), "review");
            step.error.clear();
            step.messages.loader.reload_now = true;
            step.rejected.loader.reload_now = true;
        } else {
            step.error = "The campaign cannot be reviewed yet: " + error_message(*response);
        }
    }
    if (auto response = step.confirm_request.take_response()) {
        if (end_session_if_unauthorized(app, *response)) {
            return;
        }
        if (!response->ok()) {
            step.error = "The campaign was not started: " + error_message(*response);
            return;
        }
        const nlohmann::json campaign = member(parse_answer(response->body), "campaign");
        const bool scheduled = text_field(campaign, "status") == "scheduled";
        push_toast(app.toasts, ToastKind::info,
                   "Campaign " + text_field(campaign, "name") +
                       (scheduled ? " scheduled: " : " started: ") +
                       count_text(number_field(campaign, "recipients").value_or(0)) +
                       " messages, " + count_text(number_field(campaign, "rejected").value_or(0)) +
                       " rejected.",
                   platform::now_seconds());
        end_wizard(wizard);
        wizard.review.campaign = campaign; // kept for the test hook after the wizard closed
        bump(app.live, topic_bit(Topic::campaigns));
    }
}

// "A retry of failed messages: 2 recipients …" and "1 not retried: <the server's reason>."
void draw_retry(const nlohmann::json& retry, App& app) {
    const long long recipients = number_field(retry, "recipients").value_or(0);
    ImGui::TextDisabled("A retry of failed messages: %s %s, each with the values it was sent.",
                        count_text(recipients).c_str(),
                        recipients == 1 ? "recipient" : "recipients");
    app.widgets.record_last_item("campaign.review.retry");
    const nlohmann::json& held_back = member(retry, "held_back");
    if (!held_back.is_array() || held_back.empty()) {
        return;
    }
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kWarningText);
    for (const nlohmann::json& group : held_back) {
        ImGui::Text("%s not retried: %s.",
                    count_text(number_field(group, "count").value_or(0)).c_str(),
                    text_field(group, "reason").c_str());
    }
    ImGui::PopStyleColor();
    app.widgets.record(
        "campaign.review.held_back", start,
        ImVec2(start.x + ImGui::GetContentRegionAvail().x, ImGui::GetCursorScreenPos().y));
}

void draw_summary(CampaignWizard& wizard, App& app) {
    const nlohmann::json& review = wizard.review.review;
    const std::string category = text_field(review, "category");
    ImGui::PushTextWrapPos(0.0f);
    ImGui::Text("Category: %s%s", category.c_str(),
                flag_field(review, "billed") ? " (billed by Meta per message delivered)"
                                             : " (not billed)");
    app.widgets.record_last_item("campaign.review.summary");
    const nlohmann::json& limit = member(review, "daily_limit");
    const long long messages = number_field(review, "messages").value_or(0);
    const auto customers = number_field(limit, "limit");
    if (limit.is_object() && customers) {
        const bool over = flag_field(review, "over_daily_limit");
        ImGui::PushStyleColor(ImGuiCol_Text, over ? palette::kWarningText : palette::kMuted);
        ImGui::Text("%s messages against a daily messaging limit of %s customers (%s)%s",
                    count_text(messages).c_str(), count_text(*customers).c_str(),
                    text_field(limit, "tier").c_str(),
                    over ? ": over the limit, the campaign pauses once the day's customers are "
                           "reached and goes on as the 24-hour window moves."
                         : ": within the limit.");
        ImGui::PopStyleColor();
    } else if (text_field(limit, "tier") == "TIER_UNLIMITED") {
        ImGui::TextDisabled("%s messages; the account has no daily messaging limit.",
                            count_text(messages).c_str());
    } else {
        ImGui::TextDisabled("%s messages; the account's daily messaging limit is not known.",
                            count_text(messages).c_str());
    }
    app.widgets.record_last_item("campaign.review.limit");
    if (wizard.retry.is_object()) {
        draw_retry(wizard.retry, app);
    }
    if (messages == 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette::kErrorText);
        ImGui::TextUnformatted("Every recipient is rejected: nothing would be sent. Go back to fix "
                               "the recipients or the variables (the Rejected tab says why).");
        ImGui::PopStyleColor();
        app.widgets.record_last_item("campaign.review.nothing");
    }
    ImGui::PopTextWrapPos();
}

} // namespace

void enter_review(CampaignWizard& wizard, App& app) {
    ReviewStep& step = wizard.review;
    step.review = nullptr;
    step.error.clear();
    const QueryParams filters = {{"draft", std::to_string(wizard.draft_id)}};
    apply_filters(step.messages.loader, filters);
    apply_filters(step.rejected.loader, filters);
    step.request.start(api_post(app.api, draft_path(wizard, "/review"), nlohmann::json::object()));
}

void confirm_review(CampaignWizard& wizard, App& app) {
    wizard.review.error.clear();
    wizard.review.confirm_request.start(
        api_post(app.api, draft_path(wizard, "/confirm"), nlohmann::json::object()));
}

void draw_review(CampaignWizard& wizard, App& app) {
    take_answers(wizard, app);
    if (!wizard.open) {
        return; // confirmed
    }
    ReviewStep& step = wizard.review;
    error_text(step.error, "campaign.review.error", app);
    if (step.request.loading()) {
        ImGui::TextDisabled("Checking every recipient…");
        return;
    }
    if (step.review.is_null()) {
        return;
    }
    draw_summary(wizard, app);
    ImGui::Dummy(ImVec2(0, em(0.3f)));
    const std::string messages = "Messages (" +
                                 count_text(number_field(step.review, "messages").value_or(0)) +
                                 ")###messages";
    const std::string rejected = "Rejected (" +
                                 count_text(number_field(step.review, "rejected").value_or(0)) +
                                 ")###rejected";
    if (ImGui::BeginTabBar("##review_tabs")) {
        if (ImGui::BeginTabItem(messages.c_str())) {
            step.show_rejected = false;
            ImGui::EndTabItem();
        }
        app.widgets.record_last_item("campaign.review.tab.messages");
        if (ImGui::BeginTabItem(rejected.c_str())) {
            step.show_rejected = true;
            ImGui::EndTabItem();
        }
        app.widgets.record_last_item("campaign.review.tab.rejected");
        ImGui::EndTabBar();
    }
    SectionTableOptions options;
    options.row_noun = step.show_rejected ? "rejected rows" : "messages";
    draw_section_table(step.show_rejected ? step.rejected : step.messages, app, options);
}

} // namespace waconsole
