// Meta's template components read into a TemplateLayout, and rendered with a recipient's values.
#include "shared/template_layout.hpp"

#include "shared/template_text.hpp"

namespace waconsole {
namespace {

std::string upper(std::string text) {
    for (auto& c : text) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return text;
}

std::string string_at(const nlohmann::json& object, const char* key) {
    if (!object.is_object()) {
        return "";
    }
    const auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

// The values whose names start with `prefix`, without it.
std::map<std::string, std::string> values_under(const std::map<std::string, std::string>& values,
                                                const std::string& prefix) {
    std::map<std::string, std::string> picked;
    for (const auto& [name, value] : values) {
        if (name.compare(0, prefix.size(), prefix) == 0) {
            picked[name.substr(prefix.size())] = value;
        }
    }
    return picked;
}

} // namespace

TemplateLayout template_layout(const nlohmann::json& components) {
    TemplateLayout layout;
    if (!components.is_array()) {
        return layout;
    }
    for (const auto& component : components) {
        const std::string type = upper(string_at(component, "type"));
        if (type == "HEADER") {
            layout.header_format = upper(string_at(component, "format"));
            if (layout.header_format.empty()) {
                layout.header_format = "TEXT";
            }
            layout.header_text = string_at(component, "text");
        } else if (type == "BODY") {
            layout.body = string_at(component, "text");
        } else if (type == "FOOTER") {
            layout.footer = string_at(component, "text");
        } else if (type == "BUTTONS" && component.contains("buttons") &&
                   component["buttons"].is_array()) {
            int index = 0;
            for (const auto& item : component["buttons"]) {
                layout.buttons.push_back({index++, upper(string_at(item, "type")),
                                          string_at(item, "text"), string_at(item, "url"),
                                          string_at(item, "phone_number")});
            }
        }
    }
    return layout;
}

std::vector<std::string> campaign_variables(const TemplateLayout& layout) {
    auto variables = template_variables(layout.body);
    if (layout.header_format == "TEXT") {
        for (const auto& name : template_variables(layout.header_text)) {
            variables.push_back("header." + name);
        }
    }
    for (const auto& button : layout.buttons) {
        if (button.type == "URL" && !template_variables(button.url).empty()) {
            variables.push_back("button." + std::to_string(button.index));
        }
    }
    return variables;
}

RenderedTemplate render_layout(const TemplateLayout& layout,
                               const std::map<std::string, std::string>& values) {
    RenderedTemplate rendered;
    rendered.header = layout.header_format == "TEXT"
                          ? render_template(layout.header_text, values_under(values, "header."))
                          : std::string();
    rendered.body = render_template(layout.body, values);
    rendered.footer = layout.footer;
    rendered.buttons = layout.buttons;
    for (auto& button : rendered.buttons) {
        if (button.type != "URL") {
            continue;
        }
        const auto suffix = values.find("button." + std::to_string(button.index));
        for (const auto& name : template_variables(button.url)) {
            button.url = render_template(
                button.url, {{name, suffix == values.end() ? std::string() : suffix->second}});
        }
    }
    return rendered;
}

std::string button_labels(const TemplateLayout& layout) {
    std::string labels;
    for (const auto& button : layout.buttons) {
        if (!labels.empty()) {
            labels += " \xC2\xB7 ";
        }
        labels += button.text;
        if (button.type == "URL") {
            labels += " (URL)";
        } else if (button.type == "PHONE_NUMBER") {
            labels += " (call)";
        }
    }
    return labels;
}

int quick_reply_count(const TemplateLayout& layout) {
    int count = 0;
    for (const auto& button : layout.buttons) {
        count += button.type == "QUICK_REPLY" ? 1 : 0;
    }
    return count;
}

} // namespace waconsole
