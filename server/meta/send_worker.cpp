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
    if (m_thread.joinable()) {
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
    m_thread = std::thread([this] { run(); });
}

void SendWorker::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void SendWorker::wake() {
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
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
    attempt_send(*m_services, send, queued->request, std::nullopt);
    return true;
}

void SendWorker::run() {
    auto next_sweep = std::chrono::steady_clock::now();
    while (true) {
        std::chrono::milliseconds idle{0};
        try {
            if (std::chrono::steady_clock::now() >= next_sweep) {
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
            idle = std::chrono::duration_cast<std::chrono::milliseconds>(
                next_sweep - std::chrono::steady_clock::now());
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
                        [this] { return m_stopping || m_woken; });
        m_woken = false;
        if (m_stopping) {
            return;
        }
    }
}

} // namespace waconsole
