// One approved-or-not message template as the simulator knows it: the Graph listing's JSON plus
// the parts a send is checked against (status, variables, buttons).
#pragma once

#include "shared/template_text.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace waconsole::metasim {

struct TemplateButton {
    std::string type; // QUICK_REPLY, URL, PHONE_NUMBER, ...
    std::string text;
    std::string url; // URL buttons; may end in one {{1}} variable
    bool url_has_variable = false;
};

struct MessageTemplate {
    std::string id;
    std::string name;
    std::string language;
    std::string status = "APPROVED";
    std::string category = "UTILITY";
    std::string parameter_format = "POSITIONAL"; // or NAMED
    std::string header_format;                   // TEXT, IMAGE, ... or empty without a header
    std::string header_text;
    std::string body_text;
    std::vector<std::string> header_variables; // distinct, in order of first use
    std::vector<std::string> body_variables;   // "1", "2" ... or names for NAMED templates
    std::vector<TemplateButton> buttons;
    nlohmann::json listing; // the template as GET message_templates returns it
};

// Reads one entry of the Graph listing's `data`. Throws std::runtime_error naming what is wrong.
// A missing id is generated; a missing status is APPROVED.
MessageTemplate parse_template(const nlohmann::json& entry);

} // namespace waconsole::metasim
