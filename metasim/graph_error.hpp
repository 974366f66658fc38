// Meta's Graph API error objects: the HTTP status, the numeric code, Meta's message and the
// details a client logs. One factory per code the simulator produces, so the wording stays Meta's
// and lives in one place.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace waconsole::metasim {

struct GraphError {
    int http_status = 400;
    int code = 100;
    std::string type = "OAuthException";
    std::string message;
    std::string details;
    int error_subcode = 0; // 0: none
};

// {"error":{"message","type","code","error_data":{"messaging_product","details"},"fbtrace_id"}}
nlohmann::json to_json(const GraphError& error);

GraphError invalid_token_error();                               // 190, HTTP 401
GraphError invalid_parameter_error(const std::string& details); // 100
GraphError unknown_object_error(const std::string& object_id);  // 100 subcode 33
GraphError throughput_error();                                  // 130429, HTTP 429
GraphError pair_rate_error();                                   // 131056
GraphError unknown_error();                                     // 131000, HTTP 500
GraphError service_unavailable_error();                         // 131016, HTTP 503
GraphError parameter_missing_error(const std::string& details); // 131008
GraphError parameter_count_error(const std::string& details);   // 132000
GraphError template_missing_error(const std::string& details);  // 132001
GraphError text_too_long_error(const std::string& details);     // 132005
GraphError parameter_format_error(const std::string& details);  // 132012
GraphError template_paused_error(const std::string& name);      // 132015
GraphError template_disabled_error(const std::string& name);    // 132016
GraphError parameter_characters_error();                        // 132018

} // namespace waconsole::metasim
