// Outbound history: GET /api/tables/campaigns (and .xlsx); POST /api/campaigns/{id}/cancel →
// {"campaign":{"id","status"},"not_sent":N}, 409 once completed or cancelled.
// Widgets: outbound_history.new, table.row.<id>.view, table.row.<id>.cancel,
// table.cell.<id>.status (a paused campaign's, with why and until when as its tooltip),
// outbound_history.cancel_dialog.keep, outbound_history.cancel_dialog.confirm,
// outbound_history.cancel_dialog.error, and the View's (campaign_view_dialog.cpp).
#include "screens/outbound_history_screen.hpp"

#include "app.hpp"
#include "json_fields.hpp"
#include "platform/browser.hpp"
#include "screens/campaign_status_text.hpp"
#include "shared/xlsx_download.hpp"
#include "widgets/modal.hpp"

#include <cstring>

namespace waconsole {

namespace {

bool can_cancel(const std::string& status) {
    return status == "scheduled" || status == "queued" || status == "sending" || status == "paused";
}

std::string cancel_refusal(const nlohmann::json& row) {
    const std::string status = text_field(row, "status");
    if (can_cancel(status)) {
        return "";
    }
    return status == "cancelled" ? "This campaign is already cancelled."
                                 : "This campaign has finished: nothing is left to cancel.";
}

// "Sending 12 / 40" or "Paused until 14:30" in the status cell.
std::optional<std::string> status_text(const nlohmann::json& row, const Column& column) {
    if (column.key != "status") {
        return std::nullopt;
    }
    return campaign_status_label(row);
}

// A paused campaign's status cell says why and until when.
std::optional<std::string> status_tooltip(const nlohmann::json& row, const Column& column) {
    if (column.key != "status") {
        return std::nullopt;
    }
    return campaign_pause_text(row);
}

void open_new_campaign(App& app) {
    const auto& sections = all_sections();
    for (SectionIndex index = 0; index < sections.size(); ++index) {
        if (std::strcmp(sections[index].id, "campaigns_new") == 0) {
            open_section(app, index, true);
            return;
        }
    }
}

void take_cancel_answer(OutboundHistoryScreen& screen, App& app) {
    CancelCampaign& cancel = screen.cancel;
    auto response = cancel.request.take_response();
    if (!response || end_session_if_unauthorized(app, *response)) {
        return;
    }
    if (!response->ok()) {
        cancel.error = error_message(*response);
        cancel.open = true; // the message is shown where the question was
        bump(app.live, topic_bit(Topic::campaigns));
        return;
    }
    const nlohmann::json body = parse_answer(response->body);
    const long long not_sent = number_field(body, "not_sent").value_or(0);
    push_toast(app.toasts, ToastKind::info,
               "Cancelled " + cancel.name + ": " + group_thousands(not_sent) +
                   (not_sent == 1 ? " message was" : " messages were") + " not sent.",
               platform::now_seconds());
    cancel.open = false;
    bump(app.live, topic_bit(Topic::campaigns));
}

void draw_cancel_dialog(OutboundHistoryScreen& screen, App& app) {
    CancelCampaign& cancel = screen.cancel;
    if (!begin_modal("Cancel campaign?##campaign_cancel", cancel.open, ImVec2(em(28), 0))) {
        return;
    }
    ImGui::PushFont(app.fonts.bold);
    ImGui::TextUnformatted(("Cancel " + cancel.name + "?").c_str());
    ImGui::PopFont();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Recipients not sent yet are not sent. Messages already sent stay sent.");
    if (!cancel.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette::kErrorText);
        ImGui::TextUnformatted(cancel.error.c_str());
        ImGui::PopStyleColor();
        app.widgets.record_last_item("outbound_history.cancel_dialog.error");
    }
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2(0, em(0.4f)));
    const bool busy = cancel.request.loading();
    if (ImGui::Button(cancel.error.empty() ? "Keep it" : "Close")) {
        cancel.open = false;
    }
    app.widgets.record_last_item("outbound_history.cancel_dialog.keep");
    if (cancel.error.empty()) {
        ImGui::SameLine();
        ImGui::BeginDisabled(busy);
        ImGui::PushStyleColor(ImGuiCol_Button, palette::kErrorText);
        if (ImGui::Button(busy ? "Cancelling…###confirm" : "Cancel campaign###confirm") && !busy) {
            cancel.request.start(api_post(
                app.api, "/api/campaigns/" + std::to_string(cancel.campaign_id) + "/cancel",
                nlohmann::json::object()));
        }
        ImGui::PopStyleColor();
        ImGui::EndDisabled();
        app.widgets.record_last_item("outbound_history.cancel_dialog.confirm");
    }
    end_modal(cancel.open);
}

} // namespace

void OutboundHistoryScreen::draw_screen(App& app) {
    take_cancel_answer(*this, app);
    if (!app.user) {
        return;
    }
    if (primary_button("New outbound campaign")) {
        open_new_campaign(app);
    }
    app.widgets.record_last_item("outbound_history.new");
    ImGui::Dummy(ImVec2(0, em(0.2f)));

    SectionTableOptions options;
    options.row_noun = "campaigns";
    options.cell_text = status_text;
    options.cell_tooltip = status_tooltip;
    options.row_actions = {{"View", "view", "", "", true}, {"Cancel", "cancel", "", "", false}};
    options.action_refusal = [](const nlohmann::json& row, const RowAction& action) {
        return std::strcmp(action.name, "cancel") == 0 ? cancel_refusal(row) : std::string();
    };
    // Behind the View the table stays live, but the View's table owns the table.* names.
    app.widgets.set_recording(!view.open);
    const auto click = draw_section_table(table, app, options);
    app.widgets.set_recording(true);
    follow_history(view, table.loader);
    const nlohmann::json* row =
        click && table.loader.page ? find_row(*table.loader.page, click->row_id) : nullptr;
    if (row == nullptr) {
        return;
    }
    if (click->action == "view") {
        open_campaign_view(view, *row);
        follow_history(view, table.loader);
    } else if (click->action == "cancel" && cancel_refusal(*row).empty()) {
        cancel = CancelCampaign{};
        cancel.open = true;
        cancel.campaign_id = click->row_id;
        cancel.name = text_field(*row, "name");
    }
}

void OutboundHistoryScreen::draw_dialogs(App& app) {
    draw(view, app);
    if (view.retry.handed_over) {
        // Retry failed made a draft: the wizard of New outbound campaign opens it at Review.
        view.retry.handed_over = false;
        open_new_campaign(app);
    }
    draw_cancel_dialog(*this, app);
}

SectionTable* OutboundHistoryScreen::section_table() {
    return view.open ? &view.recipients : &table;
}

void OutboundHistoryScreen::shown(App& /*app*/) {
    table.loader.reload_now = true;
    view.recipients.loader.reload_now = view.open;
}

void OutboundHistoryScreen::add_test_state(const App& /*app*/, nlohmann::json& state) const {
    state["campaign_view"] = campaign_view_state(view);
    state["campaign_cancel"] =
        cancel.open
            ? nlohmann::json({{"campaign_id", cancel.campaign_id},
                              {"name", cancel.name},
                              {"cancelling", cancel.request.loading()},
                              {"error", cancel.error.empty() ? nlohmann::json()
                                                             : nlohmann::json(cancel.error)}})
            : nlohmann::json();
    if (state["dialog"].is_null()) {
        if (cancel.open) {
            state["dialog"] = "campaign_cancel";
        } else if (view.open) {
            state["dialog"] = "campaign_view";
        }
    }
}

} // namespace waconsole
