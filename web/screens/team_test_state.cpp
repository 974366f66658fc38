// What the test hook reports while Team is open: the team as loaded, the open form with its field
// errors, the one-time password shown, and what each agent row showed. Apart from the page so the
// page's file stays about drawing.
#include "app.hpp"
#include "json_fields.hpp"
#include "screens/team_screen.hpp"

namespace waconsole {

namespace {

nlohmann::json text_or_null(const std::string& text) {
    return text.empty() ? nlohmann::json() : nlohmann::json(text);
}

nlohmann::json errors_json(const std::map<std::string, std::string>& errors) {
    auto out = nlohmann::json::object();
    for (const auto& [field, message] : errors) {
        out[field] = message;
    }
    return out;
}

nlohmann::json agent_form_state(const AgentForm& form) {
    return {{"agent_id", form.agent_id ? nlohmann::json(*form.agent_id) : nlohmann::json()},
            {"name", form.name},
            {"email", form.email},
            {"skillsets", form.skillsets},
            {"max_concurrent_chats", form.max_concurrent_chats},
            {"licence_type", form.licence_type},
            {"errors", errors_json(form.field_errors)},
            {"error", text_or_null(form.error)},
            {"saving", form.request.loading()}};
}

nlohmann::json skillset_form_state(const SkillsetForm& form) {
    return {
        {"skillset_id", form.skillset_id ? nlohmann::json(*form.skillset_id) : nlohmann::json()},
        {"name", form.name},
        {"menu_digit", form.menu_digit < 0 ? nlohmann::json() : nlohmann::json(form.menu_digit)},
        {"errors", errors_json(form.field_errors)},
        {"error", text_or_null(form.error)},
        {"saving", form.request.loading()}};
}

} // namespace

void TeamScreen::add_test_state(const App& app, nlohmann::json& state) const {
    auto cells = nlohmann::json::object();
    for (const auto& [row_id, row] : app.widgets.cells()) {
        cells[std::to_string(row_id)] = row;
    }
    state["team"] = {
        {"loaded", app.team_data.loaded},
        {"loading", app.team_data.request.busy()},
        {"error", text_or_null(app.team_data.error)},
        {"agents", member(app.team_data.raw, "agents")},
        {"skillsets", member(app.team_data.raw, "skillsets")},
        {"agent_form", agent_form.open ? agent_form_state(agent_form) : nlohmann::json()},
        {"skillset_form",
         skillset_form.open ? skillset_form_state(skillset_form) : nlohmann::json()},
        {"password", text_or_null(new_password.password)},
        {"cells", std::move(cells)},
    };
    // The section's own dialogs, under the dialogs over every section.
    if (state["dialog"].is_null()) {
        if (agent_form.open) {
            state["dialog"] = "agent_form";
        } else if (skillset_form.open) {
            state["dialog"] = "skillset_form";
        } else if (!new_password.password.empty()) {
            state["dialog"] = "password";
        }
    }
}

} // namespace waconsole
