// A cached template's body and its variables: how many a send must fill, their names for NAMED
// templates, and the text the customer will see once they are substituted.
#pragma once

#include "server/meta/message_payloads.hpp"
#include "shared/template_text.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace waconsole {

// The BODY component's text ("" when there is none).
std::string template_body_text(const nlohmann::json& components);
// `body` with each {{variable}} replaced by its parameter (by name, or by position for {{n}}).
// Variables, plain rendering and character counts are in shared/template_text.hpp.
std::string render_template_body(const std::string& body,
                                 const std::vector<TemplateParameter>& parameters);

} // namespace waconsole
