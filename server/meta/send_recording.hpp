// One attempt of a stored send and its bookkeeping, shared by the request thread (first
// attempt) and the send worker (retries): the message row is held `pending` while its request
// is with Meta, then gets exactly one of accepted (with its wamid and the customer's canonical
// wa_id), failed, unknown (never retried; resolved by status webhooks) or queued (retried by
// the worker after a back-off, failed after the last attempt). The rules of what is retried
// are in send_outcome.hpp.
#pragma once

#include "server/meta/send_outcome.hpp"
#include "server/store/messages_store.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

struct Services;

// A message row this thread holds as `pending` while it sends it.
struct SendInFlight {
    std::int64_t message_id = 0;
    std::int64_t customer_id = 0;
    bool customer_is_new = false; // created for this send: removed if Meta names someone known
    int previous_attempts = 0;
};

// Epoch milliseconds: the unit of a queued message's retry time.
std::int64_t now_milliseconds();

// Whether a stored Graph body can go to Meta. Our own writers made it (their output is tested
// to be JSON), so what can be wrong is that it is missing or cut short; that is all this checks,
// in constant time (a JSON check was a tenth of the send worker's time). A text that still were
// not JSON would be refused by Meta (code 100) and recorded failed: not sent twice either way.
bool stored_request_can_leave(const std::string& request);

// Sends `request` (the row's stored Graph body) once, without recording: see attempt_send.
SendAttempt send_stored_request(Services& services, const std::string& request,
                                std::optional<std::chrono::milliseconds> max_wait, bool slot_taken);

// Sends `request` (the row's stored Graph body) once and records the outcome. Waits for the
// rate limiter at most `max_wait` (nullopt: as long as it takes); without a slot by then the
// message is queued without an attempt. `slot_taken`: the caller holds the rate limiter's slot.
OutboundState attempt_send(Services& services, const SendInFlight& send, const std::string& request,
                           std::optional<std::chrono::milliseconds> max_wait,
                           bool slot_taken = false);

// Records `attempt` on the message in one transaction and returns the message as it is then:
// a status webhook may have resolved it before our answer came.
OutboundState record_send_attempt(Services& services, const SendInFlight& send,
                                  const SendAttempt& attempt);

// Whether `attempt` is queued again (not after the last attempt), and after what back-off. An
// answer that the number is over its rate (130429 / 80007 / 4) pauses every sender for it, here.
std::optional<std::chrono::milliseconds>
queue_again_after(Services& services, const SendInFlight& send, const SendAttempt& attempt);

// An attempt made, waiting to be recorded.
struct AttemptToRecord {
    SendInFlight send;
    SendAttempt attempt;
};
// Records several attempts in one transaction (the send worker's, gathered while one write
// was under way): a commit per batch instead of one per send.
void record_send_attempts(Services& services, const std::vector<AttemptToRecord>& attempts);
// The same in the caller's write transaction (the send worker's claim of the next messages):
// returns whether a message was queued again. Once it committed, the caller calls
// send_attempts_recorded.
bool record_send_attempts_in(Connection& db, Services& services,
                             const std::vector<AttemptToRecord>& attempts);
// After the commit: the console's tables change; a message queued again wakes the worker.
void send_attempts_recorded(Services& services, bool queued_again);

} // namespace waconsole
