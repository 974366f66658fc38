// [SECTION] index: loading (overview, newest page, older pages), the overview, the dialog.
// Widgets: info.overview, info.transcript, info.email (the toggle), info.close, info.error,
// info.transcript_error.
#include "screens/info_dialog.hpp"

#include "app.hpp"
#include "json_fields.hpp"
#include "shared/xlsx_download.hpp"
#include "widgets/browser_text.hpp"
#include "widgets/cell_format.hpp"
#include "widgets/modal.hpp"
#include "widgets/status_badge.hpp"

namespace waconsole {

namespace {

constexpr const char* kPopupName = "Conversation info###info_dialog";
constexpr Topics kOverviewTopics = Topic::conversations | Topic::team | topic_bit(Topic::unmanaged);
constexpr Topics kMessageTopics = topic_bit(Topic::messages);

// [SECTION] loading

std::string base_path(const InfoDialog& dialog) {
    return "/api/conversations/" + std::to_string(dialog.conversation_id);
}

void take_overview(InfoDialog& dialog, App& app) {
    auto response = dialog.overview_request.take_response();
    if (!response || end_session_if_unauthorized(app, *response)) {
        return;
    }
    if (!response->ok()) {
        dialog.error = error_message(*response);
        return;
    }
    const nlohmann::json body = parse_answer(response->body);
    if (!member(body, "conversation").is_object()) {
        dialog.error = "The server sent an overview this page cannot read.";
        return;
    }
    dialog.conversation = member(body, "conversation");
    dialog.error.clear();
}

// A page of messages, oldest first; false when the answer cannot be read.
bool read_messages(const platform::HttpResponse& response, std::vector<TranscriptMessage>& out,
                   bool& more) {
    const nlohmann::json body = parse_answer(response.body);
    if (!member(body, "messages").is_array()) {
        return false;
    }
    for (const auto& in : member(body, "messages")) {
        const auto id = number_field(in, "id");
        if (!id) {
            continue;
        }
        TranscriptMessage message;
        message.id = *id;
        message.inbound = text_field(in, "direction") == "in";
        message.kind = text_field(in, "kind");
        message.body = text_field(in, "body");
        message.status = text_field(in, "status");
        message.agent = text_field(in, "agent");
        message.error = text_field(in, "error");
        message.at = number_field(in, "at").value_or(0);
        out.push_back(std::move(message));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    more = flag_field(body, "more");
    return true;
}

void take_newest(InfoDialog& dialog, App& app) {
    auto response = dialog.newest_request.take_response();
    if (!response || end_session_if_unauthorized(app, *response)) {
        return;
    }
    std::vector<TranscriptMessage> page;
    bool more = false;
    if (!response->ok() || !read_messages(*response, page, more)) {
        dialog.transcript_error = response->ok() ? "The server sent messages this page cannot read."
                                                 : error_message(*response);
        return;
    }
    dialog.transcript_error.clear();
    TranscriptView& view = dialog.transcript;
    const bool gap = !view.messages.empty() && !page.empty() && more &&
                     page.front().id > view.messages.back().id;
    if (!dialog.transcript_loaded || gap) {
        // First page, or more arrived than one page holds: start again from the newest.
        view = TranscriptView{};
        dialog.more_before = more;
    }
    append_messages(view, std::move(page));
    dialog.transcript_loaded = true;
}

void take_older(InfoDialog& dialog, App& app) {
    auto response = dialog.older_request.take_response();
    if (!response || end_session_if_unauthorized(app, *response)) {
        return;
    }
    std::vector<TranscriptMessage> page;
    bool more = false;
    if (!response->ok() || !read_messages(*response, page, more)) {
        dialog.transcript_error = response->ok() ? "The server sent messages this page cannot read."
                                                 : error_message(*response);
        return;
    }
    dialog.transcript_error.clear();
    dialog.more_before = more && !page.empty();
    prepend_messages(dialog.transcript, std::move(page));
}

void update_loading(InfoDialog& dialog, App& app) {
    take_overview(dialog, app);
    take_newest(dialog, app);
    take_older(dialog, app);
    if (!app.user) {
        return;
    }
    const long long overview_stamp = live_stamp(app.live, kOverviewTopics);
    if (!dialog.overview_request.loading() && overview_stamp != dialog.overview_stamp) {
        dialog.overview_request.start(api_get(app.api, base_path(dialog)));
        dialog.overview_stamp = overview_stamp;
    }
    const long long messages_stamp = live_stamp(app.live, kMessageTopics);
    if (!dialog.newest_request.loading() && messages_stamp != dialog.messages_stamp) {
        dialog.newest_request.start(api_get(
            app.api, base_path(dialog) + "/messages?limit=" + std::to_string(kTranscriptPageSize)));
        dialog.messages_stamp = messages_stamp;
        ++dialog.pages_fetched;
    }
}

void fetch_older(InfoDialog& dialog, App& app) {
    if (!dialog.transcript_loaded || !dialog.more_before || dialog.older_request.loading() ||
        dialog.transcript.messages.empty() || !dialog.transcript_error.empty()) {
        return;
    }
    dialog.older_request.start(api_get(
        app.api, base_path(dialog) +
                     "/messages?before=" + std::to_string(dialog.transcript.messages.front().id) +
                     "&limit=" + std::to_string(kTranscriptPageSize)));
    ++dialog.pages_fetched;
}

// [SECTION] the overview

const char* state_label(const std::string& state) {
    if (state == "bot") {
        return "Unmanaged (with the bot)";
    }
    if (state == "waiting") {
        return "Waiting";
    }
    if (state == "active") {
        return "Active";
    }
    if (state == "closed") {
        return "Closed";
    }
    return "Unknown";
}

std::string time_text(const nlohmann::json& in, const char* key) {
    const auto at = number_field(in, key);
    return at ? format_local_datetime(*at) : std::string("—");
}

std::string name_of(const nlohmann::json& in, const char* key) {
    const std::string name = text_field(member(in, key), "name");
    return name.empty() ? "—" : name;
}

// What the overview says, label by label, for the test hook.
using ShownFields = std::map<std::string, std::string>;

// A customer's name and words may be in any script: the browser draws what the atlas cannot.
void field(const char* label, const std::string& value, ShownFields& shown, WidgetRects& rects) {
    shown[label] = value.empty() ? "—" : value;
    ImGui::TextDisabled("%s", label);
    ImGui::Indent(em(0.5f));
    draw_wrapped_text(value.empty() ? "—" : value, ImGui::GetContentRegionAvail().x, rects);
    ImGui::Unindent(em(0.5f));
}

void draw_transfers(const nlohmann::json& transfers, ShownFields& shown) {
    ImGui::TextDisabled("Transfers");
    if (!transfers.is_array() || transfers.empty()) {
        ImGui::Indent(em(0.5f));
        ImGui::TextUnformatted("None");
        ImGui::Unindent(em(0.5f));
        shown["Transfers"] = "None";
        return;
    }
    for (const auto& transfer : transfers) {
        std::string from = text_field(transfer, "from_agent");
        if (from.empty()) {
            from = text_field(transfer, "from_skillset");
        }
        std::string to = text_field(transfer, "to_user");
        if (to.empty()) {
            to = text_field(transfer, "to_skillset");
        }
        const std::string line = time_text(transfer, "at") + "  " + (from.empty() ? "bot" : from) +
                                 " to " + to + " (" + text_field(transfer, "mode") + ", by " +
                                 text_field(transfer, "by") + ")";
        shown["Transfers"] += (shown["Transfers"].empty() ? "" : "\n") + line;
        ImGui::Indent(em(0.5f));
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(line.c_str());
        ImGui::PopTextWrapPos();
        ImGui::Unindent(em(0.5f));
    }
}

void draw_overview(InfoDialog& dialog, App& app) {
    const nlohmann::json& c = dialog.conversation;
    ShownFields& shown = dialog.shown;
    shown.clear();
    if (!dialog.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette::kErrorText);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(dialog.error.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        app.widgets.record_last_item("info.error");
    }
    if (c.is_null()) {
        ImGui::TextDisabled("Loading…");
        return;
    }
    const nlohmann::json& customer = member(c, "customer");
    std::string who = text_field(customer, "name");
    const std::string phone = text_field(customer, "phone");
    if (!phone.empty()) {
        who += (who.empty() ? "" : "\n") + phone;
    }
    const std::string username = text_field(customer, "username");
    if (!username.empty()) {
        who += "\n@" + username;
    }
    field("Customer", who, shown, app.widgets);
    const std::string state = text_field(c, "state");
    ImGui::TextDisabled("State");
    ImGui::Indent(em(0.5f));
    ImGui::TextUnformatted(state_label(state));
    shown["State"] = state_label(state);
    const std::string status = text_field(c, "status");
    if (!status.empty()) {
        ImGui::SameLine(0, em(0.6f));
        draw_status_badge(status);
    }
    ImGui::Unindent(em(0.5f));
    field("Agent", name_of(c, "agent"), shown, app.widgets);
    field("Skillset", name_of(c, "skillset"), shown, app.widgets);
    field("Started", time_text(c, "started_at"), shown, app.widgets);
    std::string last = text_field(c, "last_message");
    if (number_field(c, "last_message_at")) {
        last += (last.empty() ? "" : "\n") + time_text(c, "last_message_at");
    }
    field("Last message from the customer", last, shown, app.widgets);
    if (state != "closed") {
        field("24-hour window ends", time_text(c, "window_expires_at"), shown, app.widgets);
    } else {
        field("Closed at", time_text(c, "closed_at"), shown, app.widgets);
        field("Close reason", text_field(c, "close_reason"), shown, app.widgets);
        field("Licence type", text_field(c, "licence_type"), shown, app.widgets);
    }
    if (const auto count = number_field(c, "message_count")) {
        field("Messages", group_thousands(*count), shown, app.widgets);
    }
    draw_transfers(member(c, "transfers"), shown);
}

// [SECTION] the dialog

void draw_contents(InfoDialog& dialog, App& app) {
    const std::string name = text_field(member(dialog.conversation, "customer"), "name");
    ImGui::PushFont(app.fonts.bold);
    ImGui::Text("Conversation #%lld", dialog.conversation_id);
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextDisabled("%s", (name.empty() ? dialog.customer : name).c_str());
    const float close_width = ImGui::CalcTextSize("Close").x + ImGui::GetStyle().FramePadding.x * 2;
    const float email_width =
        ImGui::CalcTextSize("Send via e-mail").x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - close_width - email_width -
                    ImGui::GetStyle().ItemSpacing.x);
    ImGui::BeginDisabled(dialog.email.open);
    if (ImGui::Button("Send via e-mail")) {
        dialog.email.open = true;
    }
    ImGui::EndDisabled();
    app.widgets.record_last_item("info.email");
    ImGui::SameLine();
    if (ImGui::Button("Close")) {
        dialog.open = false;
    }
    app.widgets.record_last_item("info.close");
    ImGui::Separator();

    const float height = ImGui::GetContentRegionAvail().y;
    ImGui::BeginChild("info.overview", ImVec2(em(17), height), false);
    draw_overview(dialog, app);
    ImGui::EndChild();
    app.widgets.record_last_item("info.overview");
    ImGui::SameLine(0, em(1));

    ImGui::BeginGroup();
    draw_email_form(dialog.email, dialog.conversation_id, app);
    if (dialog.email.open) {
        ImGui::Separator();
    }
    const auto count = number_field(dialog.conversation, "message_count");
    ImGui::TextDisabled(
        "Transcript · %s of %s messages loaded",
        group_thousands(static_cast<long long>(dialog.transcript.messages.size())).c_str(),
        count ? group_thousands(*count).c_str() : "?");
    if (dialog.older_request.loading()) {
        ImGui::SameLine();
        ImGui::TextDisabled("· loading older…");
    }
    if (!dialog.transcript_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette::kErrorText);
        ImGui::TextUnformatted(dialog.transcript_error.c_str());
        ImGui::PopStyleColor();
        app.widgets.record_last_item("info.transcript_error");
    }
    const ImVec2 size(ImGui::GetContentRegionAvail().x, ImGui::GetContentRegionAvail().y);
    if (draw_transcript(dialog.transcript, "info.transcript", size, app.widgets)) {
        fetch_older(dialog, app);
    }
    ImGui::EndGroup();
}

} // namespace

void open_info(InfoDialog& dialog, long long conversation_id, std::string customer) {
    // An e-mail still on its way is told about even if another conversation is opened.
    EmailForm email = std::move(dialog.email);
    dialog = InfoDialog{};
    if (email.request.loading()) {
        dialog.email.request = std::move(email.request);
        dialog.email.sent_to = std::move(email.sent_to);
    }
    dialog.open = true;
    dialog.conversation_id = conversation_id;
    dialog.customer = std::move(customer);
}

void draw(InfoDialog& dialog, App& app) {
    take_email_answer(dialog.email, app);
    if (dialog.open && app.user) {
        update_loading(dialog, app);
    }
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const ImVec2 size(std::min(display.x - em(2), em(62)), std::max(em(20), display.y - em(4)));
    if (!begin_modal(kPopupName, dialog.open, size, ImGuiWindowFlags_NoScrollbar)) {
        return;
    }
    draw_contents(dialog, app);
    end_modal(dialog.open);
}

} // namespace waconsole
