// The classification table of a send's answer.
#include "server/meta/send_outcome.hpp"

#include "server/meta/simdjson_parser.hpp"

namespace waconsole {
namespace {

// The string `key` of the first object in the array `list` of `answer`; empty if there is none.
std::string first_item_string(const std::optional<simdjson::dom::element>& answer, const char* list,
                              const char* key) {
    simdjson::dom::object root;
    simdjson::dom::array items;
    simdjson::dom::object first;
    std::string_view value;
    if (!answer || answer->get_object().get(root) != simdjson::SUCCESS ||
        root.at_key(list).get_array().get(items) != simdjson::SUCCESS ||
        items.at(0).get_object().get(first) != simdjson::SUCCESS ||
        first.at_key(key).get_string().get(value) != simdjson::SUCCESS) {
        return "";
    }
    return std::string(value);
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
        // Read with simdjson: one a send, on the thread that moves every request.
        std::optional<simdjson::dom::parser> own;
        const auto answer = parse_json(response.body, own);
        attempt.wamid = first_item_string(answer, "messages", "id");
        if (attempt.wamid.empty()) {
            return unknown("Meta answered HTTP " + std::to_string(response.status) +
                           " without a message id: Meta may have accepted it");
        }
        attempt.verdict = SendVerdict::accepted;
        attempt.wa_id = first_item_string(answer, "contacts", "wa_id");
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
