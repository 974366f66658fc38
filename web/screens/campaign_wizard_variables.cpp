// [SECTION] index: the template, bindings, one variable's row, the step.
// Step 3, Variables: one row per variable of the template (Var1, Var2 ..., "Header var1",
// "Button N var"), each bound to a field of the recipients (the file's columns or the customer
// fields) or to typed text, and on the right the live preview of the first recipient's message
// (GET .../samples) with Meta's character counts. Next POSTs .../variables.
// Widgets: campaign.variables.<name>.source, campaign.variables.<name>.source.option.<field>,
// campaign.variables.<name>.source.option.text (Type text), campaign.variables.<name>.text,
// campaign.variables.<name>.error, campaign.variables.error, campaign.preview (and its
// .button.<index>, .body_count, .header_count).
#include "app.hpp"
#include "json_fields.hpp"
#include "screens/campaign_wizard.hpp"
#include "widgets/live_preview.hpp"

#include <imgui_stdlib.h>

namespace waconsole {

namespace {

// [SECTION] the template

std::vector<std::string> string_list(const nlohmann::json& list) {
    std::vector<std::string> out;
    if (list.is_array()) {
        for (const auto& item : list) {
            if (item.is_string()) {
                out.push_back(item.get<std::string>());
            }
        }
    }
    return out;
}

std::vector<std::string> draft_variables(const CampaignWizard& wizard) {
    return string_list(member(member(wizard.draft, "template"), "variables"));
}

// The first sample recipient's fields, phone included, for the preview.
std::map<std::string, std::string> sample_fields(const VariablesStep& step) {
    std::map<std::string, std::string> fields;
    if (step.samples.empty()) {
        return fields;
    }
    const nlohmann::json& sample = step.samples.front();
    fields["phone"] = text_field(sample, "phone");
    const nlohmann::json& values = member(sample, "fields");
    if (values.is_object()) {
        for (const auto& [key, value] : values.items()) {
            fields[key] = value.is_string() ? value.get<std::string>()
                                            : (value.is_null() ? std::string() : value.dump());
        }
    }
    return fields;
}

// [SECTION] answers

void take_answers(CampaignWizard& wizard, App& app) {
    VariablesStep& step = wizard.variables;
    if (auto response = step.samples_request.take_response()) {
        if (end_session_if_unauthorized(app, *response)) {
            return;
        }
        const nlohmann::json samples = member(parse_answer(response->body), "samples");
        step.samples = response->ok() && samples.is_array() ? samples : nlohmann::json::array();
        step.samples_loaded = true;
    }
    if (auto response = step.request.take_response()) {
        if (end_session_if_unauthorized(app, *response)) {
            return;
        }
        if (!response->ok()) {
            take_refusal(*response, step.errors, step.error);
            return;
        }
        take_draft(wizard, parse_answer(response->body));
        go_to_step(wizard, app, WizardStep::review);
    }
}

// [SECTION] one variable's row

std::string variable_label(const std::string& variable) {
    const std::string column = sample_column_for_variable(variable);
    if (variable.rfind("header.", 0) == 0 || variable.rfind("button.", 0) == 0) {
        return column;
    }
    return column + "  {{" + variable + "}}";
}

void draw_variable(CampaignWizard& wizard, App& app, const std::string& variable,
                   const std::vector<std::string>& fields,
                   const std::map<std::string, std::string>& sample) {
    VariablesStep& step = wizard.variables;
    VariableBinding& binding = step.bindings[variable];
    const std::string widget = "campaign.variables." + variable;
    ImGui::PushID(variable.c_str());
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(variable_label(variable).c_str());
    ImGui::SameLine(em(9));
    const bool typed = binding.source == VariableSource::text;
    const std::string shown = typed                   ? "Type text"
                              : binding.value.empty() ? "Choose…"
                                                      : binding.value;
    ImGui::SetNextItemWidth(em(10));
    bool changed = false;
    if (ImGui::BeginCombo("##source", shown.c_str())) {
        for (const std::string& field : fields) {
            if (ImGui::Selectable(field.c_str(), !typed && binding.value == field)) {
                binding = {VariableSource::field, field};
                changed = true;
            }
            app.widgets.record_last_item(widget + ".source.option." + field);
        }
        ImGui::Separator();
        if (ImGui::Selectable("Type text", typed)) {
            if (!typed) {
                binding = {VariableSource::text, ""};
            }
            changed = true;
        }
        app.widgets.record_last_item(widget + ".source.option.text");
        ImGui::EndCombo();
    }
    app.widgets.record_last_item(widget + ".source");
    if (binding.source == VariableSource::text) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(std::max(em(6), ImGui::GetContentRegionAvail().x));
        changed |=
            ImGui::InputTextWithHint("##text", "the text every message gets", &binding.value);
        app.widgets.record_last_item(widget + ".text");
    } else if (!binding.value.empty() && !sample.empty()) {
        ImGui::SameLine();
        const auto it = sample.find(binding.value);
        ImGui::TextDisabled("e.g. %s", it == sample.end() ? "" : it->second.c_str());
    }
    if (changed) {
        step.errors.erase("variables." + variable);
    }
    const auto error = step.errors.find("variables." + variable);
    error_text(error == step.errors.end() ? "" : error->second, widget + ".error", app);
    ImGui::PopID();
}

} // namespace

// [SECTION] the step

TemplateLayout draft_layout(const nlohmann::json& draft) {
    const nlohmann::json& tmpl = member(draft, "template");
    TemplateLayout layout;
    const nlohmann::json& header = member(tmpl, "header");
    layout.header_format = text_field(header, "format");
    layout.header_text = text_field(header, "text");
    layout.body = text_field(tmpl, "body");
    layout.footer = text_field(tmpl, "footer");
    const nlohmann::json& buttons = member(tmpl, "buttons");
    if (buttons.is_array()) {
        for (const auto& item : buttons) {
            TemplateButton button;
            button.index = int_field(item, "index");
            button.type = text_field(item, "type");
            button.text = text_field(item, "text");
            button.url = text_field(item, "url");
            button.phone_number = text_field(item, "phone_number");
            layout.buttons.push_back(std::move(button));
        }
    }
    return layout;
}

void enter_variables(CampaignWizard& wizard, App& app) {
    VariablesStep& step = wizard.variables;
    const std::vector<std::string> variables = draft_variables(wizard);
    const std::vector<std::string> fields = string_list(member(wizard.draft, "fields"));
    if (!step.filled) {
        step.filled = true;
        VariableBindings saved;
        bindings_from_json(member(wizard.draft, "variables"), saved);
        step.bindings = default_bindings(variables, fields);
        for (const auto& [name, binding] : saved) {
            step.bindings[name] = binding;
        }
    }
    // The recipients may have changed since: the preview's sample is asked for again.
    step.samples_request.start(api_get(app.api, draft_path(wizard, "/samples?limit=5")));
}

void next_variables(CampaignWizard& wizard, App& app) {
    VariablesStep& step = wizard.variables;
    step.error.clear();
    const std::vector<std::string> variables = draft_variables(wizard);
    if (const auto refusal =
            check_bindings(variables, step.bindings, string_list(member(wizard.draft, "fields")))) {
        step.errors.clear();
        for (const FieldError& field : refusal->fields) {
            step.errors[field.field] = field.message;
        }
        step.error = step.errors.empty() ? refusal->message : "";
        return;
    }
    step.request.start(api_post(app.api, draft_path(wizard, "/variables"),
                                {{"variables", to_json(step.bindings)}}));
}

void draw_variables(CampaignWizard& wizard, App& app) {
    take_answers(wizard, app);
    VariablesStep& step = wizard.variables;
    const std::vector<std::string> variables = draft_variables(wizard);
    const std::vector<std::string> fields = string_list(member(wizard.draft, "fields"));
    const std::map<std::string, std::string> sample = sample_fields(step);
    const TemplateLayout layout = draft_layout(wizard.draft);
    step.preview = render_layout(layout, resolve_variable_values(variables, step.bindings, sample));
    step.body_characters = utf8_characters(step.preview.body);
    step.header_characters = utf8_characters(step.preview.header);

    const float left = std::max(em(20), ImGui::GetContentRegionAvail().x - em(24));
    ImGui::BeginChild("##bindings", ImVec2(left, 0), false);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Fill each variable from a column of the recipients or type the text "
                        "every message gets.");
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2(0, em(0.3f)));
    if (variables.empty()) {
        ImGui::TextDisabled("This template has no variables: every customer gets the same text.");
    }
    for (const std::string& variable : variables) {
        draw_variable(wizard, app, variable, fields, sample);
    }
    error_text(step.error, "campaign.variables.error", app);
    ImGui::EndChild();
    ImGui::SameLine(0, em(1));
    ImGui::BeginChild("##preview", ImVec2(0, 0), false);
    ImGui::PushFont(app.fonts.bold);
    ImGui::TextUnformatted("Preview");
    ImGui::PopFont();
    if (!step.samples.empty()) {
        ImGui::TextDisabled("as %s will see it", text_field(step.samples.front(), "phone").c_str());
    } else {
        ImGui::TextDisabled(step.samples_loaded ? "no recipient yet" : "loading a recipient…");
    }
    draw_live_preview(step.preview, app.fonts.bold, "campaign.preview", app.widgets);
    ImGui::EndChild();
}

} // namespace waconsole
