// The sending threads: claim in batches, send, record in batches; and the periodic sweep.
#include "server/meta/send_worker.hpp"

#include "server/clock.hpp"
#include "server/services.hpp"
#include "server/store/idempotency_store.hpp"
#include "server/store/message_status_store.hpp"
#include "server/store/messages_store.hpp"
#include "server/thread_name.hpp"

#include <iostream>
#include <thread>

namespace waconsole {
namespace {

constexpr auto kRecordGather = std::chrono::milliseconds(4);
constexpr std::size_t kRecordBatchWanted = 16;

} // namespace

SendWorker::~SendWorker() {
    stop();
}

void SendWorker::start(Services& services) {
    if (!m_threads.empty()) {
        return;
    }
    m_services = &services;
    {
        auto db = services.pool.acquire();
        std::lock_guard write_lock(services.meta.store_write_mutex);
        const int interrupted = mark_interrupted_sends_unknown(*db, now_seconds());
        if (interrupted > 0) {
            std::cerr << "waconsole-server: " << interrupted
                      << " message(s) were being sent when the server stopped; they are now "
                         "'unknown' until Meta's status webhooks tell"
                      << std::endl;
        }
    }
    {
        std::lock_guard lock(m_mutex);
        m_stopping = false;
        m_next_sweep = std::chrono::steady_clock::now();
    }
    for (int index = 0; index < std::max(1, m_options.threads); ++index) {
        m_threads.emplace_back([this] {
            name_this_thread("wa-send");
            run();
        });
    }
}

void SendWorker::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_work.notify_all();
    m_wake.notify_all();
    for (auto& thread : m_threads) {
        if (thread.joinable()) {
            thread.join();
        }
    }
    m_threads.clear();
}

void SendWorker::wake() {
    {
        std::lock_guard lock(m_mutex);
        ++m_wakes;
    }
    m_wake.notify_all();
}

SweepResult SendWorker::sweep(std::int64_t now) {
    SweepResult result;
    auto db = m_services->pool.acquire();
    std::lock_guard write_lock(m_services->meta.store_write_mutex);
    Transaction transaction(*db);
    result.unresolved =
        mark_unknown_sends_unresolved(*db, now - m_options.unresolved_after_seconds, now);
    result.unmatched_statuses_pruned =
        prune_unmatched_status_events(*db, now - m_options.unmatched_status_seconds);
    result.idempotency_keys_pruned =
        prune_idempotency_keys(*db, now - m_options.idempotency_key_seconds);
    transaction.commit();
    if (result.unresolved > 0) {
        m_services->changes.bump(Topic::messages);
    }
    return result;
}

void SendWorker::run() {
    std::unique_lock lock(m_mutex);
    while (true) {
        // Claimed messages are sent even when stopping: their slots are at most claim_ahead
        // away, and a claimed message left unsent would be `unknown` after the restart.
        if (!m_ready.empty()) {
            const auto claimed = std::move(m_ready.front());
            m_ready.pop_front();
            lock.unlock();
            send(claimed);
            lock.lock();
            continue;
        }
        if (m_stopping) {
            return;
        }
        if (m_has_claimer) {
            ++m_waiting;
            m_work.wait(lock, [this] { return m_stopping || !m_ready.empty() || !m_has_claimer; });
            --m_waiting;
            continue;
        }
        m_has_claimer = true;
        const auto seen_wakes = m_wakes;
        const int wanted = std::min(m_waiting + 1, std::max(1, m_options.max_claim));
        const bool sweep_due = std::chrono::steady_clock::now() >= m_next_sweep;
        if (sweep_due) {
            m_next_sweep = std::chrono::steady_clock::now() + m_options.sweep_interval;
        }
        lock.unlock();
        Claim found;
        bool failed = false;
        try {
            if (sweep_due) {
                sweep(now_seconds());
            }
            found = claim(wanted);
        } catch (const std::exception& e) {
            // The queue is in the database: nothing is lost; try again in a while.
            std::cerr << "waconsole-server: the send worker failed: " << e.what() << std::endl;
            failed = true;
        }
        lock.lock();
        if (!found.sends.empty()) {
            for (auto& claimed : found.sends) {
                m_ready.push_back(std::move(claimed));
            }
            m_has_claimer = false;
            // One waiting thread per message beyond the one this thread takes, and one to claim
            // next: not all of them, a herd that would find nothing to do.
            for (std::size_t woken = 0; woken < m_ready.size(); ++woken) {
                m_work.notify_one();
            }
            continue;
        }
        const auto idle = failed ? std::chrono::milliseconds(1000) : idle_time(found.next_due_ms);
        m_wake.wait_for(lock, idle,
                        [this, seen_wakes] { return m_stopping || m_wakes != seen_wakes; });
        m_has_claimer = false;
    }
}

SendWorker::Claim SendWorker::claim(int wanted) {
    Claim found;
    {
        auto db = m_services->pool.acquire();
        found.next_due_ms = next_queued_send_at_ms(*db);
    }
    if (!found.next_due_ms || *found.next_due_ms > now_milliseconds()) {
        return found;
    }
    // The slot first, then the claim: a message becomes `pending` only when its request can go
    // within claim_ahead. Claimed first, a message could wait `pending` for a long pause of the
    // rate (Meta said 130429), and a stop or a crash there would leave it `unknown` (never sent
    // again) though it never reached Meta; a cancelled campaign could not take it back either.
    auto& rate_limiter = m_services->meta.rate_limiter;
    const auto first = *rate_limiter.reserve(std::chrono::steady_clock::duration::max());
    {
        std::unique_lock lock(m_mutex);
        if (m_wake.wait_until(lock, first, [this] { return m_stopping; })) {
            return found; // the slot is lost; nothing was claimed
        }
    }
    std::vector<std::chrono::steady_clock::time_point> slots{first};
    while (static_cast<int>(slots.size()) < wanted) {
        const auto next = rate_limiter.reserve(m_options.claim_ahead);
        if (!next) {
            break;
        }
        slots.push_back(*next);
    }
    std::vector<QueuedSend> claimed;
    {
        auto db = m_services->pool.acquire();
        std::lock_guard write_lock(m_services->meta.store_write_mutex);
        Transaction transaction(*db);
        claimed = claim_queued_sends(*db, now_milliseconds(), static_cast<int>(slots.size()));
        transaction.commit();
    }
    // Slots beyond the messages claimed (the queue ran short) go unused.
    for (std::size_t i = 0; i < claimed.size(); ++i) {
        found.sends.push_back({std::move(claimed[i]), slots[i]});
    }
    return found;
}

void SendWorker::send(const ClaimedSend& claimed) {
    m_services->meta.rate_limiter.leave_at(claimed.slot);
    AttemptToRecord made;
    made.send.message_id = claimed.queued.message_id;
    made.send.customer_id = claimed.queued.customer_id;
    made.send.previous_attempts = claimed.queued.attempts;
    try {
        made.attempt = send_stored_request(*m_services, claimed.queued.request, std::nullopt, true);
    } catch (const std::exception& e) {
        // Whether the request left is not known: unknown, resolved by status webhooks.
        made.attempt.verdict = SendVerdict::unknown;
        made.attempt.reason = std::string("the send failed in the server: ") + e.what();
    }
    record(std::move(made));
}

void SendWorker::record(AttemptToRecord attempt) {
    std::unique_lock lock(m_record_mutex);
    m_to_record.push_back(std::move(attempt));
    if (m_recording) {
        return; // the thread recording takes it with the next batch
    }
    m_recording = true;
    while (!m_to_record.empty()) {
        if (m_to_record.size() < kRecordBatchWanted) {
            // At full rate an answer comes about every millisecond, and a commit costs more than
            // the rows in it: a few milliseconds of waiting make one transaction of several. A
            // crash meanwhile leaves these `pending`, hence `unknown` after the restart, as a
            // crash during their round trip to Meta would.
            lock.unlock();
            std::this_thread::sleep_for(kRecordGather);
            lock.lock();
        }
        auto batch = std::move(m_to_record);
        m_to_record.clear();
        lock.unlock();
        try {
            record_send_attempts(*m_services, batch);
        } catch (const std::exception& e) {
            // They stay `pending`: `unknown` after the next start, resolved by status webhooks;
            // never sent again.
            std::cerr << "waconsole-server: " << batch.size()
                      << " send answer(s) could not be recorded: " << e.what() << std::endl;
        }
        lock.lock();
    }
    m_recording = false;
}

std::chrono::milliseconds SendWorker::idle_time(const std::optional<std::int64_t>& next_due_ms) {
    auto idle = std::chrono::duration_cast<std::chrono::milliseconds>(
        m_next_sweep - std::chrono::steady_clock::now());
    if (next_due_ms) {
        idle = std::min(idle, std::chrono::milliseconds(*next_due_ms - now_milliseconds()));
    }
    return std::max(idle, std::chrono::milliseconds(0));
}

} // namespace waconsole
