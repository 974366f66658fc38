// Template body variables.
#include "server/meta/template_text.hpp"

#include "shared/paging.hpp"

#include <algorithm>
#include <cctype>

namespace waconsole {
namespace {

// Calls `visit(name, start, end)` for each {{name}} in `body`, `end` one past the braces.
template <typename Visit> void for_each_variable(const std::string& body, Visit&& visit) {
    std::size_t start = body.find("{{");
    while (start != std::string::npos) {
        const auto close = body.find("}}", start + 2);
        if (close == std::string::npos) {
            return;
        }
        std::string name = body.substr(start + 2, close - start - 2);
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        visit(name, start, close + 2);
        start = body.find("{{", close + 2);
    }
}

} // namespace

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

std::vector<std::string> template_body_variables(const std::string& body) {
    std::vector<std::string> names;
    for_each_variable(body, [&](const std::string& name, std::size_t, std::size_t) {
        if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(name);
        }
    });
    return names;
}

std::string render_template_body(const std::string& body,
                                 const std::vector<TemplateParameter>& parameters) {
    std::string rendered;
    std::size_t copied = 0;
    for_each_variable(body, [&](const std::string& name, std::size_t start, std::size_t end) {
        const TemplateParameter* value = nullptr;
        for (const auto& parameter : parameters) {
            if (!parameter.name.empty() && parameter.name == name) {
                value = &parameter;
            }
        }
        if (!value) {
            const auto position = parse_whole_number(name);
            if (position && *position >= 1 &&
                static_cast<std::size_t>(*position) <= parameters.size()) {
                value = &parameters[static_cast<std::size_t>(*position - 1)];
            }
        }
        rendered += body.substr(copied, start - copied);
        rendered += value ? value->text : body.substr(start, end - start);
        copied = end;
    });
    return rendered + body.substr(copied);
}

std::size_t utf8_character_count(const std::string& utf8) {
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

} // namespace waconsole
