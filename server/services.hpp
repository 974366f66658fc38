// What route handlers and background workers share: configuration, the database and the
// registries. Built once in main (or a test) and passed by reference.
#pragma once

#include "server/auth/hashing_slots.hpp"
#include "server/auth/login_throttle.hpp"
#include "server/campaigns/campaign_sender.hpp"
#include "server/center/contact_center.hpp"
#include "server/config.hpp"
#include "server/live/change_feed.hpp"
#include "server/meta/meta_layer.hpp"
#include "server/store/connection_pool.hpp"
#include "server/tables/table_registry.hpp"

namespace waconsole {

struct Services {
    ServerConfig config;
    ConnectionPool pool;
    // Before the workers that bump it (the send worker records its last answers while stopping).
    ChangeFeed changes; // what changed, for open consoles
    TableRegistry tables;
    MetaLayer meta; // rate limiter, Graph API client, write lock of the Meta layer
    LoginThrottle login_throttle;
    HashingSlots password_hashing; // password checks at once; a login waits at most a second
    ContactCenter center;          // routing engine and its timers
    // Last, so its thread stops before the parts it uses go.
    CampaignSender campaign_sender; // feeds confirmed campaigns to the Meta layer's send queue

    explicit Services(ServerConfig server_config)
        : config(std::move(server_config)),
          pool(config.db_path, static_cast<std::size_t>(config.http_threads) + 2),
          meta(config.meta), password_hashing(config.password_hash_slots, std::chrono::seconds(1)),
          campaign_sender(campaign_sender_options(config.meta)) {}
};

} // namespace waconsole
