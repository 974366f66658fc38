// Interactive messages (reply buttons and lists) and their size limits from
// shared/docs/meta-cloud-api.md "Limits". Whether the window is open is checked after acceptance.
#include "metasim/send_validation.hpp"
#include "shared/template_text.hpp"

#include <set>

namespace waconsole::metasim {
namespace {

using json = nlohmann::json;

std::optional<GraphError> check_string(const json& object, const char* key, std::size_t limit,
                                       const std::string& where, bool required) {
    if (!object.is_object() || !object.contains(key)) {
        return required ? std::optional<GraphError>(invalid_parameter_error(
                              "The parameter " + where + "['" + key + "'] is required."))
                        : std::nullopt;
    }
    const json& value = object.at(key);
    if (!value.is_string() || (required && value.get<std::string>().empty())) {
        return invalid_parameter_error("Param " + where + "['" + key + "'] must be a string.");
    }
    if (utf8_character_count(value.get<std::string>()) > limit) {
        return invalid_parameter_error("Param " + where + "['" + key + "'] must be at most " +
                                       std::to_string(limit) + " characters long.");
    }
    return std::nullopt;
}

std::optional<GraphError> check_reply_buttons(const json& action) {
    const json buttons = action.value("buttons", json());
    if (!buttons.is_array() || buttons.empty() || buttons.size() > 3) {
        return invalid_parameter_error("Param interactive['action']['buttons'] must have 1 to 3 "
                                       "buttons.");
    }
    std::set<std::string> ids;
    for (const auto& button : buttons) {
        if (!button.is_object() || button.value("type", "") != "reply" ||
            !button.contains("reply")) {
            return invalid_parameter_error("Each button must be {\"type\":\"reply\",\"reply\":"
                                           "{\"id\",\"title\"}}.");
        }
        const json& reply = button.at("reply");
        for (auto problem : {check_string(reply, "id", 256, "reply", true),
                             check_string(reply, "title", 20, "reply", true)}) {
            if (problem) {
                return problem;
            }
        }
        if (!ids.insert(reply.at("id").get<std::string>()).second) {
            return invalid_parameter_error("Button ids must be unique.");
        }
    }
    return std::nullopt;
}

std::optional<GraphError> check_list(const json& action) {
    if (auto problem = check_string(action, "button", 20, "action", true)) {
        return problem;
    }
    const json sections = action.value("sections", json());
    if (!sections.is_array() || sections.empty() || sections.size() > 10) {
        return invalid_parameter_error("Param interactive['action']['sections'] must have 1 to 10 "
                                       "sections.");
    }
    std::size_t rows_total = 0;
    for (const auto& section : sections) {
        if (auto problem = check_string(section, "title", 24, "section", false)) {
            return problem;
        }
        const json rows = section.is_object() ? section.value("rows", json()) : json();
        if (!rows.is_array() || rows.empty()) {
            return invalid_parameter_error("Every section needs at least one row.");
        }
        rows_total += rows.size();
        for (const auto& row : rows) {
            for (auto problem : {check_string(row, "id", 200, "row", true),
                                 check_string(row, "title", 24, "row", true),
                                 check_string(row, "description", 72, "row", false)}) {
                if (problem) {
                    return problem;
                }
            }
        }
    }
    if (rows_total > 10) {
        return invalid_parameter_error("A list may have at most 10 rows in total.");
    }
    return std::nullopt;
}

} // namespace

std::optional<GraphError> validate_interactive(const json& interactive) {
    const std::string type = interactive.value("type", "");
    if (type != "button" && type != "list") {
        return invalid_parameter_error("Param interactive['type'] must be one of {BUTTON, LIST}.");
    }
    if (auto problem =
            check_string(interactive.value("body", json::object()), "text", 1024, "body", true)) {
        return problem;
    }
    if (interactive.contains("header")) {
        if (auto problem = check_string(interactive.at("header"), "text", 60, "header", false)) {
            return problem;
        }
    }
    if (interactive.contains("footer")) {
        if (auto problem = check_string(interactive.at("footer"), "text", 60, "footer", true)) {
            return problem;
        }
    }
    const json action = interactive.value("action", json());
    if (!action.is_object()) {
        return invalid_parameter_error("The parameter interactive['action'] is required.");
    }
    return type == "button" ? check_reply_buttons(action) : check_list(action);
}

} // namespace waconsole::metasim
