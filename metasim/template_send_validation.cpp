// The template rules of a send, in the order Meta applies them: the template must exist in that
// language and be approved, the parameters must match its variables in number and format, each
// value must be clean, and the body after substitution must fit in 1,024 characters.
#include "metasim/send_validation.hpp"
#include "shared/meta_limits.hpp"
#include "shared/template_text.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace waconsole::metasim {
namespace {

using json = nlohmann::json;

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// A parameter's value: the text of a text parameter, the fallback of a currency or date.
std::optional<std::string> parameter_value(const json& parameter) {
    if (!parameter.is_object()) {
        return std::nullopt;
    }
    const std::string type = parameter.value("type", "");
    if (type == "text" && parameter.contains("text") && parameter.at("text").is_string()) {
        return parameter.at("text").get<std::string>();
    }
    for (const char* kind : {"currency", "date_time"}) {
        if (type == kind && parameter.contains(kind) && parameter.at(kind).is_object() &&
            parameter.at(kind).contains("fallback_value")) {
            return parameter.at(kind).value("fallback_value", "");
        }
    }
    return std::nullopt;
}

// Maps a component's parameters onto the template's variables, or says what is wrong.
std::optional<GraphError> bind_parameters(const char* part, const json& parameters,
                                          const std::vector<std::string>& variables, bool named,
                                          std::map<std::string, std::string>& values) {
    if (!parameters.is_array()) {
        return invalid_parameter_error(std::string(part) + ": parameters must be an array.");
    }
    if (parameters.size() != variables.size()) {
        return parameter_count_error(std::string(part) + ": number of localizable_params (" +
                                     std::to_string(parameters.size()) +
                                     ") does not match the expected number of params (" +
                                     std::to_string(variables.size()) + ")");
    }
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        const json& parameter = parameters[i];
        const auto value = parameter_value(parameter);
        if (!value || value->empty()) {
            return parameter_missing_error(std::string(part) + ": parameter " +
                                           std::to_string(i + 1) + " has no text value");
        }
        std::string name = variables[i];
        if (named) {
            if (!parameter.contains("parameter_name") ||
                !parameter.at("parameter_name").is_string()) {
                return parameter_format_error(std::string(part) +
                                              ": a NAMED template needs parameter_name on every "
                                              "parameter");
            }
            name = parameter.at("parameter_name").get<std::string>();
            if (std::find(variables.begin(), variables.end(), name) == variables.end() ||
                values.count(name)) {
                return parameter_count_error(std::string(part) + ": parameter " + name +
                                             " is not one of the template's parameters");
            }
        }
        if (has_forbidden_parameter_characters(*value)) {
            return parameter_characters_error();
        }
        values[name] = *value;
    }
    return std::nullopt;
}

std::optional<GraphError> check_button(const json& component, const MessageTemplate& tpl,
                                       std::vector<bool>& given) {
    const json index_field = component.value("index", json());
    int index = -1;
    if (index_field.is_number_integer()) {
        index = index_field.get<int>();
    } else if (index_field.is_string()) {
        const std::string text = index_field.get<std::string>();
        if (!text.empty() && text.size() < 3 &&
            text.find_first_not_of("0123456789") == std::string::npos) {
            index = std::stoi(text);
        }
    }
    if (index < 0 || static_cast<std::size_t>(index) >= tpl.buttons.size()) {
        return invalid_parameter_error("buttons: the template has no button at index " +
                                       index_field.dump());
    }
    const TemplateButton& button = tpl.buttons[static_cast<std::size_t>(index)];
    const std::string sub_type = lower(component.value("sub_type", ""));
    const json parameters = component.value("parameters", json::array());
    if (sub_type == "quick_reply" && button.type == "QUICK_REPLY") {
        if (!parameters.is_array() || parameters.size() != 1 ||
            parameters[0].value("type", "") != "payload" || !parameters[0].contains("payload")) {
            return invalid_parameter_error("buttons: a quick_reply button takes one payload "
                                           "parameter");
        }
    } else if (sub_type == "url" && button.type == "URL") {
        if (!button.url_has_variable) {
            return invalid_parameter_error("buttons: the URL button at index " +
                                           std::to_string(index) + " takes no parameter");
        }
        const auto value = parameters.is_array() && parameters.size() == 1
                               ? parameter_value(parameters[0])
                               : std::nullopt;
        if (!value || value->empty()) {
            return parameter_missing_error("buttons: the URL button at index " +
                                           std::to_string(index) + " needs one text parameter");
        }
    } else {
        return invalid_parameter_error("buttons: sub_type " + sub_type +
                                       " does not match the button at index " +
                                       std::to_string(index) + " (" + button.type + ")");
    }
    given[static_cast<std::size_t>(index)] = true;
    return std::nullopt;
}

} // namespace

std::optional<GraphError> validate_template_send(const json& template_object,
                                                 const TemplateCatalogue& catalogue,
                                                 ValidSend& send) {
    const auto name = template_object.find("name");
    if (name == template_object.end() || !name->is_string() || name->get<std::string>().empty()) {
        return invalid_parameter_error("The parameter template['name'] is required.");
    }
    const auto language = template_object.find("language");
    if (language == template_object.end() || !language->is_object() ||
        !language->contains("code") || !language->at("code").is_string()) {
        return invalid_parameter_error("The parameter template['language']['code'] is required.");
    }
    send.template_name = name->get<std::string>();
    const std::string code = language->at("code").get<std::string>();
    const auto tpl = catalogue.find(send.template_name, code);
    if (!tpl) {
        return template_missing_error("template name (" + send.template_name +
                                      ") does not exist in " + code);
    }
    if (tpl->status == "PAUSED") {
        return template_paused_error(tpl->name);
    }
    if (tpl->status == "DISABLED") {
        return template_disabled_error(tpl->name);
    }
    if (tpl->status != "APPROVED") {
        return template_missing_error("template " + tpl->name + " (" + code + ") is " +
                                      tpl->status + ", not APPROVED");
    }
    send.category = lower(tpl->category);

    const json components = template_object.value("components", json::array());
    if (!components.is_array()) {
        return invalid_parameter_error("Param template['components'] must be an array.");
    }
    const bool named = tpl->parameter_format == "NAMED";
    std::map<std::string, std::string> body_values;
    std::map<std::string, std::string> header_values;
    bool body_given = false;
    bool header_given = false;
    std::vector<bool> buttons_given(tpl->buttons.size(), false);
    for (const auto& component : components) {
        const std::string type = component.is_object() ? lower(component.value("type", "")) : "";
        const json parameters =
            component.is_object() ? component.value("parameters", json::array()) : json::array();
        std::optional<GraphError> problem;
        if (type == "body" && !body_given) {
            body_given = true;
            problem = bind_parameters("body", parameters, tpl->body_variables, named, body_values);
        } else if (type == "header" && !header_given) {
            header_given = true;
            problem =
                bind_parameters("header", parameters, tpl->header_variables, named, header_values);
        } else if (type == "button") {
            problem = check_button(component, *tpl, buttons_given);
        } else {
            problem = invalid_parameter_error("Param template['components'] has an unknown or "
                                              "repeated component type '" +
                                              type + "'.");
        }
        if (problem) {
            return problem;
        }
    }
    // Variables with no component at all are as wrong as a short component.
    if (!body_given && !tpl->body_variables.empty()) {
        return parameter_count_error("body: number of localizable_params (0) does not match the "
                                     "expected number of params (" +
                                     std::to_string(tpl->body_variables.size()) + ")");
    }
    if (!header_given && !tpl->header_variables.empty()) {
        return parameter_count_error("header: number of localizable_params (0) does not match the "
                                     "expected number of params (" +
                                     std::to_string(tpl->header_variables.size()) + ")");
    }
    for (std::size_t i = 0; i < tpl->buttons.size(); ++i) {
        if (tpl->buttons[i].url_has_variable && !buttons_given[i]) {
            return parameter_missing_error("buttons: the URL button at index " + std::to_string(i) +
                                           " needs one text parameter");
        }
    }
    if (utf8_character_count(render_template(tpl->body_text, body_values)) >
        kMaxTemplateBodyCharacters) {
        return text_too_long_error("body: the text after substitution is longer than 1024 "
                                   "characters");
    }
    if (utf8_character_count(render_template(tpl->header_text, header_values)) >
        kMaxTemplateHeaderCharacters) {
        return text_too_long_error("header: the text after substitution is longer than 60 "
                                   "characters");
    }
    return std::nullopt;
}

} // namespace waconsole::metasim
