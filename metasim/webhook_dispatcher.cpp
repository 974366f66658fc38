// Webhook workers: a due-time queue per worker, keep-alive HTTP clients, bounded retries.
#include "metasim/webhook_dispatcher.hpp"

#include "metasim/random_ids.hpp"
#include "metasim/signature.hpp"

#include <algorithm>
#include <functional>
#include <httplib.h>
#include <optional>
#include <stdexcept>

namespace waconsole::metasim {

WebhookDispatcher::WebhookDispatcher(std::string url, std::string app_secret,
                                     const ConfigHolder& config, int workers,
                                     StatusEnvelope status_envelope)
    : m_app_secret(std::move(app_secret)), m_config(config),
      m_status_envelope(std::move(status_envelope)) {
    if (!url.empty()) {
        const std::size_t scheme_end = url.find("://");
        if (scheme_end == std::string::npos) {
            throw std::runtime_error("the webhook URL " + url + " has no scheme (http://...)");
        }
        const std::size_t path_start = url.find('/', scheme_end + 3);
        m_base_url = url.substr(0, path_start);
        m_path = path_start == std::string::npos ? "/" : url.substr(path_start);
        for (int i = 0; i < std::max(workers, 1); ++i) {
            m_workers.push_back(std::make_unique<Worker>());
        }
    }
}

WebhookDispatcher::~WebhookDispatcher() {
    stop();
}

void WebhookDispatcher::start() {
    for (auto& worker : m_workers) {
        if (!worker->thread.joinable()) {
            worker->thread = std::thread([this, raw = worker.get()] { run(*raw); });
        }
    }
}

void WebhookDispatcher::stop() {
    m_stopping = true;
    for (auto& worker : m_workers) {
        { std::lock_guard<std::mutex> lock(worker->mutex); }
        worker->wake.notify_all();
        if (worker->thread.joinable()) {
            worker->thread.join();
        }
    }
}

WebhookDispatcher::Worker& WebhookDispatcher::worker_for(const std::string& ordering_key) {
    return *m_workers[std::hash<std::string>{}(ordering_key) % m_workers.size()];
}

WebhookDispatcher::Delivery WebhookDispatcher::signed_delivery(std::string body) const {
    Delivery delivery;
    delivery.signature = std::make_shared<const std::string>(webhook_signature(m_app_secret, body));
    delivery.body = std::make_shared<const std::string>(std::move(body));
    return delivery;
}

void WebhookDispatcher::enqueue(std::string body, std::chrono::milliseconds delay,
                                const std::string& ordering_key) {
    if (m_workers.empty() || m_stopping) {
        ++m_dropped;
        return;
    }
    Worker& worker = worker_for(ordering_key);
    Delivery delivery = signed_delivery(std::move(body));
    delivery.due = Clock::now() + delay;
    const bool duplicate = roll_percent(m_config.get()->duplicate_webhooks_percent);
    Delivery copy = delivery;
    push(worker, std::move(delivery));
    if (duplicate) {
        // Meta's duplicates are byte-identical and arrive close together.
        copy.due += std::chrono::milliseconds(random_between(5, 50));
        ++m_duplicated;
        push(worker, std::move(copy));
    }
}

void WebhookDispatcher::enqueue_status(nlohmann::json status, std::chrono::milliseconds delay,
                                       const std::string& ordering_key) {
    if (m_workers.empty() || m_stopping) {
        ++m_dropped;
        return;
    }
    Delivery delivery;
    delivery.due = Clock::now() + delay;
    delivery.status = std::make_shared<const nlohmann::json>(std::move(status));
    delivery.key_hash = std::hash<std::string>{}(ordering_key);
    push(worker_for(ordering_key), std::move(delivery));
}

std::string WebhookDispatcher::deliver_now(std::string body, const std::string& ordering_key) {
    if (m_workers.empty() || m_stopping) {
        ++m_dropped;
        return "the simulator has no webhook URL to send it to";
    }
    Worker& worker = worker_for(ordering_key);
    Delivery delivery = signed_delivery(std::move(body));
    delivery.due = Clock::now();
    if (roll_percent(m_config.get()->duplicate_webhooks_percent)) {
        Delivery copy = delivery;
        copy.due += std::chrono::milliseconds(random_between(5, 50));
        ++m_duplicated;
        push(worker, std::move(copy));
    }
    httplib::Client client(m_base_url);
    std::string problem;
    if (post(client, delivery, &problem)) {
        return "";
    }
    retry_later(worker, std::move(delivery));
    return problem;
}

void WebhookDispatcher::push(Worker& worker, Delivery delivery) {
    delivery.order = ++m_order;
    ++m_pending;
    {
        std::lock_guard<std::mutex> lock(worker.mutex);
        worker.queue.push(std::move(delivery));
    }
    worker.wake.notify_one();
}

void WebhookDispatcher::run(Worker& worker) {
    httplib::Client client(m_base_url);
    client.set_keep_alive(true);
    client.set_tcp_nodelay(true);
    while (true) {
        Delivery delivery;
        std::optional<nlohmann::json> statuses; // when `delivery` starts a batch of statuses
        {
            std::unique_lock<std::mutex> lock(worker.mutex);
            while (!m_stopping) {
                if (worker.queue.empty()) {
                    worker.wake.wait(lock);
                } else if (worker.queue.top().due > Clock::now()) {
                    worker.wake.wait_until(lock, worker.queue.top().due);
                } else {
                    break;
                }
            }
            if (m_stopping) {
                return;
            }
            delivery = worker.queue.top();
            worker.queue.pop();
            --m_pending;
            if (delivery.status) {
                statuses = take_batch(worker, delivery);
            }
        }
        if (statuses) {
            // The batch's signed body (made outside the lock) and its duplicate.
            Delivery batch = signed_delivery(m_status_envelope(std::move(*statuses)));
            batch.due = delivery.due;
            if (roll_percent(m_config.get()->duplicate_webhooks_percent)) {
                Delivery copy = batch;
                copy.due = Clock::now() + std::chrono::milliseconds(random_between(5, 50));
                ++m_duplicated;
                push(worker, std::move(copy));
            }
            delivery = std::move(batch);
        }
        if (!post(client, delivery)) {
            retry_later(worker, std::move(delivery));
        }
    }
}

nlohmann::json WebhookDispatcher::take_batch(Worker& worker, const Delivery& first) {
    const std::size_t limit =
        static_cast<std::size_t>(std::max(m_config.get()->status_batch_max, 1));
    const Clock::time_point horizon = first.due + kStatusFlushInterval;
    auto statuses = nlohmann::json::array({*first.status});
    std::vector<std::size_t> messages = {first.key_hash};
    std::vector<Delivery> later; // statuses of messages already in the batch
    while (statuses.size() < limit && !worker.queue.empty()) {
        const Delivery& next = worker.queue.top();
        // A ready body (an inbound message, a retry) keeps its place in due order.
        if (!next.status || next.due > horizon) {
            break;
        }
        if (std::find(messages.begin(), messages.end(), next.key_hash) != messages.end()) {
            later.push_back(next);
        } else {
            messages.push_back(next.key_hash);
            statuses.push_back(*next.status);
            --m_pending;
        }
        worker.queue.pop();
    }
    for (auto& kept : later) {
        worker.queue.push(std::move(kept)); // with its own due time and order, still first
    }
    return statuses;
}

void WebhookDispatcher::retry_later(Worker& worker, Delivery delivery) {
    const auto config = m_config.get();
    if (delivery.attempt + 1 >= config->webhook_max_attempts) {
        ++m_gave_up;
        return;
    }
    const auto delay = std::chrono::milliseconds(
        static_cast<std::int64_t>(config->webhook_retry_base_ms) << std::min(delivery.attempt, 20));
    ++delivery.attempt;
    delivery.due = Clock::now() + delay;
    push(worker, std::move(delivery));
}

bool WebhookDispatcher::post(httplib::Client& client, const Delivery& delivery,
                             std::string* problem) {
    const int timeout_ms = m_config.get()->webhook_timeout_ms;
    client.set_connection_timeout(timeout_ms / 1000, (timeout_ms % 1000) * 1000);
    client.set_read_timeout(timeout_ms / 1000, (timeout_ms % 1000) * 1000);
    client.set_write_timeout(timeout_ms / 1000, (timeout_ms % 1000) * 1000);
    const httplib::Headers headers = {{"X-Hub-Signature-256", *delivery.signature},
                                      {"User-Agent", "facebookexternalua"}};
    ++m_attempted;
    const auto result = client.Post(m_path, headers, *delivery.body, "application/json");
    if (result && result->status == 200) {
        ++m_answered_200;
        return true;
    }
    ++m_failed;
    if (problem) {
        *problem = result
                       ? "the webhook answered HTTP " + std::to_string(result->status)
                       : "the webhook could not be reached: " + httplib::to_string(result.error());
    }
    return false;
}

nlohmann::json WebhookDispatcher::counts() const {
    return {{"attempted", m_attempted.load()},   {"answered_200", m_answered_200.load()},
            {"failed", m_failed.load()},         {"gave_up", m_gave_up.load()},
            {"duplicated", m_duplicated.load()}, {"dropped", m_dropped.load()},
            {"pending", m_pending.load()}};
}

} // namespace waconsole::metasim
