// Sending one message for an agent or admin: checks locally what Meta would refuse (a closed
// service window, a paused or disabled template, bad parameters), records the message before
// calling Meta, sends it through the rate-limited client (retries inside) and records the one
// outcome: `accepted` with its wamid and the customer's canonical wa_id, or `failed` with
// Meta's error. Nothing is stored when the request is refused locally.
#pragma once

#include "server/meta/message_payloads.hpp"
#include "server/meta/meta_error.hpp"
#include "server/services.hpp"
#include "shared/api_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace waconsole {

struct TemplateSendRequest {
    std::string to; // as typed; normalised to E.164 here
    std::string template_name;
    std::string language;
    // Positional values, or named ones (name set) for NAMED templates. Positional values sent
    // to a cached NAMED template are matched to its variables in order.
    std::vector<TemplateParameter> parameters;
    std::vector<ButtonParameter> buttons;
    std::optional<std::int64_t> user_id;
};

struct TextSendRequest {
    std::string to;
    std::string text;
    std::optional<std::int64_t> user_id;
};

struct SendOutcome {
    std::int64_t message_id = 0;
    std::int64_t customer_id = 0;
    std::string wamid;
    std::string status; // "accepted" or "failed"
    std::optional<MetaError> error;
    bool retryable = false;
    int attempts = 0;
};

std::variant<SendOutcome, ApiError> send_template_message(Services& services,
                                                          const TemplateSendRequest& request);
std::variant<SendOutcome, ApiError> send_text_message(Services& services,
                                                      const TextSendRequest& request);

// Meta's rule for a parameter value (132018): no newline or tab, at most 4 spaces in a row,
// not empty. Returns why a value breaks it, or "".
std::string parameter_problem(const std::string& value);

} // namespace waconsole
