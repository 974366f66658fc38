// Checks a POST /{phone-number-id}/messages body the way Meta does before accepting it: required
// fields (100), the template rules (132000, 132001, 132005, 132012, 132015, 132016, 132018) and
// the limits of text and interactive messages. Rate limits are not checked here.
#pragma once

#include "metasim/graph_error.hpp"
#include "metasim/template_catalogue.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace waconsole::metasim {

struct ValidSend {
    std::string to;    // as sent
    std::string wa_id; // canonical (metasim/wa_id.hpp)
    std::string type;  // template, text, interactive, image, ...
    std::string template_name;
    std::string category =
        "service";                 // pricing category: marketing, utility, authentication, service
    bool needs_open_window = true; // everything but templates
    // Echoed in every status webhook of the message, as Meta does (up to 512 characters).
    std::string biz_opaque_callback_data;
};

// Fills `send` or returns the error Meta would answer with.
std::optional<GraphError> validate_send(const nlohmann::json& body,
                                        const TemplateCatalogue& catalogue, ValidSend& send);

// The template part, for a body whose "type" is "template".
std::optional<GraphError> validate_template_send(const nlohmann::json& template_object,
                                                 const TemplateCatalogue& catalogue,
                                                 ValidSend& send);

// The interactive part (reply buttons or a list), for a body whose "type" is "interactive".
std::optional<GraphError> validate_interactive(const nlohmann::json& interactive);

} // namespace waconsole::metasim
