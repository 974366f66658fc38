// A contact center on a temporary database with no HTTP server: Services as main builds them,
// and helpers that write agents, skillsets, customers and conversations directly, for the
// routing, transfer, bot and identity tests. The routing engine's thread is not started; tests
// run its cycles themselves (run_cycle) unless they start it.
#pragma once

#include "server/routing/routing_engine.hpp"
#include "server/services.hpp"
#include "test_server.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace waconsole::testing {

class CenterFixture {
public:
    CenterFixture();
    ~CenterFixture();

    Services& services() { return *m_services; }
    PooledConnection db() { return m_services->pool.acquire(); }

    std::int64_t skillset(const std::string& name, std::optional<int> digit = std::nullopt);
    std::int64_t agent(const std::string& name, const std::vector<std::int64_t>& skillsets,
                       int capacity = 2, const std::string& presence = "ready",
                       std::int64_t idle_since_ms = 0);
    std::int64_t customer(const std::string& phone);
    // A conversation waiting in `skillset`'s queue, queued at `queued_at`.
    std::int64_t waiting(std::int64_t skillset, std::int64_t queued_at, std::int64_t priority = 0);
    std::int64_t bot_conversation(std::int64_t customer, std::int64_t last_message_at);

    routing::CycleResult cycle(std::int64_t now_ms);
    std::int64_t scalar(const std::string& sql);
    std::optional<std::int64_t> optional_scalar(const std::string& sql);

private:
    TempDir m_dir;
    std::unique_ptr<Services> m_services;
    int m_next_phone = 1;
};

} // namespace waconsole::testing
