// Meta's error wording for each code the simulator answers with.
#include "metasim/graph_error.hpp"

#include "metasim/random_ids.hpp"

namespace waconsole::metasim {
namespace {

GraphError make(int http_status, int code, std::string message, std::string details) {
    GraphError error;
    error.http_status = http_status;
    error.code = code;
    error.message = std::move(message);
    error.details = std::move(details);
    return error;
}

} // namespace

nlohmann::json to_json(const GraphError& error) {
    nlohmann::json body = {{"message", error.message}, {"type", error.type}, {"code", error.code}};
    if (error.error_subcode != 0) {
        body["error_subcode"] = error.error_subcode;
    }
    if (!error.details.empty()) {
        body["error_data"] = {{"messaging_product", "whatsapp"}, {"details", error.details}};
    }
    body["fbtrace_id"] = make_fbtrace_id();
    return {{"error", body}};
}

GraphError invalid_token_error() {
    return make(401, 190, "Invalid OAuth access token - Cannot parse access token", "");
}

GraphError invalid_parameter_error(const std::string& details) {
    return make(400, 100, "(#100) Invalid parameter", details);
}

GraphError unknown_object_error(const std::string& object_id) {
    GraphError error = make(
        400, 100,
        "Unsupported post request. Object with ID '" + object_id +
            "' does not exist, cannot be loaded due to missing permissions, or does not support "
            "this operation.",
        "");
    error.type = "GraphMethodException";
    error.error_subcode = 33;
    return error;
}

GraphError throughput_error() {
    return make(429, 130429, "(#130429) Rate limit hit",
                "Cloud API message throughput has been reached.");
}

GraphError pair_rate_error() {
    return make(400, 131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit",
                "Message failed to send because there were too many messages sent from this phone "
                "number to the same phone number in a short period of time.");
}

GraphError unknown_error() {
    return make(500, 131000, "(#131000) Something went wrong",
                "Message failed to send due to an unknown error.");
}

GraphError service_unavailable_error() {
    return make(503, 131016, "(#131016) Service unavailable",
                "A service is temporarily unavailable.");
}

GraphError parameter_missing_error(const std::string& details) {
    return make(400, 131008, "(#131008) Required parameter is missing", details);
}

GraphError parameter_count_error(const std::string& details) {
    return make(400, 132000,
                "(#132000) Number of parameters does not match the expected number of params",
                details);
}

GraphError template_missing_error(const std::string& details) {
    return make(404, 132001, "(#132001) Template name does not exist in the translation", details);
}

GraphError text_too_long_error(const std::string& details) {
    return make(400, 132005, "(#132005) Translated text too long", details);
}

GraphError parameter_format_error(const std::string& details) {
    return make(400, 132012,
                "(#132012) Parameter format does not match format in the created template",
                details);
}

GraphError template_paused_error(const std::string& name) {
    return make(400, 132015, "(#132015) Template is Paused",
                "Template " + name + " is paused due to low quality so it cannot be sent.");
}

GraphError template_disabled_error(const std::string& name) {
    return make(400, 132016, "(#132016) Template is disabled",
                "Template " + name +
                    " has been paused too many times due to low quality and is "
                    "now permanently disabled.");
}

GraphError parameter_characters_error() {
    return make(400, 132018, "(#132018) There was an issue with the parameters in your template.",
                "Param text cannot have new-line/tab characters or more than 4 consecutive spaces");
}

} // namespace waconsole::metasim
