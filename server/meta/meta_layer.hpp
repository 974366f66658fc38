// What the Meta layer keeps for the life of the server: the phone number's rate limiter, the
// Graph API client and the lock our database writers share. Lives in Services.
#pragma once

#include "server/config.hpp"
#include "server/meta/meta_client.hpp"
#include "server/meta/rate_limiter.hpp"

#include <mutex>

namespace waconsole {

struct MetaLayer {
    explicit MetaLayer(const MetaConfig& config)
        : rate_limiter(config.messages_per_second), client(config, rate_limiter) {}

    RateLimiter rate_limiter;
    MetaClient client;
    // Webhook ingestion and send bookkeeping take this before their write transaction, so that
    // our writers queue here (woken at once) rather than in SQLite's busy-timeout sleeps.
    std::mutex store_write_mutex;
};

} // namespace waconsole
