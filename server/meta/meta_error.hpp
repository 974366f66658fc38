// Meta's errors, read from a Graph API answer or a transport failure, and the one table that
// says which are worth retrying. Errors also arrive in `failed` status webhooks; those are
// recorded as they come and never retried (the message is already gone). Sends are classified
// more strictly (send_outcome.hpp): a send is not idempotent.
#pragma once

#include <string>

namespace waconsole {

struct MetaError {
    int http_status = 0; // 0: no HTTP answer at all (connection refused, timeout ...)
    int code = 0;        // Meta's error code; 0 when the answer carried none
    std::string title;   // Meta's `message` (or `title` in webhooks)
    std::string details; // error_data.details
};

// The error of a non-2xx Graph answer; a body that is not Meta's error shape still gives an
// error with the HTTP status, so nothing is lost.
MetaError meta_error_from_response(int http_status, const std::string& body);
MetaError transport_error(const std::string& what);

// For idempotent calls (the template listing, marking a message read): throughput, pair-rate,
// app/WABA rate limits, Meta's own trouble, HTTP 5xx and transport failures are retryable;
// everything else (bad number, template errors, 131047 ...) is final.
bool is_retryable(const MetaError& error);
// For sends: an answer in which Meta refused the request with an error it documents as
// "try again" (HTTP 429, the rate limits, 131000, 131016), so nothing was sent.
bool is_retryable_refusal(const MetaError& error);
// Errors that mean the whole phone number is sending too fast: every sender backs off.
bool is_rate_limit(const MetaError& error);
// Meta's per-customer pair rate limit (about one message every 6 s to the same customer).
bool is_pair_rate_limit(const MetaError& error);

} // namespace waconsole
