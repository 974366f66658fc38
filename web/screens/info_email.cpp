// The e-mail form and its request.
#include "screens/info_email.hpp"

#include "app.hpp"
#include "platform/browser.hpp"
#include "shared/api_error.hpp"
#include "shared/email_address.hpp"

#include <imgui_stdlib.h>

namespace waconsole {

namespace {

void send(EmailForm& form, long long conversation_id, App& app) {
    form.to_error = email_address_problem(form.to).value_or("");
    form.body_error = email_body_problem(form.body).value_or("");
    form.error.clear();
    if (!form.to_error.empty() || !form.body_error.empty()) {
        return;
    }
    form.sent_to = form.to;
    form.request.start(
        api_post(app.api, "/api/conversations/" + std::to_string(conversation_id) + "/email",
                 // The transcript's times on the administrator's clock, like the tables' files.
                 {{"to", form.to}, {"body", form.body}, {"time_zone", platform::time_zone()}}));
}

void field_error(const std::string& text, const char* widget, App& app) {
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

} // namespace

void take_email_answer(EmailForm& form, App& app) {
    auto response = form.request.take_response();
    if (!response || end_session_if_unauthorized(app, *response)) {
        return;
    }
    if (response->ok()) {
        push_toast(app.toasts, ToastKind::info, "Sent the conversation to " + form.sent_to + ".",
                   platform::now_seconds());
        form = EmailForm{};
        return;
    }
    // A 422 names the field at fault: its message goes next to that field.
    const ApiError error = api_error_from_body(response->status, response->body);
    bool placed = false;
    for (const FieldError& field : error.fields) {
        if (form.open && field.field == "to") {
            form.to_error = field.message;
            placed = true;
        } else if (form.open && field.field == "body") {
            form.body_error = field.message;
            placed = true;
        }
    }
    if (!placed) {
        form.error = error_message(*response);
        push_toast(app.toasts, ToastKind::error,
                   "The e-mail to " + form.sent_to + " was not sent: " + form.error,
                   platform::now_seconds());
    }
}

void draw_email_form(EmailForm& form, long long conversation_id, App& app) {
    if (!form.open) {
        return;
    }
    const bool sending = form.request.loading();
    ImGui::BeginDisabled(sending);
    ImGui::TextUnformatted("Send this conversation by e-mail");
    ImGui::TextDisabled("To");
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::InputTextWithHint("##email_to", "name@example.com", &form.to)) {
        form.to_error.clear();
    }
    app.widgets.record_last_item("info.email.to");
    field_error(form.to_error, "info.email.to.error", app);
    ImGui::TextDisabled("Message (the transcript follows it)");
    if (ImGui::InputTextMultiline("##email_body", &form.body, ImVec2(-FLT_MIN, em(4.5f)))) {
        form.body_error.clear();
    }
    app.widgets.record_last_item("info.email.body");
    field_error(form.body_error, "info.email.body.error", app);
    field_error(form.error, "info.email.error", app);
    if (primary_button(sending ? "Sending…###send" : "Send###send")) {
        send(form, conversation_id, app);
    }
    app.widgets.record_last_item("info.email.send");
    ImGui::SameLine();
    if (ImGui::Button("Cancel###email_cancel")) {
        form = EmailForm{};
    }
    app.widgets.record_last_item("info.email.cancel");
    ImGui::EndDisabled();
}

} // namespace waconsole
