// [SECTION] index: shared helpers, agent form, skillset form, one-time password.
// Widgets: team.agent_form.<field> (name, email, role.agent, role.admin, skillset.<id>,
// max_chats, licence, save, cancel, error, <field>.error), team.skillset_form.<field> (name,
// digit, digit.option.<0-9|none>, save, cancel, error, <field>.error), team.password,
// team.password.done.
#include "screens/team_forms.hpp"

#include "app.hpp"
#include "json_fields.hpp"
#include "platform/browser.hpp"
#include "shared/api_error.hpp"
#include "shared/email_address.hpp"
#include "widgets/modal.hpp"

#include <algorithm>
#include <imgui_stdlib.h>

namespace waconsole {

namespace {

constexpr int kMaxChats = 100;

// [SECTION] shared helpers

void field_error(const std::map<std::string, std::string>& errors, const std::string& field,
                 const std::string& widget, App& app) {
    const auto it = errors.find(field);
    if (it == errors.end() || it->second.empty()) {
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kErrorText);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(it->second.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    app.widgets.record_last_item(widget + "." + field + ".error");
}

void form_error(const std::string& error, const std::string& widget, App& app) {
    if (error.empty()) {
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kErrorText);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    app.widgets.record_last_item(widget + ".error");
}

// A refused save: field messages next to their fields (the API's field names are the form's),
// anything else under the form.
void take_refusal(const platform::HttpResponse& response,
                  std::map<std::string, std::string>& fields, std::string& error) {
    const ApiError refusal = api_error_from_body(response.status, response.body);
    fields.clear();
    for (const FieldError& field : refusal.fields) {
        fields[field.field] = field.message;
    }
    error = fields.empty() ? error_message(response) : "";
}

bool labelled_field(const char* label, const std::string& widget, std::string& value,
                    const char* hint, App& app) {
    ImGui::TextDisabled("%s", label);
    ImGui::SetNextItemWidth(-FLT_MIN);
    const bool edited = ImGui::InputTextWithHint(("##" + widget).c_str(), hint, &value);
    app.widgets.record_last_item(widget);
    return edited;
}

// [SECTION] agent form: POST /api/team/agents (201 with the one-time password) or /{id}

void save_agent(AgentForm& form, App& app) {
    form.field_errors.clear();
    form.error.clear();
    if (form.name.find_first_not_of(' ') == std::string::npos) {
        form.field_errors["name"] = "Enter the agent's name.";
    }
    if (const auto problem = email_address_problem(form.email)) {
        form.field_errors["email"] = *problem;
    }
    if (form.max_concurrent_chats < 1 || form.max_concurrent_chats > kMaxChats) {
        form.field_errors["max_concurrent_chats"] = "Between 1 and 100.";
    }
    if (!form.field_errors.empty()) {
        return;
    }
    const nlohmann::json body = {{"name", form.name},
                                 {"email", form.email},
                                 {"role", form.role},
                                 {"skillsets", form.skillsets},
                                 {"max_concurrent_chats", form.max_concurrent_chats},
                                 {"licence_type", form.licence_type}};
    const std::string path = form.agent_id ? "/api/team/agents/" + std::to_string(*form.agent_id)
                                           : std::string("/api/team/agents");
    form.request.start(api_post(app.api, path, body));
}

void take_agent_answer(AgentForm& form, NewPassword& password, App& app) {
    auto response = form.request.take_response();
    if (!response || end_session_if_unauthorized(app, *response)) {
        return;
    }
    if (!response->ok()) {
        take_refusal(*response, form.field_errors, form.error);
        return;
    }
    bump(app.live, topic_bit(Topic::team));
    // The password comes beside the agent or inside it.
    const nlohmann::json body = parse_answer(response->body);
    std::string secret = text_field(body, "password");
    if (secret.empty()) {
        secret = text_field(member(body, "agent"), "password");
    }
    if (!form.agent_id && !secret.empty()) {
        password = NewPassword{form.name, secret};
    } else {
        push_toast(app.toasts, ToastKind::info, "Saved " + form.name + ".",
                   platform::now_seconds());
    }
    form = AgentForm{};
}

void draw_agent_fields(AgentForm& form, App& app) {
    const std::string w = "team.agent_form";
    if (labelled_field("Name", w + ".name", form.name, "Ana García", app)) {
        form.field_errors.erase("name");
    }
    field_error(form.field_errors, "name", w, app);
    if (labelled_field("E-mail (the agent logs in with it)", w + ".email", form.email,
                       "ana@company.com", app)) {
        form.field_errors.erase("email");
    }
    field_error(form.field_errors, "email", w, app);

    ImGui::TextDisabled("Role");
    if (ImGui::RadioButton("Agent", form.role == "agent")) {
        form.role = "agent";
    }
    app.widgets.record_last_item(w + ".role.agent");
    ImGui::SameLine();
    if (ImGui::RadioButton("Administrator", form.role == "admin")) {
        form.role = "admin";
    }
    app.widgets.record_last_item(w + ".role.admin");

    ImGui::TextDisabled("Skillsets");
    if (app.team_data.skillsets.empty()) {
        ImGui::TextDisabled("No skillsets yet.");
    }
    for (const TeamSkillset& skillset : app.team_data.skillsets) {
        bool member = std::find(form.skillsets.begin(), form.skillsets.end(), skillset.id) !=
                      form.skillsets.end();
        ImGui::PushID(static_cast<int>(skillset.id));
        if (ImGui::Checkbox(skillset.name.c_str(), &member)) {
            if (member) {
                form.skillsets.push_back(skillset.id);
            } else {
                form.skillsets.erase(
                    std::remove(form.skillsets.begin(), form.skillsets.end(), skillset.id),
                    form.skillsets.end());
            }
        }
        app.widgets.record_last_item(w + ".skillset." + std::to_string(skillset.id));
        ImGui::PopID();
        ImGui::SameLine();
    }
    ImGui::NewLine();
    field_error(form.field_errors, "skillsets", w, app);

    ImGui::TextDisabled("Maximum concurrent chats");
    ImGui::SetNextItemWidth(em(8));
    // Typed, without the +/- buttons: a click near the field's middle must land in the field.
    if (ImGui::InputInt("##max_chats", &form.max_concurrent_chats, 0, 0)) {
        form.max_concurrent_chats = std::clamp(form.max_concurrent_chats, 1, kMaxChats);
        form.field_errors.erase("max_concurrent_chats");
    }
    app.widgets.record_last_item(w + ".max_chats");
    field_error(form.field_errors, "max_concurrent_chats", w, app);
    labelled_field("Licence type", w + ".licence", form.licence_type, "standard", app);
    field_error(form.field_errors, "licence_type", w, app);
}

// [SECTION] skillset form: POST /api/team/skillsets (201) or /{id}; a digit in use is a 409
// naming menu_digit

void save_skillset(SkillsetForm& form, App& app) {
    form.field_errors.clear();
    form.error.clear();
    if (form.name.find_first_not_of(' ') == std::string::npos) {
        form.field_errors["name"] = "Enter the skillset's name.";
        return;
    }
    nlohmann::json body = {{"name", form.name}, {"menu_digit", nullptr}};
    if (form.menu_digit >= 0) {
        body["menu_digit"] = form.menu_digit;
    }
    const std::string path = form.skillset_id
                                 ? "/api/team/skillsets/" + std::to_string(*form.skillset_id)
                                 : std::string("/api/team/skillsets");
    form.request.start(api_post(app.api, path, body));
}

void take_skillset_answer(SkillsetForm& form, App& app) {
    auto response = form.request.take_response();
    if (!response || end_session_if_unauthorized(app, *response)) {
        return;
    }
    if (!response->ok()) {
        take_refusal(*response, form.field_errors, form.error);
        return;
    }
    bump(app.live, topic_bit(Topic::team));
    push_toast(app.toasts, ToastKind::info, "Saved " + form.name + ".", platform::now_seconds());
    form = SkillsetForm{};
}

// The digit's owner, if another skillset has it.
std::string digit_owner(const App& app, const SkillsetForm& form, int digit) {
    for (const TeamSkillset& skillset : app.team_data.skillsets) {
        if (skillset.menu_digit == digit &&
            (!form.skillset_id || *form.skillset_id != skillset.id)) {
            return skillset.name;
        }
    }
    return "";
}

void draw_digit_picker(SkillsetForm& form, App& app) {
    const std::string w = "team.skillset_form.digit";
    ImGui::TextDisabled("Bot menu digit (the customer types it to choose this skillset)");
    const std::string current = form.menu_digit < 0 ? "None" : std::to_string(form.menu_digit);
    ImGui::SetNextItemWidth(em(10));
    const ImVec2 min = ImGui::GetCursorScreenPos();
    app.widgets.record(w, min, ImVec2(min.x + em(10), min.y + ImGui::GetFrameHeight()));
    if (ImGui::BeginCombo("##digit", current.c_str())) {
        if (ImGui::Selectable("None", form.menu_digit < 0)) {
            form.menu_digit = -1;
            form.field_errors.erase("menu_digit");
        }
        app.widgets.record_last_item(w + ".option.none");
        for (int digit = 0; digit <= 9; ++digit) {
            const std::string owner = digit_owner(app, form, digit);
            const std::string label =
                std::to_string(digit) + (owner.empty() ? "" : "  (" + owner + ")");
            if (ImGui::Selectable(label.c_str(), form.menu_digit == digit)) {
                form.menu_digit = digit;
                form.field_errors.erase("menu_digit");
            }
            app.widgets.record_last_item(w + ".option." + std::to_string(digit));
        }
        ImGui::EndCombo();
    }
}

} // namespace

// [SECTION] opening

void open_new_agent(AgentForm& form) {
    form = AgentForm{};
    form.open = true;
}

void open_edit_agent(AgentForm& form, const TeamAgent& agent) {
    form = AgentForm{};
    form.open = true;
    form.agent_id = agent.id;
    form.name = agent.name;
    form.email = agent.email;
    form.role = agent.role;
    form.skillsets = agent.skillsets;
    form.max_concurrent_chats = std::max(1, agent.max_concurrent_chats);
    form.licence_type = agent.licence_type;
}

void open_new_skillset(SkillsetForm& form) {
    form = SkillsetForm{};
    form.open = true;
}

void open_edit_skillset(SkillsetForm& form, const TeamSkillset& skillset) {
    form = SkillsetForm{};
    form.open = true;
    form.skillset_id = skillset.id;
    form.name = skillset.name;
    form.menu_digit = skillset.menu_digit.value_or(-1);
}

// [SECTION] drawing

void draw(AgentForm& form, NewPassword& password, App& app) {
    take_agent_answer(form, password, app);
    const float width = std::min(ImGui::GetIO().DisplaySize.x - em(2), em(30));
    if (!begin_modal("Agent###team_agent_form", form.open, ImVec2(width, 0))) {
        return;
    }
    ImGui::PushFont(app.fonts.bold);
    ImGui::TextUnformatted(form.agent_id ? "Edit agent" : "New agent");
    ImGui::PopFont();
    const bool saving = form.request.loading();
    ImGui::BeginDisabled(saving);
    draw_agent_fields(form, app);
    ImGui::EndDisabled();
    form_error(form.error, "team.agent_form", app);
    ImGui::Spacing();
    ImGui::BeginDisabled(saving);
    if (primary_button(saving ? "Saving…###save"
                              : (form.agent_id ? "Save###save" : "Create###save"))) {
        save_agent(form, app);
    }
    app.widgets.record_last_item("team.agent_form.save");
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
        form.open = false;
    }
    app.widgets.record_last_item("team.agent_form.cancel");
    ImGui::EndDisabled();
    end_modal(form.open);
}

void draw(SkillsetForm& form, App& app) {
    take_skillset_answer(form, app);
    const float width = std::min(ImGui::GetIO().DisplaySize.x - em(2), em(26));
    if (!begin_modal("Skillset###team_skillset_form", form.open, ImVec2(width, 0))) {
        return;
    }
    ImGui::PushFont(app.fonts.bold);
    ImGui::TextUnformatted(form.skillset_id ? "Edit skillset" : "New skillset");
    ImGui::PopFont();
    const bool saving = form.request.loading();
    ImGui::BeginDisabled(saving);
    if (labelled_field("Name", "team.skillset_form.name", form.name, "Sales", app)) {
        form.field_errors.erase("name");
    }
    field_error(form.field_errors, "name", "team.skillset_form", app);
    draw_digit_picker(form, app);
    field_error(form.field_errors, "menu_digit", "team.skillset_form", app);
    form_error(form.error, "team.skillset_form", app);
    ImGui::Spacing();
    if (primary_button(saving ? "Saving…###save" : "Save###save")) {
        save_skillset(form, app);
    }
    app.widgets.record_last_item("team.skillset_form.save");
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
        form.open = false;
    }
    app.widgets.record_last_item("team.skillset_form.cancel");
    ImGui::EndDisabled();
    end_modal(form.open);
}

void draw(NewPassword& password, App& app) {
    bool open = !password.password.empty();
    const float width = std::min(ImGui::GetIO().DisplaySize.x - em(2), em(28));
    if (!begin_modal("Password###team_password", open, ImVec2(width, 0))) {
        return;
    }
    ImGui::PushFont(app.fonts.bold);
    ImGui::Text("%s can log in now", password.agent_name.c_str());
    ImGui::PopFont();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted("Give them this password. It is shown only this once: waconsole keeps "
                           "only its hash.");
    ImGui::PopTextWrapPos();
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputText("##password", &password.password, ImGuiInputTextFlags_ReadOnly);
    app.widgets.record_last_item("team.password");
    if (primary_button("Done")) {
        open = false;
    }
    app.widgets.record_last_item("team.password.done");
    if (!open) {
        password = NewPassword{}; // forgotten for good
    }
    end_modal(open);
}

} // namespace waconsole
