// The background side of sending: a thread that sends `queued` messages (campaign recipients,
// and retries once their back-off is over; the queue is the messages table, so it survives a
// restart), and every minute marks `unknown` sends that no status webhook resolved in time as
// `unresolved` and forgets status events of messages we do not know and idempotency keys past
// their day. start() first reconciles what the previous run left: a message still `pending` may
// have reached Meta before the stop, so it becomes `unknown`, never sent again.
//
// The thread does the database work: it claims a batch of due messages (one write, each message
// with a rate slot taken before the claim) and hands them to the paced Graph sender, which
// starts each request at its slot and keeps them all in flight on one thread of its own; the
// answers come back to this thread and are recorded in batches, a transaction for several.
#pragma once

#include "server/meta/graph_transport.hpp"
#include "server/meta/send_recording.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace waconsole {

struct Services;
class PacedGraphSender;

struct SendWorkerOptions {
    std::int64_t unresolved_after_seconds = 60 * 60;
    std::int64_t unmatched_status_seconds = 7 * 24 * 60 * 60;
    std::int64_t idempotency_key_seconds = 24 * 60 * 60;
    std::chrono::seconds sweep_interval{60};
    // Sends waiting for Meta's answer at once (a round trip of 100-300 ms to the real Graph
    // API): at most this / round trip messages a second. The rate limiter keeps them under
    // META_MPS.
    int concurrency = 8;
    // A batch claims messages whose rate slots are at most this far ahead: a message is
    // `pending` (and `unknown` after a crash) this long at most before its request leaves.
    std::chrono::milliseconds claim_ahead{15};
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

    // Reconciles interrupted sends, then starts the thread. Call once the schema is migrated
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
    // What a claim found: the messages, or when to look again (the next queued message is due,
    // or the rate's next slot comes within claim_ahead).
    struct Claim {
        std::vector<ClaimedSend> sends;
        std::optional<std::chrono::steady_clock::time_point> look_again;
    };

    void run();
    // Claims up to `wanted` due messages, each with a rate slot at most claim_ahead away. The
    // gathered `answers` are recorded in the claim's transaction, and `answers` is emptied, when
    // there is a claim to write; otherwise they are left to the caller.
    Claim claim(int wanted, std::vector<AttemptToRecord>& answers);
    // Hands claimed messages to the Graph sender (or, when it cannot send, answers them at once).
    void send(std::vector<ClaimedSend> claimed);
    // On the Graph sender's thread: an answer to record.
    void answered(std::uint64_t tag, const GraphResponse& response);
    // Under m_mutex; returns whether the thread should be woken for it.
    bool add_answer(AttemptToRecord attempt);
    void record(const std::vector<AttemptToRecord>& batch);

    SendWorkerOptions m_options;
    Services* m_services = nullptr;
    std::thread m_thread;

    std::mutex m_mutex;
    std::condition_variable m_work; // answers to record, room to send, wake(), stop
    std::unordered_map<std::uint64_t, SendInFlight> m_in_flight; // by tag, with Meta
    std::uint64_t m_next_tag = 0;
    std::vector<AttemptToRecord> m_answers;
    std::chrono::steady_clock::time_point m_first_answer_at; // of those in m_answers
    std::chrono::steady_clock::time_point m_sleeping_until;  // the thread's, while it waits
    bool m_stopping = false;
    std::uint64_t m_wakes = 0;
    std::uint64_t m_wakes_seen = 0; // by the thread
    std::chrono::steady_clock::time_point m_next_sweep;
    std::chrono::steady_clock::time_point m_claim_not_before; // the claim's look_again
    // Last: its thread calls answered(), which uses the members above.
    std::unique_ptr<PacedGraphSender> m_graph;
};

} // namespace waconsole
