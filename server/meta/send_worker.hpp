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
#include <vector>

namespace waconsole {

struct Services;

struct SendWorkerOptions {
    std::int64_t unresolved_after_seconds = 60 * 60;
    std::int64_t unmatched_status_seconds = 7 * 24 * 60 * 60;
    std::int64_t idempotency_key_seconds = 24 * 60 * 60;
    std::chrono::seconds sweep_interval{60};
    // Sends at once: each waits for Meta's answer (a round trip of 100-300 ms to the real Graph
    // API), so one thread alone would send a campaign at a few messages a second. The rate
    // limiter keeps them all under META_MPS; a message is claimed by one thread only.
    int threads = 8;
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
    // `sweeper`: the one thread that also runs the periodic sweep.
    void run(bool sweeper);
    // Sends the next due queued message, if any; false when none is due.
    bool send_next_due();

    SendWorkerOptions m_options;
    Services* m_services = nullptr;
    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    // Bumped by wake(): each thread compares it with the last it saw, so a wake reaches every
    // sleeping thread, not only the first to look.
    std::uint64_t m_wakes = 0;
};

} // namespace waconsole
