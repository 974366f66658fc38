// Sending one message for an agent or admin: checks locally what Meta would refuse (a closed
// service window, a paused or disabled template, bad parameters), stores the message with its
// Graph request before calling Meta, makes the first attempt on the caller's thread and returns
// the message as it then is (send_recording.hpp): accepted, failed, unknown, or queued for the
// send worker's retries. Nothing is stored when the request is refused locally.
#pragma once

#include "server/meta/message_payloads.hpp"
#include "server/meta/send_recording.hpp"
#include "server/services.hpp"
#include "shared/api_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace waconsole {

// Who asks for the send, and the request's Idempotency-Key (tied to the stored message).
struct SendIdentity {
    std::optional<std::int64_t> user_id;
    std::optional<std::string> idempotency_key;
};

struct TemplateSendRequest {
    std::string to; // as typed; normalised to E.164 here
    std::string template_name;
    std::string language;
    // Positional values, or named ones (name set) for NAMED templates. Positional values sent
    // to a cached NAMED template are matched to its variables in order.
    std::vector<TemplateParameter> parameters;
    std::vector<ButtonParameter> buttons;
    SendIdentity sender;
};

struct TextSendRequest {
    std::string to;
    std::string text;
    SendIdentity sender;
};

using SendOutcome = OutboundState;

std::variant<SendOutcome, ApiError> send_template_message(Services& services,
                                                          const TemplateSendRequest& request);
std::variant<SendOutcome, ApiError> send_text_message(Services& services,
                                                      const TextSendRequest& request);

// Meta's rule for a parameter value (132018): no newline or tab, at most 4 spaces in a row,
// not empty. Returns why a value breaks it, or "".
std::string parameter_problem(const std::string& value);

} // namespace waconsole
