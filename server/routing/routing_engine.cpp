// The engine's thread and its cycle.
#include "server/routing/routing_engine.hpp"

#include "server/routing/routing_pass.hpp"
#include "server/services.hpp"
#include "server/store/conversations_store.hpp"
#include "server/thread_name.hpp"
#include "shared/service_window.hpp"

#include <chrono>
#include <iostream>

namespace waconsole::routing {
namespace {

std::int64_t system_now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::optional<std::int64_t> earliest(std::optional<std::int64_t> a, std::optional<std::int64_t> b) {
    if (!a) {
        return b;
    }
    if (!b) {
        return a;
    }
    return std::min(*a, *b);
}

} // namespace

RoutingEngine::~RoutingEngine() {
    stop();
}

void RoutingEngine::start(Services& services) {
    m_services = &services;
    run_cycle(services, system_now_ms());
    {
        std::lock_guard lock(m_mutex);
        m_stopping = false;
    }
    m_thread = std::thread([this] {
        name_this_thread("wa-routing");
        run();
    });
}

void RoutingEngine::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void RoutingEngine::notify() {
    {
        std::lock_guard lock(m_mutex);
        m_dirty = true;
    }
    m_wake.notify_all();
}

void RoutingEngine::set_assignment_listener(
    std::function<void(const std::vector<Assignment>&)> listener) {
    std::lock_guard lock(m_mutex);
    m_listener = std::move(listener);
}

CycleResult RoutingEngine::run_cycle(Services& services, std::int64_t now_ms) {
    CycleResult result;
    const std::int64_t now = now_ms / 1000;
    auto db = services.pool.acquire();
    {
        std::lock_guard write_lock(services.meta.store_write_mutex);
        Transaction transaction(*db);
        result.windows_closed = close_expired_bot_conversations(*db, now, kServiceWindowSeconds);
        result.reservations_expired = expire_exclusive_reservations(*db, now);
        result.assignments = run_routing_pass(*db, now_ms);
        result.next_deadline =
            earliest(next_bot_window_end(*db, kServiceWindowSeconds), next_exclusive_deadline(*db));
        transaction.commit();
    }
    if (result.reservations_expired > 0 || !result.assignments.empty()) {
        services.changes.bump({Topic::conversations, Topic::team});
    } else if (result.windows_closed > 0) {
        services.changes.bump(Topic::unmanaged); // bot conversations only: no agent, no queue
    }
    return result;
}

void RoutingEngine::run() {
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        m_dirty = false;
        lock.unlock();
        std::optional<std::int64_t> deadline;
        bool failed = false;
        try {
            const auto result = run_cycle(*m_services, system_now_ms());
            deadline = result.next_deadline;
            if (!result.assignments.empty()) {
                std::function<void(const std::vector<Assignment>&)> listener;
                {
                    std::lock_guard listener_lock(m_mutex);
                    listener = m_listener;
                }
                if (listener) {
                    listener(result.assignments);
                }
            }
        } catch (const std::exception& e) {
            std::cerr << "waconsole-server: routing failed: " << e.what() << std::endl;
            failed = true;
        }
        lock.lock();
        if (m_dirty || m_stopping) {
            continue;
        }
        const auto woken = [this] { return m_dirty || m_stopping; };
        if (failed) {
            // A failing database is tried again in a second, not in a tight loop.
            m_wake.wait_for(lock, std::chrono::seconds(1), woken);
        } else if (deadline) {
            m_wake.wait_until(
                lock, std::chrono::system_clock::time_point(std::chrono::seconds(*deadline)),
                woken);
        } else {
            m_wake.wait(lock, woken);
        }
    }
}

} // namespace waconsole::routing
