// [SECTION] index: targets, submit, the target lists, the dialog.
// Widgets: transfer.to.skillset, transfer.to.user, transfer.skillset.<id>, transfer.user.<id>,
// transfer.mode.immediate, transfer.mode.exclusive, transfer.submit, transfer.cancel,
// transfer.close, transfer.refusal, transfer.error, transfer.warning, transfer.no_agent.
#include "screens/transfer_dialog.hpp"

#include "app.hpp"
#include "json_fields.hpp"
#include "platform/browser.hpp"
#include "widgets/browser_text.hpp"
#include "widgets/modal.hpp"
#include "widgets/status_badge.hpp"

namespace waconsole {

namespace {

constexpr Topics kTargetTopics = Topic::team | Topic::conversations;
constexpr const char* kPopupName = "Transfer conversation###transfer_dialog";

// [SECTION] targets: GET /api/transfer-targets, again whenever the team or the loads change

void take_targets(TransferDialog& dialog, App& app, const platform::HttpResponse& response) {
    if (end_session_if_unauthorized(app, response)) {
        return;
    }
    if (!response.ok()) {
        dialog.targets_error = error_message(response);
        return;
    }
    const nlohmann::json body = parse_answer(response.body);
    if (!member(body, "users").is_array() || !member(body, "skillsets").is_array()) {
        dialog.targets_error = "The server sent transfer targets this page cannot read.";
        return;
    }
    std::vector<TransferUser> users;
    for (const auto& in : member(body, "users")) {
        TransferUser user;
        user.id = number_field(in, "id").value_or(0);
        user.name = text_field(in, "name");
        user.presence = text_field(in, "presence");
        user.load = int_field(in, "load");
        user.capacity = int_field(in, "capacity");
        for (const auto& name : member(in, "skillsets")) {
            if (name.is_string()) {
                user.skillsets += (user.skillsets.empty() ? "" : ", ") + name.get<std::string>();
            }
        }
        users.push_back(std::move(user));
    }
    std::vector<TransferSkillset> skillsets;
    for (const auto& in : member(body, "skillsets")) {
        TransferSkillset skillset;
        skillset.id = number_field(in, "id").value_or(0);
        skillset.name = text_field(in, "name");
        if (const auto digit = number_field(in, "menu_digit")) {
            skillset.menu_digit = static_cast<int>(*digit);
        }
        skillset.ready_agents = int_field(in, "ready_agents");
        skillset.logged_in_agents = int_field(in, "logged_in_agents");
        skillsets.push_back(std::move(skillset));
    }
    dialog.users = std::move(users);
    dialog.skillsets = std::move(skillsets);
    dialog.targets_loaded = true;
    dialog.targets_error.clear();
}

void update_targets(TransferDialog& dialog, App& app) {
    if (auto response = dialog.targets_request.take_response()) {
        take_targets(dialog, app, *response);
    }
    const long long stamp = live_stamp(app.live, kTargetTopics);
    if (app.user && !dialog.targets_request.loading() && stamp != dialog.targets_stamp) {
        dialog.targets_request.start(api_get(app.api, "/api/transfer-targets"));
        dialog.targets_stamp = stamp;
    }
}

// [SECTION] submit: POST /api/conversations/{id}/transfer

std::string target_name(const TransferDialog& dialog) {
    if (dialog.to == TransferTo::user) {
        for (const auto& user : dialog.users) {
            if (user.id == dialog.target_id) {
                return user.name;
            }
        }
    } else {
        for (const auto& skillset : dialog.skillsets) {
            if (skillset.id == dialog.target_id) {
                return skillset.name;
            }
        }
    }
    return "#" + std::to_string(dialog.target_id);
}

void submit(TransferDialog& dialog, App& app) {
    nlohmann::json body = {{"mode", dialog.exclusive ? "exclusive" : "immediate"}};
    body[dialog.to == TransferTo::user ? "to_user_id" : "to_skillset_id"] = dialog.target_id;
    dialog.error.clear();
    dialog.submit_request.start(api_post(
        app.api, "/api/conversations/" + std::to_string(dialog.conversation_id) + "/transfer",
        body));
}

void take_submit(TransferDialog& dialog, App& app) {
    auto response = dialog.submit_request.take_response();
    if (!response || end_session_if_unauthorized(app, *response)) {
        return;
    }
    if (!response->ok()) {
        dialog.error = error_message(*response);
        if (response->status == 409) {
            dialog.can_transfer = false;
        }
        return;
    }
    // The tables and the open Info show the move now rather than at the next poll.
    bump(app.live, Topic::conversations | Topic::team);
    const std::string warning = text_field(parse_answer(response->body), "warning");
    const std::string summary = "Transferred " + dialog.customer + " to " + target_name(dialog) +
                                (dialog.exclusive ? " (exclusive)." : " (immediate).");
    if (warning.empty()) {
        push_toast(app.toasts, ToastKind::info, summary, platform::now_seconds());
        dialog.open = false;
        return;
    }
    dialog.done = true;
    dialog.warning = warning;
}

// [SECTION] the target lists

void draw_skillsets(TransferDialog& dialog, App& app) {
    if (dialog.skillsets.empty()) {
        ImGui::TextDisabled(dialog.targets_loaded ? "No skillsets yet: add them on the Team page."
                                                  : "Loading skillsets…");
    }
    for (const auto& skillset : dialog.skillsets) {
        ImGui::PushID(static_cast<int>(skillset.id));
        const ImVec2 start = ImGui::GetCursorPos();
        if (ImGui::Selectable("##skillset", dialog.target_id == skillset.id,
                              ImGuiSelectableFlags_AllowItemOverlap,
                              ImVec2(0, ImGui::GetFrameHeight()))) {
            dialog.target_id = skillset.id;
        }
        app.widgets.record_last_item("transfer.skillset." + std::to_string(skillset.id));
        ImGui::SetCursorPos(ImVec2(start.x + em(0.4f), start.y));
        ImGui::AlignTextToFramePadding();
        draw_line_text(skillset.name, em(11), app.widgets);
        if (skillset.menu_digit) {
            ImGui::SameLine();
            ImGui::TextDisabled("digit %d", *skillset.menu_digit);
        }
        // Whether someone with the skill can take it now: the guide's "agent ready" icon.
        ImGui::SameLine(em(16));
        char text[64];
        if (skillset.ready_agents > 0) {
            std::snprintf(text, sizeof(text), "%d agent%s ready now", skillset.ready_agents,
                          skillset.ready_agents == 1 ? "" : "s");
            draw_status_badge("ready", text);
        } else {
            std::snprintf(text, sizeof(text), "no agent ready · %d logged in",
                          skillset.logged_in_agents);
            draw_status_badge("offline", text);
        }
        ImGui::PopID();
    }
}

void draw_users(TransferDialog& dialog, App& app) {
    if (dialog.users.empty()) {
        ImGui::TextDisabled(dialog.targets_loaded ? "No agents yet: add them on the Team page."
                                                  : "Loading agents…");
    }
    for (const auto& user : dialog.users) {
        ImGui::PushID(static_cast<int>(user.id));
        const ImVec2 start = ImGui::GetCursorPos();
        if (ImGui::Selectable("##user", dialog.target_id == user.id,
                              ImGuiSelectableFlags_AllowItemOverlap,
                              ImVec2(0, ImGui::GetFrameHeight()))) {
            dialog.target_id = user.id;
        }
        app.widgets.record_last_item("transfer.user." + std::to_string(user.id));
        ImGui::SetCursorPos(ImVec2(start.x + em(0.4f), start.y));
        ImGui::AlignTextToFramePadding();
        draw_line_text(user.name, em(11), app.widgets);
        ImGui::SameLine(em(12));
        draw_status_badge(user.presence);
        ImGui::SameLine(em(19));
        ImGui::Text("load %d / %d", user.load, user.capacity);
        ImGui::SameLine(em(25));
        ImGui::TextDisabled("%s", user.skillsets.c_str());
        ImGui::PopID();
    }
}

void draw_choice(const char* label, const char* widget, bool active, App& app, bool& clicked) {
    if (ImGui::RadioButton(label, active)) {
        clicked = true;
    }
    app.widgets.record_last_item(widget);
}

void draw_message(const std::string& text, ImU32 colour, const char* widget, App& app) {
    if (text.empty()) {
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    app.widgets.record_last_item(widget);
}

// Said before the transfer, not only after it: a skillset nobody with the skill is logged in to
// would leave the conversation waiting with no one to take it.
void draw_no_agent_warning(const TransferDialog& dialog, App& app) {
    if (dialog.to != TransferTo::skillset || dialog.target_id == 0 || dialog.done) {
        return;
    }
    for (const auto& skillset : dialog.skillsets) {
        if (skillset.id == dialog.target_id && skillset.logged_in_agents == 0) {
            draw_message("No agent of " + skillset.name +
                             " is logged in: the conversation waits until one logs in.",
                         palette::kWarningText, "transfer.no_agent", app);
        }
    }
}

// [SECTION] the dialog

void draw_body(TransferDialog& dialog, App& app) {
    ImGui::TextDisabled("Conversation #%lld", dialog.conversation_id);
    ImGui::SameLine();
    draw_line_text(dialog.customer, ImGui::GetContentRegionAvail().x, app.widgets);
    ImGui::Separator();
    if (!dialog.can_transfer) {
        draw_message(dialog.refusal.empty() ? "This conversation cannot be transferred."
                                            : dialog.refusal,
                     palette::kErrorText, "transfer.refusal", app);
    }
    ImGui::BeginDisabled(!dialog.can_transfer || dialog.done);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Transfer to");
    ImGui::SameLine();
    bool clicked = false;
    draw_choice("Skillset", "transfer.to.skillset", dialog.to == TransferTo::skillset, app,
                clicked);
    if (clicked && dialog.to != TransferTo::skillset) {
        dialog.to = TransferTo::skillset;
        dialog.target_id = 0;
    }
    ImGui::SameLine();
    clicked = false;
    draw_choice("User", "transfer.to.user", dialog.to == TransferTo::user, app, clicked);
    if (clicked && dialog.to != TransferTo::user) {
        dialog.to = TransferTo::user;
        dialog.target_id = 0;
    }

    ImGui::BeginChild("##targets", ImVec2(0, em(12)), true);
    if (!dialog.targets_error.empty()) {
        draw_message(dialog.targets_error, palette::kErrorText, "transfer.targets_error", app);
    } else if (dialog.to == TransferTo::skillset) {
        draw_skillsets(dialog, app);
    } else {
        draw_users(dialog, app);
    }
    ImGui::EndChild();

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Mode");
    ImGui::SameLine();
    clicked = false;
    draw_choice("Immediate", "transfer.mode.immediate", !dialog.exclusive, app, clicked);
    if (clicked) {
        dialog.exclusive = false;
    }
    ImGui::SameLine();
    clicked = false;
    draw_choice("Exclusive", "transfer.mode.exclusive", dialog.exclusive, app, clicked);
    if (clicked) {
        dialog.exclusive = true;
    }
    ImGui::PushTextWrapPos(0.0f);
    if (dialog.to == TransferTo::user) {
        ImGui::TextDisabled(dialog.exclusive
                                ? "Exclusive: it waits in this user's own queue; no one else "
                                  "may take it."
                                : "Immediate: this user gets it now.");
    } else {
        ImGui::TextDisabled(dialog.exclusive
                                ? "Exclusive: reserved for an agent of this skillset only."
                                : "Immediate: to the head of this skillset's queue and the first "
                                  "ready agent with the skill.");
    }
    ImGui::PopTextWrapPos();
    ImGui::EndDisabled();
    draw_no_agent_warning(dialog, app);
}

void draw_buttons(TransferDialog& dialog, App& app) {
    draw_message(dialog.error, palette::kErrorText, "transfer.error", app);
    if (dialog.done) {
        draw_message("Transferred to " + target_name(dialog) + ".", palette::kSuccess,
                     "transfer.done", app);
        draw_message(dialog.warning, palette::kWarningText, "transfer.warning", app);
        if (primary_button("Close")) {
            dialog.open = false;
        }
        app.widgets.record_last_item("transfer.close");
        return;
    }
    const bool sending = dialog.submit_request.loading();
    ImGui::BeginDisabled(!dialog.can_transfer || dialog.target_id == 0 || sending);
    if (primary_button(sending ? "Transferring…###submit" : "Transfer###submit")) {
        submit(dialog, app);
    }
    ImGui::EndDisabled();
    app.widgets.record_last_item("transfer.submit");
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
        dialog.open = false;
    }
    app.widgets.record_last_item("transfer.cancel");
}

} // namespace

void open_transfer(TransferDialog& dialog, long long conversation_id, std::string customer,
                   bool can_transfer, std::string refusal) {
    // The targets already loaded stay: they are refetched anyway when they changed.
    TransferDialog next;
    next.users = std::move(dialog.users);
    next.skillsets = std::move(dialog.skillsets);
    next.targets_loaded = dialog.targets_loaded;
    next.targets_stamp = -1;
    next.open = true;
    next.conversation_id = conversation_id;
    next.customer = std::move(customer);
    next.can_transfer = can_transfer;
    next.refusal = std::move(refusal);
    dialog = std::move(next);
}

void draw(TransferDialog& dialog, App& app) {
    take_submit(dialog, app);
    if (dialog.open && app.user) {
        update_targets(dialog, app);
    }
    const float width = std::min(ImGui::GetIO().DisplaySize.x - em(2), em(40));
    if (!begin_modal(kPopupName, dialog.open, ImVec2(width, 0))) {
        return;
    }
    ImGui::PushFont(app.fonts.bold);
    ImGui::TextUnformatted("Transfer conversation");
    ImGui::PopFont();
    draw_body(dialog, app);
    ImGui::Spacing();
    draw_buttons(dialog, app);
    end_modal(dialog.open);
}

} // namespace waconsole
