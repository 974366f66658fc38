// [SECTION] index: following the history row, counting errors, Retry failed, the summary, funnel
// and progress, the dialog.
// Widgets: campaign_view.close, campaign_view.retry (Retry failed), campaign_view.retry_error,
// campaign_view.pause, campaign_view.summary, campaign_view.funnel and
// campaign_view.funnel.<recipients|sent|delivered|read|replied|failed>, campaign_view.progress,
// campaign_view.errors, and the recipients table's table.* (its table.download is Export).
#include "screens/campaign_view_dialog.hpp"

#include "app.hpp"
#include "json_fields.hpp"
#include "platform/browser.hpp"
#include "screens/campaign_status_text.hpp"
#include "screens/campaign_wizard.hpp"
#include "shared/xlsx_download.hpp"
#include "widgets/cell_format.hpp"
#include "widgets/funnel_chart.hpp"
#include "widgets/modal.hpp"
#include "widgets/status_badge.hpp"

#include <algorithm>

namespace waconsole {

namespace {

constexpr const char* kPopupName = "Campaign###campaign_view";
constexpr std::size_t kMaxSamples = 8;
constexpr const char* kRetryLabel = "Retry failed";
constexpr const char* kRetryingLabel = "Retrying…";
// The wizard holds one draft per tab: a retry's draft must not push aside one being prepared.
constexpr const char* kDraftOpenRefusal =
    "A campaign is being prepared in New outbound campaign: confirm or discard it first.";

// [SECTION] following the history row

void take_row(CampaignView& view, const nlohmann::json& row, double arrived_at) {
    view.campaign = row;
    view.row_arrived_at = arrived_at;
    if (text_field(row, "status") != "sending") {
        view.samples.clear();
        return;
    }
    view.samples.push_back({arrived_at, number_field(row, "sent").value_or(0)});
    if (view.samples.size() > kMaxSamples) {
        view.samples.erase(view.samples.begin());
    }
}

// [SECTION] counting errors

bool is_problem(const std::string& status) {
    return status == "failed" || status == "skipped" || status == "unknown" ||
           status == "unresolved";
}

// "131026 Message undeliverable: ..." → {"131026", "Message undeliverable: ..."}; text without a
// leading code is its own group.
std::pair<std::string, std::string> split_error(const std::string& status,
                                                const std::string& error) {
    const std::size_t space = error.find(' ');
    const std::string first = error.substr(0, space);
    if (!first.empty() && first.find_first_not_of("0123456789") == std::string::npos) {
        return {first, space == std::string::npos ? std::string() : error.substr(space + 1)};
    }
    if (error.empty()) {
        return {status, ""};
    }
    return {error, status};
}

void finish_count(ErrorScan& scan, bool truncated) {
    scan.groups.clear();
    for (auto& [code, group] : scan.counting) {
        scan.groups.push_back(std::move(group));
    }
    std::stable_sort(scan.groups.begin(), scan.groups.end(),
                     [](const auto& a, const auto& b) { return a.count > b.count; });
    scan.counting.clear();
    scan.groups_scanned = scan.scanned;
    scan.truncated = truncated;
    scan.complete = true;
    scan.next_page = 0;
}

void request_page(ErrorScan& scan, long long campaign_id, App& app) {
    scan.request.start(
        api_get(app.api, "/api/tables/campaign_recipients?campaign=" + std::to_string(campaign_id) +
                             "&page=" + std::to_string(scan.next_page) +
                             "&page_size=" + std::to_string(kErrorScanPageSize)));
}

void take_error_page(CampaignView& view, App& app) {
    ErrorScan& scan = view.errors;
    auto response = scan.request.take_response();
    if (!response || end_session_if_unauthorized(app, *response)) {
        return;
    }
    if (!response->ok()) {
        scan.error = error_message(*response);
        scan.next_page = 0;
        scan.problems_counted = -1; // counted again at the next change
        return;
    }
    scan.error.clear();
    // Read with json_fields' non-throwing helpers: this file is built without exceptions.
    const nlohmann::json body = parse_answer(response->body);
    const nlohmann::json& page_rows = member(body, "rows");
    if (!page_rows.is_array()) {
        scan.error = "The server sent recipients this page cannot read.";
        scan.next_page = 0;
        return;
    }
    const long long total = number_field(body, "total").value_or(0);
    const long long rows = static_cast<long long>(page_rows.size());
    for (const nlohmann::json& row : page_rows) {
        const std::string status = text_field(row, "status");
        if (!is_problem(status)) {
            continue;
        }
        auto [code, meaning] = split_error(status, text_field(row, "error"));
        ErrorGroup& group = scan.counting[code];
        if (group.count == 0) {
            group.code = code;
            group.meaning = meaning;
        }
        ++group.count;
    }
    scan.scanned += rows;
    if (rows == 0 || scan.scanned >= total) {
        finish_count(scan, false);
    } else if (scan.next_page >= kErrorScanPages) {
        finish_count(scan, true);
    } else {
        ++scan.next_page;
        request_page(scan, view.campaign_id, app);
    }
}

void update_errors(CampaignView& view, App& app) {
    take_error_page(view, app);
    ErrorScan& scan = view.errors;
    if (!app.user || scan.next_page > 0 || !scan.error.empty()) {
        return; // a count is running (it finishes before another starts), or it failed
    }
    const long long problems = number_field(view.campaign, "failed").value_or(0) +
                               number_field(view.campaign, "unknown").value_or(0);
    if (problems == scan.problems_counted) {
        return;
    }
    scan.problems_counted = problems;
    scan.scanned = 0;
    scan.counting.clear();
    if (problems == 0) {
        finish_count(scan, false);
        return;
    }
    scan.next_page = 1;
    request_page(scan, view.campaign_id, app);
}

// [SECTION] Retry failed

void take_retry_answer(CampaignView& view, App& app) {
    RetryFailed& retry = view.retry;
    auto response = retry.request.take_response();
    if (!response || end_session_if_unauthorized(app, *response)) {
        return;
    }
    bump(app.live, topic_bit(Topic::campaigns)); // a draft was made, or the campaign moved on
    if (!response->ok()) {
        retry.error = "Not retried: " + error_message(*response);
        return;
    }
    if (!hand_over_draft(parse_answer(response->body), WizardStep::review)) {
        retry.error = "The server sent a draft this page cannot read.";
        return;
    }
    view.open = false;
    retry.handed_over = true;
}

void draw_retry_button(CampaignView& view, App& app, float width) {
    const bool busy = view.retry.request.loading();
    const std::string refusal = retry_refusal(view);
    const bool enabled = refusal.empty() && !busy;
    ImGui::BeginDisabled(!enabled);
    const bool pressed = ImGui::Button(busy ? kRetryingLabel : kRetryLabel, ImVec2(width, 0));
    ImGui::EndDisabled();
    app.widgets.record_last_item("campaign_view.retry");
    if (!refusal.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(em(24));
        ImGui::TextUnformatted(refusal.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
        app.widgets.record_tooltip(refusal);
    }
    if (pressed && enabled) {
        view.retry.error.clear();
        view.retry.request.start(api_post(
            app.api, "/api/campaigns/" + std::to_string(view.campaign_id) + "/retry-failed",
            nlohmann::json::object()));
    }
}

// [SECTION] the summary

std::string time_text(const nlohmann::json& row, const char* key) {
    const auto at = number_field(row, key);
    return at ? format_local_datetime(*at) : std::string("—");
}

void summary_line(const char* label, const std::string& value) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextDisabled("%s", label);
    ImGui::TableSetColumnIndex(1);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(value.empty() ? "—" : value.c_str());
    ImGui::PopTextWrapPos();
}

// The lines draw_summary draws: the band of summary and chart is as tall as they are.
constexpr int kSummaryLines = 10;

void draw_summary(const nlohmann::json& c) {
    if (!ImGui::BeginTable("##summary", 2, ImGuiTableFlags_SizingFixedFit)) {
        return;
    }
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, em(6.5f));
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    summary_line("Template", text_field(c, "template"));
    summary_line("Author", text_field(c, "author"));
    const std::string mode = text_field(c, "mode");
    summary_line("Mode", mode == "scheduled"   ? "Scheduled"
                         : mode == "immediate" ? "Immediate"
                                               : mode);
    summary_line("Created", time_text(c, "created_at"));
    summary_line("Scheduled", time_text(c, "scheduled_at"));
    summary_line("Started", time_text(c, "started_at"));
    summary_line("Finished", time_text(c, "finished_at"));
    summary_line("Recipients", group_thousands(number_field(c, "recipients").value_or(0)));
    summary_line("Rejected", group_thousands(number_field(c, "rejected").value_or(0)));
    summary_line("Unknown", group_thousands(number_field(c, "unknown").value_or(0)));
    ImGui::EndTable();
}

// [SECTION] funnel, progress and errors

void draw_progress(const CampaignView& view, App& app) {
    const long long recipients = number_field(view.campaign, "recipients").value_or(0);
    const long long sent = number_field(view.campaign, "sent").value_or(0);
    const float fraction =
        recipients > 0 ? static_cast<float>(sent) / static_cast<float>(recipients) : 0.0f;
    const std::string overlay =
        group_thousands(sent) + " of " + group_thousands(recipients) + " sent";
    ImGui::ProgressBar(std::clamp(fraction, 0.0f, 1.0f), ImVec2(-1, 0), overlay.c_str());
    app.widgets.record_last_item("campaign_view.progress");
    const double rate = send_rate(view);
    if (rate < 0) {
        ImGui::TextDisabled("Measuring the send rate…");
        return;
    }
    char line[128];
    std::snprintf(line, sizeof(line), "%.1f messages sent per second", rate);
    std::string text = line;
    if (rate > 0 && recipients > sent) {
        text += " · about " +
                format_duration(
                    static_cast<long long>(static_cast<double>(recipients - sent) / rate) + 1) +
                " left";
    }
    ImGui::TextDisabled("%s", text.c_str());
}

void draw_errors(const ErrorScan& scan, App& app) {
    ImGui::PushFont(app.fonts.bold);
    ImGui::TextUnformatted("Errors by code");
    ImGui::PopFont();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    if (!scan.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette::kErrorText);
        ImGui::TextWrapped("%s", scan.error.c_str());
        ImGui::PopStyleColor();
    } else if (!scan.complete) {
        ImGui::TextDisabled("Counting…");
    } else if (scan.groups.empty()) {
        ImGui::TextDisabled("No errors.");
    } else {
        for (const ErrorGroup& group : scan.groups) {
            ImGui::Text("%s × %s", group.code.c_str(), group_thousands(group.count).c_str());
            if (!group.meaning.empty()) {
                ImGui::SameLine();
                ImGui::PushTextWrapPos(0.0f);
                ImGui::TextDisabled("%s", group.meaning.c_str());
                ImGui::PopTextWrapPos();
            }
        }
        if (scan.truncated) {
            ImGui::TextDisabled("Counted over the first %s recipients.",
                                group_thousands(scan.groups_scanned).c_str());
        }
    }
    app.widgets.record("campaign_view.errors", start,
                       ImVec2(start.x + ImGui::GetContentRegionAvail().x,
                              std::max(start.y + 1, ImGui::GetCursorScreenPos().y)));
}

void draw_chart(CampaignView& view, App& app) {
    const nlohmann::json& c = view.campaign;
    const long long recipients = number_field(c, "recipients").value_or(0);
    const std::vector<FunnelStage> stages = {
        {"Recipients", "recipients", recipients, palette::kNeutral, false},
        {"Sent", "sent", number_field(c, "sent").value_or(0), palette::kAccent, false},
        {"Delivered", "delivered", number_field(c, "delivered").value_or(0), palette::kSuccess,
         false},
        {"Read", "read", number_field(c, "read").value_or(0), palette::kInfo, false},
        {"Replied", "replied", number_field(c, "replied").value_or(0), palette::kHeader, false},
        {"Failed", "failed", number_field(c, "failed").value_or(0), palette::kErrorText, true},
    };
    draw_funnel("campaign_view.funnel", stages, recipients, app.widgets);
    if (text_field(c, "status") == "sending") {
        ImGui::Dummy(ImVec2(0, em(0.2f)));
        draw_progress(view, app);
    }
    ImGui::Dummy(ImVec2(0, em(0.3f)));
    draw_errors(view.errors, app);
}

// [SECTION] the dialog

void draw_contents(CampaignView& view, App& app) {
    const nlohmann::json& c = view.campaign;
    ImGui::PushFont(app.fonts.bold);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text_field(c, "name").c_str());
    ImGui::PopFont();
    ImGui::SameLine(0, em(1));
    ImGui::AlignTextToFramePadding();
    const std::string status = text_field(c, "status");
    draw_status_badge(status, campaign_status_label(c).value_or(status_look(status).label));
    const ImGuiStyle& style = ImGui::GetStyle();
    const float close_width = ImGui::CalcTextSize("Close").x + style.FramePadding.x * 2;
    const float retry_width =
        std::max(ImGui::CalcTextSize(kRetryLabel).x, ImGui::CalcTextSize(kRetryingLabel).x) +
        style.FramePadding.x * 2;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - close_width - retry_width -
                    style.ItemSpacing.x);
    draw_retry_button(view, app, retry_width);
    ImGui::SameLine();
    if (ImGui::Button("Close")) {
        view.open = false;
    }
    app.widgets.record_last_item("campaign_view.close");
    if (!view.open) {
        return; // the history's table owns the table.* names again from the next frame
    }
    ImGui::PushTextWrapPos(0.0f);
    if (!view.retry.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette::kErrorText);
        ImGui::TextUnformatted(view.retry.error.c_str());
        ImGui::PopStyleColor();
        app.widgets.record_last_item("campaign_view.retry_error");
    }
    if (const std::string pause = campaign_pause_text(c); !pause.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette::kWarningText);
        ImGui::TextUnformatted(pause.c_str());
        ImGui::PopStyleColor();
        app.widgets.record_last_item("campaign_view.pause");
    }
    ImGui::PopTextWrapPos();
    ImGui::Separator();

    const float band =
        kSummaryLines * (ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2) +
        em(0.3f);
    ImGui::BeginChild("campaign_view.summary", ImVec2(em(20), band), false);
    draw_summary(c);
    ImGui::EndChild();
    app.widgets.record_last_item("campaign_view.summary");
    ImGui::SameLine(0, em(1));
    ImGui::BeginChild("campaign_view.chart", ImVec2(0, band), false);
    draw_chart(view, app);
    ImGui::EndChild();
    ImGui::Separator();

    SectionTableOptions options;
    options.row_noun = "recipients";
    options.download_label = "Export";
    draw_section_table(view.recipients, app, options);
}

} // namespace

std::string retry_refusal(const CampaignView& view) {
    std::string refusal = retry_failed_refusal(view.campaign);
    if (refusal.empty() && kept_draft().id != 0) {
        refusal = kDraftOpenRefusal;
    }
    return refusal;
}

void open_campaign_view(CampaignView& view, const nlohmann::json& row) {
    view = CampaignView{};
    view.open = true;
    view.campaign_id = number_field(row, "id").value_or(0);
    view.campaign = row;
    apply_filters(view.recipients.loader, {{"campaign", std::to_string(view.campaign_id)}});
}

void follow_history(CampaignView& view, const TableLoader& history) {
    if (!view.open || !history.page || history.page_arrived_at <= view.row_arrived_at) {
        return;
    }
    if (const nlohmann::json* row = find_row(*history.page, view.campaign_id)) {
        take_row(view, *row, history.page_arrived_at);
    }
}

void draw(CampaignView& view, App& app) {
    take_retry_answer(view, app); // also after the dialog was closed: the draft is made
    if (view.open && app.user) {
        update_errors(view, app);
    }
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const ImVec2 size(std::min(display.x - em(2), em(70)), std::max(em(24), display.y - em(3)));
    if (!begin_modal(kPopupName, view.open, size, ImGuiWindowFlags_NoScrollbar)) {
        return;
    }
    draw_contents(view, app);
    end_modal(view.open);
}

} // namespace waconsole
