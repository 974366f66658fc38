// Reading a template's body and rendering it with send parameters.
#include "server/meta/template_text.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace waconsole {

std::string template_body_text(const nlohmann::json& components) {
    if (!components.is_array()) {
        return "";
    }
    for (const auto& component : components) {
        if (!component.is_object() || !component.contains("type") ||
            !component["type"].is_string()) {
            continue;
        }
        auto type = component["type"].get<std::string>();
        std::transform(type.begin(), type.end(), type.begin(),
                       [](unsigned char c) { return std::toupper(c); });
        if (type == "BODY" && component.contains("text") && component["text"].is_string()) {
            return component["text"].get<std::string>();
        }
    }
    return "";
}

std::string render_template_body(const std::string& body,
                                 const std::vector<TemplateParameter>& parameters) {
    // A parameter named like the variable wins over the one in that position.
    std::map<std::string, std::string> values;
    for (const auto& parameter : parameters) {
        if (!parameter.name.empty()) {
            values[parameter.name] = parameter.text;
        }
    }
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        values.emplace(std::to_string(i + 1), parameters[i].text);
    }
    return render_template(body, values);
}

} // namespace waconsole
