// Template text as Meta writes it: "Hola {{1}}, tu pedido {{2}}" (positional) or
// "Hola {{first_name}}" (NAMED). Pure functions shared by the server, the simulator and, for
// previews and campaign validation, the UI.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace waconsole {

// The distinct {{variables}} in `text` (spaces inside the braces trimmed), in order of first use.
std::vector<std::string> template_variables(const std::string& text);
// `text` with each {{variable}} replaced by values[variable]; unknown variables stay as written.
std::string render_template(const std::string& text,
                            const std::map<std::string, std::string>& values);
// Characters (Unicode code points) in UTF-8 text, as Meta counts its limits.
std::size_t utf8_character_count(const std::string& utf8);
// A new line, a tab or more than kMaxConsecutiveParameterSpaces spaces in a row: Meta refuses
// such parameter values (132018).
bool has_forbidden_parameter_characters(const std::string& value);

} // namespace waconsole
