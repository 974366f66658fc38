// The send worker's thread: claim in batches, hand to the Graph sender, record in batches; and
// the periodic sweep.
#include "server/meta/send_worker.hpp"

#include "server/clock.hpp"
#include "server/meta/paced_graph_sender.hpp"
#include "server/services.hpp"
#include "server/store/idempotency_store.hpp"
#include "server/store/message_status_store.hpp"
#include "server/store/messages_store.hpp"
#include "server/thread_name.hpp"

#include <iostream>
#include <thread>

namespace waconsole {
namespace {

// While sending, the claims (every claim_ahead / 2 or so) take the answers gathered since the
// last one into their transaction: one commit for both. Answers wait at most this long for a
// claim, or for this many of them, before a transaction of their own.
constexpr auto kRecordGather = std::chrono::milliseconds(12);
constexpr std::size_t kRecordBatchWanted = 24;
// Webhook POSTs one claim's transaction writes, at most: ~0.2 ms each for a POST of 15 statuses.
// A burst beyond it waits for the next claim, or commits by itself.
constexpr std::size_t kMostWebhooksPerClaim = 16;

} // namespace

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
        m_next_sweep = std::chrono::steady_clock::now();
        m_claim_not_before = {};
    }
    m_graph = services.meta.client.paced_sender(
        [this](std::uint64_t tag, GraphResponse response) { answered(tag, response); });
    m_thread = std::thread([this] {
        name_this_thread("wa-send");
        run();
    });
}

void SendWorker::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_work.notify_all();
    // The thread returns once every claimed message was sent and its answer recorded.
    if (m_thread.joinable()) {
        m_thread.join();
    }
    m_graph.reset();
}

void SendWorker::wake() {
    {
        std::lock_guard lock(m_mutex);
        ++m_wakes;
    }
    m_work.notify_one();
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
    for (;;) {
        const auto now = std::chrono::steady_clock::now();
        if (m_wakes != m_wakes_seen) {
            // Something was queued (by a request, a campaign, or a retry we recorded): look now.
            m_wakes_seen = m_wakes;
            m_claim_not_before = {};
        }
        // Answers first: a commit costs more than the rows in it, so a few milliseconds of
        // gathering make one transaction of several (usually the next claim's, below). A crash
        // meanwhile leaves these `pending`, hence `unknown` after the restart, as a crash during
        // their round trip would.
        if (!m_answers.empty() && (m_answers.size() >= kRecordBatchWanted || m_in_flight.empty() ||
                                   m_stopping || now >= m_first_answer_at + kRecordGather)) {
            auto batch = std::move(m_answers);
            m_answers.clear();
            lock.unlock();
            record(batch);
            lock.lock();
            continue;
        }
        if (m_stopping) {
            if (m_in_flight.empty() && m_answers.empty()) {
                return;
            }
            m_work.wait(lock, [this] { return !m_answers.empty() || m_in_flight.empty(); });
            continue;
        }
        auto wake_at = m_next_sweep;
        if (now >= m_next_sweep) {
            m_next_sweep = now + m_options.sweep_interval;
            lock.unlock();
            try {
                sweep(now_seconds());
            } catch (const std::exception& e) {
                std::cerr << "waconsole-server: the sweep of sends failed: " << e.what()
                          << std::endl;
            }
            lock.lock();
            continue;
        }
        const int room = std::max(1, m_options.concurrency) - static_cast<int>(m_in_flight.size());
        if (room > 0 && now >= m_claim_not_before) {
            auto answers = std::move(m_answers);
            m_answers.clear();
            const auto answers_since = m_first_answer_at;
            const bool had_answers = !answers.empty();
            lock.unlock();
            Claim found;
            bool failed = false;
            try {
                found = claim(std::min(room, std::max(1, m_options.max_claim)), answers);
            } catch (const std::exception& e) {
                // The queue is in the database: nothing is lost; try again in a while.
                std::cerr << "waconsole-server: the send worker failed: " << e.what() << std::endl;
                failed = true;
            }
            if (failed) {
                // The claim's transaction took its answers down with it: alone, once.
                record(answers);
                answers.clear();
            }
            const bool claimed = !found.sends.empty();
            if (claimed) {
                send(std::move(found.sends));
            }
            lock.lock();
            if (!answers.empty()) {
                // No claim to write (nothing due, no slot in reach): they go on gathering, as
                // old as they were, for the next claim or their own transaction.
                m_answers.insert(m_answers.begin(), std::make_move_iterator(answers.begin()),
                                 std::make_move_iterator(answers.end()));
                m_first_answer_at = answers_since;
            }
            if (claimed) {
                continue;
            }
            // A failure with answers in the transaction may have been theirs (now recorded
            // alone): the claim is tried again at once, without them, before a second's wait.
            m_claim_not_before = failed ? (had_answers ? now : now + std::chrono::seconds(1))
                                        : found.look_again.value_or(m_next_sweep);
            continue; // a wake() during the claim is seen at the top
        }
        if (room > 0) {
            wake_at = std::min(wake_at, m_claim_not_before);
        }
        if (!m_answers.empty()) {
            wake_at = std::min(wake_at, m_first_answer_at + kRecordGather);
        }
        const bool full = room <= 0;
        m_sleeping_until = wake_at;
        m_work.wait_until(lock, wake_at, [&] {
            return m_stopping || m_wakes != m_wakes_seen ||
                   m_answers.size() >= kRecordBatchWanted ||
                   (full && static_cast<int>(m_in_flight.size()) < m_options.concurrency) ||
                   (!m_answers.empty() && m_first_answer_at + kRecordGather < wake_at);
        });
        m_sleeping_until = {};
    }
}

SendWorker::Claim SendWorker::claim(int wanted, std::vector<AttemptToRecord>& answers) {
    Claim found;
    std::optional<std::int64_t> next_due_ms;
    {
        // The writers' connection: its pages are current, where a reader's cache was emptied by
        // every write since its last use (a re-read of the queue's index at each claim).
        auto db = m_services->pool.acquire_writer();
        next_due_ms = next_queued_send_at_ms(*db);
    }
    if (!next_due_ms) {
        return found; // nothing queued: wake() says when
    }
    const auto due_in = std::chrono::milliseconds(*next_due_ms - now_milliseconds());
    if (due_in.count() > 0) {
        found.look_again = std::chrono::steady_clock::now() + due_in;
        return found;
    }
    // The slot first, then the claim: a message becomes `pending` only when its request can go
    // within claim_ahead. Claimed first, a message could wait `pending` for a long pause of the
    // rate (Meta said 130429), and a stop or a crash there would leave it `unknown` (never sent
    // again) though it never reached Meta; a cancelled campaign could not take it back either.
    auto& rate_limiter = m_services->meta.rate_limiter;
    std::vector<std::chrono::steady_clock::time_point> slots;
    while (static_cast<int>(slots.size()) < wanted) {
        const auto next = rate_limiter.reserve(m_options.claim_ahead);
        if (!next) {
            break;
        }
        slots.push_back(*next);
    }
    if (slots.empty()) {
        // Back when half the look-ahead has come into reach: a batch of several, not of one.
        found.look_again = rate_limiter.next_slot() - m_options.claim_ahead / 2;
        return found;
    }
    std::vector<QueuedSend> claimed;
    bool queued_again = false;
    {
        auto db = m_services->pool.acquire_writer();
        std::lock_guard write_lock(m_services->meta.store_write_mutex);
        std::optional<Transaction> transaction(std::in_place, *db);
        // Webhook POSTs waiting for a transaction ride in this one (SharedWrites); if it rolls
        // back they are given back, to the next claim or their own. At most a few: the slots
        // are reserved, the sends wait for this commit.
        std::optional<SharedWrites::Taken> webhooks;
        try {
            webhooks.emplace(m_services->meta.shared_writes.take(*db, kMostWebhooksPerClaim));
        } catch (const SharedWriteEndedTransaction&) {
            // One POST's failure took the transaction down (it is answered with its error, the
            // others given back): the claim goes on in a new one, without them.
            transaction.reset();
            transaction.emplace(*db);
        }
        // Recorded first: a message queued again by its answer waits for its back-off.
        queued_again = record_send_attempts_in(*db, *m_services, answers);
        claimed = claim_queued_sends(*db, now_milliseconds(), static_cast<int>(slots.size()));
        if (webhooks) {
            webhooks->commit(*transaction);
        } else {
            transaction->commit();
        }
    }
    if (!answers.empty()) {
        answers.clear();
        send_attempts_recorded(*m_services, queued_again);
    }
    // Slots beyond the messages claimed (the queue ran short) go unused.
    for (std::size_t i = 0; i < claimed.size(); ++i) {
        found.sends.push_back({std::move(claimed[i]), slots[i]});
    }
    return found;
}

void SendWorker::send(std::vector<ClaimedSend> claimed) {
    std::vector<PacedGraphSender::Post> posts;
    std::vector<AttemptToRecord> answered_now;
    for (auto& one : claimed) {
        SendInFlight in_flight;
        in_flight.message_id = one.queued.message_id;
        in_flight.customer_id = one.queued.customer_id;
        in_flight.previous_attempts = one.queued.attempts;
        // What cannot leave is answered here; the text goes to Meta as stored.
        if (!m_graph || !stored_request_can_leave(one.queued.request)) {
            answered_now.push_back(
                {in_flight, send_stored_request(*m_services, one.queued.request,
                                                std::chrono::milliseconds(0), true)});
            continue;
        }
        posts.push_back({0, std::move(one.queued.request), one.slot});
        posts.back().tag = ++m_next_tag; // the worker's thread alone counts tags
        std::lock_guard lock(m_mutex);
        m_in_flight.emplace(posts.back().tag, in_flight);
    }
    if (!posts.empty()) {
        m_graph->submit(std::move(posts));
    }
    if (!answered_now.empty()) {
        std::lock_guard lock(m_mutex);
        for (auto& attempt : answered_now) {
            add_answer(std::move(attempt));
        }
    }
}

void SendWorker::answered(std::uint64_t tag, const GraphResponse& response) {
    AttemptToRecord made;
    try {
        made.attempt = classify_send_answer(response);
    } catch (const std::exception& e) {
        // Whether the request left is not known: unknown, resolved by status webhooks.
        made.attempt.verdict = SendVerdict::unknown;
        made.attempt.reason = std::string("the send failed in the server: ") + e.what();
    }
    bool wake = false;
    {
        // Out of flight and into the answers in one step: a stopping worker that saw neither
        // would return with this answer unrecorded.
        std::lock_guard lock(m_mutex);
        const auto found = m_in_flight.find(tag);
        if (found == m_in_flight.end()) {
            return;
        }
        made.send = found->second;
        m_in_flight.erase(found);
        // A 130429 / 80007 / 4 pauses every sender now: recorded only with the next claim, after
        // that claim reserved its slots, the pause would come too late for them. Recording
        // pauses again, by the same rule.
        queue_again_after(*m_services, made.send, made.attempt);
        wake = add_answer(std::move(made));
    }
    if (wake) {
        m_work.notify_one();
    }
}

bool SendWorker::add_answer(AttemptToRecord attempt) {
    const auto now = std::chrono::steady_clock::now();
    if (m_answers.empty()) {
        m_first_answer_at = now;
    }
    m_answers.push_back(std::move(attempt));
    // The thread is woken when a batch is full, when it sleeps past this answer's gathering
    // time, when room to send opened, or when the last answer is in.
    return m_answers.size() >= kRecordBatchWanted ||
           m_sleeping_until > m_first_answer_at + kRecordGather || m_in_flight.empty() ||
           static_cast<int>(m_in_flight.size()) + 1 == m_options.concurrency;
}

void SendWorker::record(const std::vector<AttemptToRecord>& batch) {
    if (batch.empty()) {
        return;
    }
    try {
        record_send_attempts(*m_services, batch);
    } catch (const std::exception& e) {
        // They stay `pending`: `unknown` after the next start, resolved by status webhooks;
        // never sent again.
        std::cerr << "waconsole-server: " << batch.size()
                  << " send answer(s) could not be recorded: " << e.what() << std::endl;
    }
}

} // namespace waconsole
