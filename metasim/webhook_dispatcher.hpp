// Delivers signed webhooks to the server on background workers, never on a request thread.
// Each event has a due time; events sharing an ordering key (a wamid, a customer) go to the same
// worker and leave in due order, so only the deliberate faults (reorder, duplicates) and retries
// change the order the server sees. Message statuses are batched as Meta does: statuses of
// different messages due within kStatusFlushInterval of the first go in one POST (at most
// status_batch_max), which is what lets a 1,000/s campaign's statuses through. A POST that is not
// answered 200 is retried whole with doubling delays up to webhook_max_attempts, like Meta but
// bounded.
#pragma once

#include "metasim/sim_config.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <queue>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Client;
}

namespace waconsole::metasim {

class WebhookDispatcher {
public:
    // The webhook body that carries `statuses` (a JSON array of value.statuses entries).
    using StatusEnvelope = std::function<std::string(nlohmann::json statuses)>;
    // How far after the first status of a batch the others may be due.
    static constexpr std::chrono::milliseconds kStatusFlushInterval{50};

    // An empty `url` makes a dispatcher that drops every event (and counts them as dropped).
    WebhookDispatcher(std::string url, std::string app_secret, const ConfigHolder& config,
                      int workers, StatusEnvelope status_envelope);
    ~WebhookDispatcher();
    WebhookDispatcher(const WebhookDispatcher&) = delete;
    WebhookDispatcher& operator=(const WebhookDispatcher&) = delete;

    void start();
    // Stops the workers; events not yet delivered are dropped.
    void stop();

    // Signs `body` and delivers it `delay` from now. duplicate_webhooks_percent of events are
    // queued twice with the identical body and signature.
    void enqueue(std::string body, std::chrono::milliseconds delay,
                 const std::string& ordering_key);

    // One value.statuses entry, due `delay` from now; `ordering_key` is its message's wamid. It
    // leaves in one POST with other messages' statuses due up to kStatusFlushInterval after the
    // first of the batch (so some leave that much early), at most status_batch_max in all. Two
    // statuses of one message never share a POST: each leaves in its own, in due order.
    // duplicate_webhooks_percent applies to the batch's POST.
    void enqueue_status(nlohmann::json status, std::chrono::milliseconds delay,
                        const std::string& ordering_key);

    // POSTs `body` now on the calling thread, for control routes that report the outcome.
    // Returns "" when answered 200, else what went wrong; a failed POST is then retried in the
    // background like any other. duplicate_webhooks_percent applies as to queued events.
    std::string deliver_now(std::string body, const std::string& ordering_key);

    // {"attempted","answered_200","failed","gave_up","duplicated","dropped","pending"}
    nlohmann::json counts() const;

private:
    using Clock = std::chrono::steady_clock;
    struct Delivery {
        Clock::time_point due;
        std::uint64_t order = 0;                 // ties on `due` leave in enqueue order
        std::shared_ptr<const std::string> body; // signed and ready, or
        std::shared_ptr<const std::string> signature;
        std::shared_ptr<const nlohmann::json> status; // a status waiting for its batch
        std::size_t key_hash = 0;                     // the status's message
        int attempt = 0;
    };
    struct Later {
        bool operator()(const Delivery& a, const Delivery& b) const {
            return a.due != b.due ? a.due > b.due : a.order > b.order;
        }
    };
    struct Worker {
        std::mutex mutex;
        std::condition_variable wake;
        std::priority_queue<Delivery, std::vector<Delivery>, Later> queue;
        std::thread thread;
    };

    Worker& worker_for(const std::string& ordering_key);
    Delivery signed_delivery(std::string body) const;
    void push(Worker& worker, Delivery delivery);
    void run(Worker& worker);
    // Called with the worker's lock held and `first` (a status) just taken off its queue: takes
    // the statuses that go with it and returns them all, `first`'s first, in due order.
    nlohmann::json take_batch(Worker& worker, const Delivery& first);
    // POSTs once; true when answered 200, else `problem` says why.
    bool post(httplib::Client& client, const Delivery& delivery, std::string* problem = nullptr);
    // Queues a failed delivery's next attempt, or gives it up after webhook_max_attempts.
    void retry_later(Worker& worker, Delivery delivery);

    std::string m_base_url; // scheme://host:port
    std::string m_path;
    std::string m_app_secret;
    const ConfigHolder& m_config;
    StatusEnvelope m_status_envelope;
    std::vector<std::unique_ptr<Worker>> m_workers;
    std::atomic<bool> m_stopping{false};
    std::atomic<std::uint64_t> m_order{0};
    std::atomic<std::int64_t> m_attempted{0};
    std::atomic<std::int64_t> m_answered_200{0};
    std::atomic<std::int64_t> m_failed{0};
    std::atomic<std::int64_t> m_gave_up{0};
    std::atomic<std::int64_t> m_duplicated{0};
    std::atomic<std::int64_t> m_dropped{0};
    std::atomic<std::int64_t> m_pending{0};
};

} // namespace waconsole::metasim
