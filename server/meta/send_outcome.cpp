// The classification table of a send's answer.
#include "server/meta/send_outcome.hpp"

#include <nlohmann/json.hpp>

namespace waconsole {
namespace {

std::string string_at(const nlohmann::json& json, const char* pointer) {
    const nlohmann::json::json_pointer where(pointer);
    if (!json.is_object() || !json.contains(where) || !json.at(where).is_string()) {
        return "";
    }
    return json.at(where).get<std::string>();
}

SendAttempt unknown(std::string reason) {
    SendAttempt attempt;
    attempt.verdict = SendVerdict::unknown;
    attempt.reason = std::move(reason);
    return attempt;
}

} // namespace

SendAttempt classify_send_answer(const GraphResponse& response) {
    SendAttempt attempt;
    if (response.status == 0) {
        if (response.may_have_arrived) {
            return unknown("no answer from Meta after the request was sent (" +
                           response.transport_error +
                           "): Meta may have accepted it; a status webhook will tell");
        }
        attempt.verdict = SendVerdict::retry;
        attempt.error = transport_error(response.transport_error);
        attempt.reason = "the request did not reach Meta (" + response.transport_error + ")";
        return attempt;
    }
    if (response.status >= 200 && response.status < 300) {
        const auto answer = nlohmann::json::parse(response.body, nullptr, false);
        attempt.wamid = string_at(answer, "/messages/0/id");
        if (attempt.wamid.empty()) {
            return unknown("Meta answered HTTP " + std::to_string(response.status) +
                           " without a message id: Meta may have accepted it");
        }
        attempt.verdict = SendVerdict::accepted;
        attempt.wa_id = string_at(answer, "/contacts/0/wa_id");
        return attempt;
    }
    auto error = meta_error_from_response(response.status, response.body);
    if (is_retryable_refusal(error)) {
        attempt.verdict = SendVerdict::retry;
        attempt.reason = "Meta refused it for now: " + error.title;
        attempt.error = std::move(error);
        return attempt;
    }
    if (response.status >= 500) {
        // A gateway error or Meta's own failure that it does not document as "not sent".
        return unknown("Meta answered HTTP " + std::to_string(response.status) + " (" +
                       error.title + "): the request may have been processed");
    }
    attempt.verdict = SendVerdict::refused;
    attempt.error = std::move(error);
    return attempt;
}

const char* to_string(SendVerdict verdict) {
    switch (verdict) {
    case SendVerdict::accepted:
        return "accepted";
    case SendVerdict::refused:
        return "refused";
    case SendVerdict::retry:
        return "retry";
    case SendVerdict::unknown:
        break;
    }
    return "unknown";
}

} // namespace waconsole
