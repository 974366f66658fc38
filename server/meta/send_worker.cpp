// The retry thread and the periodic sweep.
#include "server/meta/send_worker.hpp"

#include "server/clock.hpp"
#include "server/meta/send_recording.hpp"
#include "server/services.hpp"
#include "server/store/idempotency_store.hpp"
#include "server/store/message_status_store.hpp"
#include "server/store/messages_store.hpp"

#include <iostream>

namespace waconsole {

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
    }
    for (int index = 0; index < std::max(1, m_options.threads); ++index) {
        m_threads.emplace_back([this, index] { run(index == 0); });
    }
}

void SendWorker::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
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

bool SendWorker::send_next_due() {
    {
        auto db = m_services->pool.acquire();
        const auto due = next_queued_send_at_ms(*db);
        if (!due || *due > now_milliseconds()) {
            return false;
        }
    }
    // The slot first, then the claim: a message becomes `pending` only when its request can go
    // at once. Claimed first, a message would wait `pending` for its slot, and a stop or a
    // crash there would leave it `unknown` (never sent again) though it never reached Meta; a
    // cancelled campaign could not take it back either.
    m_services->meta.rate_limiter.acquire();
    std::optional<QueuedSend> queued;
    {
        auto db = m_services->pool.acquire();
        std::lock_guard write_lock(m_services->meta.store_write_mutex);
        queued = claim_next_queued_send(*db, now_milliseconds());
    }
    if (!queued) {
        return false;
    }
    SendInFlight send;
    send.message_id = queued->message_id;
    send.customer_id = queued->customer_id;
    send.previous_attempts = queued->attempts;
    attempt_send(*m_services, send, queued->request, std::nullopt, true);
    return true;
}

void SendWorker::run(bool sweeper) {
    auto next_sweep =
        sweeper ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point::max();
    std::uint64_t seen_wakes = 0;
    while (true) {
        std::chrono::milliseconds idle{0};
        {
            std::lock_guard lock(m_mutex);
            seen_wakes = m_wakes;
        }
        try {
            if (sweeper && std::chrono::steady_clock::now() >= next_sweep) {
                sweep(now_seconds());
                next_sweep = std::chrono::steady_clock::now() + m_options.sweep_interval;
            }
            if (send_next_due()) {
                std::lock_guard lock(m_mutex);
                if (m_stopping) {
                    return;
                }
                continue;
            }
            idle = sweeper ? std::chrono::duration_cast<std::chrono::milliseconds>(
                                 next_sweep - std::chrono::steady_clock::now())
                           : std::chrono::milliseconds(m_options.sweep_interval);
            std::optional<std::int64_t> next_due;
            {
                auto db = m_services->pool.acquire();
                next_due = next_queued_send_at_ms(*db);
            }
            if (next_due) {
                idle = std::min(idle, std::chrono::milliseconds(*next_due - now_milliseconds()));
            }
        } catch (const std::exception& e) {
            // The queue is in the database: nothing is lost; try again in a while.
            std::cerr << "waconsole-server: the send worker failed: " << e.what() << std::endl;
            idle = std::chrono::seconds(1);
        }
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, std::max(idle, std::chrono::milliseconds(0)),
                        [this, seen_wakes] { return m_stopping || m_wakes != seen_wakes; });
        if (m_stopping) {
            return;
        }
    }
}

} // namespace waconsole
