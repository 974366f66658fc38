// Parsing a template from the Graph listing's shape.
#include "metasim/message_template.hpp"

#include "metasim/random_ids.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace waconsole::metasim {
namespace {

using json = nlohmann::json;

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

std::string string_field(const json& object, const char* key) {
    const auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

} // namespace

MessageTemplate parse_template(const json& entry) {
    if (!entry.is_object()) {
        throw std::runtime_error("a template must be a JSON object");
    }
    MessageTemplate tpl;
    tpl.name = string_field(entry, "name");
    tpl.language = string_field(entry, "language");
    if (tpl.name.empty() || tpl.language.empty()) {
        throw std::runtime_error("a template needs a name and a language");
    }
    const std::string where = "template " + tpl.name + " (" + tpl.language + ")";
    tpl.id = string_field(entry, "id");
    if (tpl.id.empty()) {
        tpl.id = make_numeric_id(16);
    }
    if (const std::string status = string_field(entry, "status"); !status.empty()) {
        tpl.status = upper(status);
    }
    if (const std::string category = string_field(entry, "category"); !category.empty()) {
        tpl.category = upper(category);
    }
    if (const std::string format = string_field(entry, "parameter_format"); !format.empty()) {
        tpl.parameter_format = upper(format);
    }
    const auto components = entry.find("components");
    if (components == entry.end() || !components->is_array()) {
        throw std::runtime_error(where + " needs a components array");
    }
    for (const auto& component : *components) {
        const std::string type = upper(string_field(component, "type"));
        if (type == "BODY") {
            tpl.body_text = string_field(component, "text");
            tpl.body_variables = template_variables(tpl.body_text);
        } else if (type == "HEADER") {
            tpl.header_format = upper(string_field(component, "format"));
            tpl.header_text = string_field(component, "text");
            tpl.header_variables = template_variables(tpl.header_text);
        } else if (type == "BUTTONS" && component.contains("buttons")) {
            for (const auto& button : component.at("buttons")) {
                TemplateButton parsed;
                parsed.type = upper(string_field(button, "type"));
                parsed.text = string_field(button, "text");
                parsed.url = string_field(button, "url");
                parsed.url_has_variable = !template_variables(parsed.url).empty();
                tpl.buttons.push_back(std::move(parsed));
            }
        }
    }
    if (tpl.body_text.empty()) {
        throw std::runtime_error(where + " needs a BODY component with text");
    }
    tpl.listing = entry;
    tpl.listing["id"] = tpl.id;
    tpl.listing["status"] = tpl.status;
    tpl.listing["category"] = tpl.category;
    tpl.listing["parameter_format"] = tpl.parameter_format;
    return tpl;
}

} // namespace waconsole::metasim
