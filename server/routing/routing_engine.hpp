// The routing engine: one thread that sleeps until something can change the answer — notify()
// after an agent gets ready, capacity is freed, a conversation is queued, transferred or
// closed, an agent logs out — or until the next timer is due: the end of an unmanaged
// conversation's 24-hour window (closed `window_expired`) or of an exclusive reservation
// (falls back to its skillset queue). Never a polling loop. Each cycle runs the timers due and
// then a routing pass, each in its own write transaction; the database is the truth, so a
// restart (start() runs a cycle first) closes what became overdue while it was down and routes
// what waits.
#pragma once

#include "server/routing/matcher.hpp"

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace waconsole {

struct Services;

namespace routing {

struct CycleResult {
    int windows_closed = 0;
    int reservations_expired = 0;
    std::vector<Assignment> assignments;
    // The earliest timer still ahead (epoch seconds), if any.
    std::optional<std::int64_t> next_deadline;
};

class RoutingEngine {
public:
    RoutingEngine() = default;
    ~RoutingEngine();
    RoutingEngine(const RoutingEngine&) = delete;
    RoutingEngine& operator=(const RoutingEngine&) = delete;

    // Runs one cycle (what became overdue while the server was down), then starts the thread.
    // `services` must outlive stop().
    void start(Services& services);
    void stop();
    // Call after the commit of anything that can change who gets what.
    void notify();

    // One cycle on the caller's thread at `now_ms`: timers due, then a routing pass.
    CycleResult run_cycle(Services& services, std::int64_t now_ms);

    // Called on the engine's thread after each cycle that assigned something (tests, bench).
    void set_assignment_listener(std::function<void(const std::vector<Assignment>&)> listener);

private:
    void run();

    Services* m_services = nullptr;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_dirty = false;
    bool m_stopping = false;
    std::function<void(const std::vector<Assignment>&)> m_listener;
};

} // namespace routing
} // namespace waconsole
