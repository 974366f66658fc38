// The background side of sending: threads that send `queued` messages (campaign recipients, and
// retries once their back-off is over; the queue is the messages table, so it survives a
// restart), and every minute mark `unknown` sends that no status webhook resolved in time as
// `unresolved` and forget status events of messages we do not know and idempotency keys past
// their day. start() first reconciles what the previous run left: a message still `pending` may
// have reached Meta before the stop, so it becomes `unknown`, never sent again.
//
// Each thread holds one request with Meta at a time, so as many threads send at once as the
// number's rate times Meta's round trip needs. They share the database work: one thread at a
// time claims a batch of due messages for the threads waiting (one write for the batch, each
// message with a rate slot taken before the claim), and answers are recorded by whichever thread
// finds the recorder free, all the answers that came meanwhile in one transaction.
#pragma once

#include "server/meta/send_recording.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
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
    // API), so N threads send at most N / round trip messages a second. The rate limiter keeps
    // them all under META_MPS; a message is claimed by one thread only.
    int threads = 8;
    // A batch claims messages whose rate slots are at most this far ahead: a message is
    // `pending` (and `unknown` after a crash) this long at most before its request leaves.
    std::chrono::milliseconds claim_ahead{25};
    int max_claim = 32; // messages claimed in one write
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

    // Reconciles interrupted sends, then starts the threads. Call once the schema is migrated
    // and before requests are served; `services` must outlive the worker's stop().
    void start(Services& services);
    // Waits for the attempts in progress (at most one Graph read timeout), records them, stops.
    void stop();
    // A message was queued: look at the queue now rather than at the next planned time.
    void wake();

    // One sweep at `now` (epoch seconds); the threads run it every sweep_interval.
    SweepResult sweep(std::int64_t now);
    const SendWorkerOptions& options() const { return m_options; }

private:
    // A claimed message and the rate slot it leaves at.
    struct ClaimedSend {
        QueuedSend queued;
        std::chrono::steady_clock::time_point slot;
    };
    // What a claim found: the messages, or when the next queued one is due.
    struct Claim {
        std::vector<ClaimedSend> sends;
        std::optional<std::int64_t> next_due_ms;
    };

    void run();
    // Claims up to `wanted` due messages with a rate slot each (the first slot waited for).
    Claim claim(int wanted);
    void send(const ClaimedSend& claimed);
    // Adds an answer to record; the thread that finds the recorder free records every answer
    // waiting, in batches, until none is left.
    void record(AttemptToRecord attempt);
    // How long the claimer may sleep: until the next due message or sweep. Under m_mutex.
    std::chrono::milliseconds idle_time(const std::optional<std::int64_t>& next_due_ms);

    SendWorkerOptions m_options;
    Services* m_services = nullptr;
    std::vector<std::thread> m_threads;

    std::mutex m_mutex;
    std::condition_variable m_work;  // a claimed message is ready, or the claimer role is free
    std::condition_variable m_wake;  // the claimer's sleep: wake(), stop
    std::deque<ClaimedSend> m_ready; // claimed, not yet taken by a thread
    bool m_has_claimer = false;      // one thread claims (or sleeps until something is due)
    int m_waiting = 0;               // threads waiting for a claimed message
    bool m_stopping = false;
    std::uint64_t m_wakes = 0;
    std::chrono::steady_clock::time_point m_next_sweep;

    std::mutex m_record_mutex;
    std::vector<AttemptToRecord> m_to_record;
    bool m_recording = false;
};

} // namespace waconsole
