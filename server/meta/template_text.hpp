// A cached template's body and its variables: how many a send must fill, their names for NAMED
// templates, and the text the customer will see once they are substituted.
#pragma once

#include "server/meta/message_payloads.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace waconsole {

// The BODY component's text ("" when there is none).
std::string template_body_text(const nlohmann::json& components);
// The variables in `body` in order of first appearance: "1", "2" ... or names.
std::vector<std::string> template_body_variables(const std::string& body);
// `body` with each {{variable}} replaced by its parameter (by name, or by position for {{n}}).
std::string render_template_body(const std::string& body,
                                 const std::vector<TemplateParameter>& parameters);
// Characters (Unicode code points) in UTF-8 text, as Meta counts its limits.
std::size_t utf8_character_count(const std::string& utf8);

} // namespace waconsole
