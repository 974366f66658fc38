// The background side of sending: one thread that retries `queued` messages when their back-off
// is over (the queue is the messages table, so it survives a restart), and every minute marks
// `unknown` sends that no status webhook resolved in time as `unresolved` and forgets status
// events of messages we do not know and idempotency keys past their day. start() first
// reconciles what the previous run left: a message still `pending` may have reached Meta before
// the stop, so it becomes `unknown`, never sent again.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace waconsole {

struct Services;

struct SendWorkerOptions {
    std::int64_t unresolved_after_seconds = 60 * 60;
    std::int64_t unmatched_status_seconds = 7 * 24 * 60 * 60;
    std::int64_t idempotency_key_seconds = 24 * 60 * 60;
    std::chrono::seconds sweep_interval{60};
};

struct SweepResult {
    int unresolved = 0;
    int unmatched_statuses_pruned = 0;
    int idempotency_keys_pruned = 0;
};

class SendWorker {
public:
    explicit SendWorker(SendWorkerOptions options) : m_options(options) {}
    ~SendWorker();
    SendWorker(const SendWorker&) = delete;
    SendWorker& operator=(const SendWorker&) = delete;

    // Reconciles interrupted sends, then starts the thread. Call once the schema is migrated
    // and before requests are served; `services` must outlive the worker's stop().
    void start(Services& services);
    // Waits for an attempt in progress (at most one Graph read timeout) and stops.
    void stop();
    // A message was queued: look at the queue now rather than at the next planned time.
    void wake();

    // One sweep at `now` (epoch seconds); the thread calls it every sweep_interval.
    SweepResult sweep(std::int64_t now);
    const SendWorkerOptions& options() const { return m_options; }

private:
    void run();
    // Sends the next due queued message, if any; false when none is due.
    bool send_next_due();

    SendWorkerOptions m_options;
    Services* m_services = nullptr;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    bool m_woken = false;
};

} // namespace waconsole
