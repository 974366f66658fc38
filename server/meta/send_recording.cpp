// Attempt, classify, record.
#include "server/meta/send_recording.hpp"

#include "server/clock.hpp"
#include "server/meta/marketing_preferences.hpp"
#include "server/services.hpp"
#include "server/store/customer_identity_store.hpp"
#include "server/store/customers_store.hpp"
#include "server/store/message_status_store.hpp"

namespace waconsole {
namespace {

// The number a stored send went to, from its Graph request.
std::optional<std::string> sent_number(Connection& db, std::int64_t message_id) {
    const auto stored = stored_send_request(db, message_id);
    if (!stored) {
        return std::nullopt;
    }
    const auto request = nlohmann::json::parse(*stored, nullptr, false);
    if (!request.is_object() || !request.contains("to") || !request["to"].is_string()) {
        return std::nullopt;
    }
    return request["to"].get<std::string>();
}

SendFailure failure_of(const std::optional<MetaError>& error, bool retryable) {
    if (!error) {
        return {0, "Meta did not accept the message", "", retryable};
    }
    return {error->code, error->title, error->details, retryable};
}

void record_accepted(Connection& db, const SendInFlight& send, const SendAttempt& attempt,
                     int attempts) {
    const auto owner = adopt_canonical_wa_id(db, send.customer_id, attempt.wa_id);
    if (owner != send.customer_id) {
        // Meta says this number is someone we already know (e.g. Mexico's 521 prefix): the
        // number sent becomes their alias, so the next send finds them at once.
        if (const auto sent = sent_number(db, send.message_id)) {
            if (const auto alias = rewritten_number(*sent, attempt.wa_id)) {
                add_phone_alias(db, *alias, owner, now_seconds());
            }
        }
        move_message_to_customer(db, send.message_id, send.customer_id, owner);
        if (send.customer_is_new) {
            delete_customer_if_unused(db, send.customer_id);
        }
    }
    // Last: it drops the stored request, which the alias above reads.
    record_send_accepted(db, send.message_id, attempt.wamid, attempts);
    // Statuses that raced ahead of this answer are waiting in message_status_events.
    replay_early_status_events(db, attempt.wamid);
}

} // namespace

std::int64_t now_milliseconds() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool stored_request_can_leave(const std::string& request) {
    return request.size() >= 2 && request.front() == '{' && request.back() == '}';
}

SendAttempt send_stored_request(Services& services, const std::string& request,
                                std::optional<std::chrono::milliseconds> max_wait,
                                bool slot_taken) {
    if (!stored_request_can_leave(request)) {
        SendAttempt attempt;
        attempt.verdict = SendVerdict::refused;
        attempt.attempted = false;
        attempt.error = MetaError{0, 0, "the stored request could not be read", ""};
        return attempt;
    }
    return services.meta.client.send_once_text(request, max_wait, slot_taken);
}

OutboundState attempt_send(Services& services, const SendInFlight& send, const std::string& request,
                           std::optional<std::chrono::milliseconds> max_wait, bool slot_taken) {
    return record_send_attempt(services, send,
                               send_stored_request(services, request, max_wait, slot_taken));
}

std::optional<std::chrono::milliseconds>
queue_again_after(Services& services, const SendInFlight& send, const SendAttempt& attempt) {
    const int attempts = send.previous_attempts + (attempt.attempted ? 1 : 0);
    const auto& policy = services.meta.client.options().retry;
    if (attempt.verdict != SendVerdict::retry || attempts >= policy.max_attempts) {
        return std::nullopt;
    }
    const auto error = attempt.error.value_or(MetaError{});
    const auto delay = backoff_delay(policy, std::max(attempts, 1), error);
    if (is_rate_limit(error)) {
        // The whole number is over its budget: every sender waits, not only this one.
        services.meta.rate_limiter.pause_for(delay);
    }
    return delay;
}

namespace {

// Records one attempt in the caller's write transaction. Returns whether the message was queued
// again (the worker must look at the queue).
bool record_in_transaction(Connection& db, Services& services, const SendInFlight& send,
                           const SendAttempt& attempt, std::int64_t now) {
    const int attempts = send.previous_attempts + (attempt.attempted ? 1 : 0);
    const auto retry_after = queue_again_after(services, send, attempt);
    const bool queue = retry_after.has_value();
    const auto delay = retry_after.value_or(std::chrono::milliseconds(0));
    switch (attempt.verdict) {
    case SendVerdict::accepted:
        record_accepted(db, send, attempt, attempts);
        break;
    case SendVerdict::refused:
        record_send_failed(db, send.message_id, failure_of(attempt.error, false), attempts, now);
        if (attempt.error) {
            opt_out_on_failure(db, attempt.error->code, "", send.message_id);
        }
        break;
    case SendVerdict::unknown:
        record_send_unknown(db, send.message_id, attempt.reason, attempts, now);
        break;
    case SendVerdict::retry:
        if (queue) {
            record_send_queued(db, send.message_id, failure_of(attempt.error, true),
                               "waiting to be sent again: " + attempt.reason, attempts,
                               now_milliseconds() + delay.count());
        } else {
            record_send_failed(db, send.message_id, failure_of(attempt.error, true), attempts, now);
        }
        break;
    }
    return queue;
}

} // namespace

OutboundState record_send_attempt(Services& services, const SendInFlight& send,
                                  const SendAttempt& attempt) {
    bool queued = false;
    std::optional<OutboundState> state;
    {
        auto db = services.pool.acquire_writer();
        std::lock_guard write_lock(services.meta.store_write_mutex);
        Transaction transaction(*db);
        queued = record_in_transaction(*db, services, send, attempt, now_seconds());
        state = find_outbound_state(*db, send.message_id);
        transaction.commit();
    }
    services.changes.bump(Topic::messages);
    if (queued) {
        services.meta.sends.wake();
    }
    if (!state) {
        throw std::logic_error("the message being sent is gone");
    }
    return *state;
}

bool record_send_attempts_in(Connection& db, Services& services,
                             const std::vector<AttemptToRecord>& attempts) {
    bool queued = false;
    const auto now = now_seconds();
    for (const auto& made : attempts) {
        queued = record_in_transaction(db, services, made.send, made.attempt, now) || queued;
    }
    return queued;
}

void send_attempts_recorded(Services& services, bool queued_again) {
    services.changes.bump(Topic::messages);
    if (queued_again) {
        services.meta.sends.wake();
    }
}

void record_send_attempts(Services& services, const std::vector<AttemptToRecord>& attempts) {
    if (attempts.empty()) {
        return;
    }
    bool queued = false;
    {
        auto db = services.pool.acquire_writer();
        std::lock_guard write_lock(services.meta.store_write_mutex);
        Transaction transaction(*db);
        queued = record_send_attempts_in(*db, services, attempts);
        transaction.commit();
    }
    send_attempts_recorded(services, queued);
}

} // namespace waconsole
