// Template variables, rendering and Meta's character rules.
#include "shared/template_text.hpp"

#include "shared/meta_limits.hpp"

#include <algorithm>

namespace waconsole {
namespace {

// Calls `visit(name, start, end)` for each {{name}} in `text`, `end` one past the braces.
template <typename Visit> void for_each_variable(const std::string& text, Visit&& visit) {
    std::size_t start = text.find("{{");
    while (start != std::string::npos) {
        const auto close = text.find("}}", start + 2);
        if (close == std::string::npos) {
            return;
        }
        std::string name = text.substr(start + 2, close - start - 2);
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        visit(name, start, close + 2);
        start = text.find("{{", close + 2);
    }
}

} // namespace

std::vector<std::string> template_variables(const std::string& text) {
    std::vector<std::string> names;
    for_each_variable(text, [&](const std::string& name, std::size_t, std::size_t) {
        if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(name);
        }
    });
    return names;
}

std::string render_template(const std::string& text,
                            const std::map<std::string, std::string>& values) {
    std::string rendered;
    rendered.reserve(text.size() + 64);
    std::size_t copied = 0;
    for_each_variable(text, [&](const std::string& name, std::size_t start, std::size_t end) {
        const auto value = values.find(name);
        rendered.append(text, copied, start - copied);
        if (value != values.end()) {
            rendered += value->second;
        } else {
            rendered.append(text, start, end - start);
        }
        copied = end;
    });
    rendered.append(text, copied, std::string::npos);
    return rendered;
}

std::size_t utf8_character_count(const std::string& utf8) {
    // Every byte that does not continue a multi-byte sequence starts a character.
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

bool has_forbidden_parameter_characters(const std::string& value) {
    std::size_t spaces = 0;
    for (const char c : value) {
        if (c == '\n' || c == '\r' || c == '\t') {
            return true;
        }
        spaces = c == ' ' ? spaces + 1 : 0;
        if (spaces > static_cast<std::size_t>(kMaxConsecutiveParameterSpaces)) {
            return true;
        }
    }
    return false;
}

} // namespace waconsole
