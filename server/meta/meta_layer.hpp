// What the Meta layer keeps for the life of the server: the phone number's rate limiter, the
// Graph API client, the lock our database writers share and the send worker (retries of queued
// sends, the sweep of unknown ones). Lives in Services; main starts the worker once the
// database is migrated.
#pragma once

#include "server/config.hpp"
#include "server/meta/meta_client.hpp"
#include "server/meta/rate_limiter.hpp"
#include "server/meta/send_worker.hpp"
#include "server/store/shared_writes.hpp"

#include <mutex>

namespace waconsole {

inline SendWorkerOptions send_worker_options(const MetaConfig& config) {
    SendWorkerOptions options;
    options.unresolved_after_seconds = std::int64_t{config.unresolved_after_minutes} * 60;
    options.unmatched_status_seconds = std::int64_t{config.unmatched_status_days} * 24 * 60 * 60;
    options.concurrency = send_concurrency(config);
    return options;
}

struct MetaLayer {
    explicit MetaLayer(const MetaConfig& config)
        : rate_limiter(config.messages_per_second, 0, RateLimiter::FirstSends::ramped),
          client(config, rate_limiter), sends(send_worker_options(config)) {}

    RateLimiter rate_limiter;
    MetaClient client;
    // Webhook ingestion and send bookkeeping take this before their write transaction, so that
    // our writers queue here (woken at once) rather than in SQLite's busy-timeout sleeps.
    std::mutex store_write_mutex;
    // Webhook POSTs ride in the send worker's next claim (one every 7-8 ms while a campaign
    // sends) rather than committing each their own; with no claim within 10 ms they commit.
    SharedWrites shared_writes{std::chrono::milliseconds(10)};
    // Last, so it stops (joining its thread) before the parts it uses go.
    SendWorker sends;
};

} // namespace waconsole
