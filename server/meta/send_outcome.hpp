// What one attempt of a send proves about Meta's side. Meta has no idempotency for /messages:
// a send repeated after a lost answer reaches the customer twice. So a send is retried only
// when Meta certainly did not act on it (we could not connect or finish writing the request,
// or Meta refused it with an error it documents as retryable); when the request may have
// reached Meta and we did not get its id, the outcome is `unknown` and is never retried: a
// status webhook (carrying our biz_opaque_callback_data) tells what happened. The campaign
// sender follows the same rules.
#pragma once

#include "server/meta/graph_transport.hpp"
#include "server/meta/meta_error.hpp"

#include <optional>
#include <string>

namespace waconsole {

enum class SendVerdict {
    accepted, // Meta answered with a message id
    refused,  // Meta answered with an error that retrying will not fix
    retry,    // Meta certainly did not act on it: it may be sent again later
    unknown,  // the request may have reached Meta, and we do not know its id
};

struct SendAttempt {
    SendVerdict verdict = SendVerdict::unknown;
    bool attempted = true;          // false: nothing was sent (no rate-limit slot in time)
    std::string wamid;              // accepted
    std::string wa_id;              // accepted: contacts[0].wa_id, Meta's canonical id
    std::optional<MetaError> error; // refused and retry: the error
    std::string reason;             // unknown and retry: one sentence for the administrator
};

SendAttempt classify_send_answer(const GraphResponse& response);

const char* to_string(SendVerdict verdict);

} // namespace waconsole
