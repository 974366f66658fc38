// The front door of the HTTP server. A connection holds a worker thread only while one of its
// requests runs: until a request's headers have arrived in full, and between kept-alive
// requests, it waits in one epoll loop that costs a file descriptor and a small buffer. That
// loop enforces the header deadline and size, the idle timeout and the number of waiting
// connections; the workers enforce how many requests one client address runs at once. A
// connection whose body was refused is drained for a moment before closing, so the client
// reads the answer instead of a reset.
#pragma once

#include "server/net/connection_limits.hpp"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace waconsole {

struct GateConnection {
    int fd = -1;
    std::string peer_address;
    int peer_port = 0;
    // Who the per-client caps count this connection against: the peer's IPv4 address (also when
    // IPv4-mapped), or its IPv6 /64.
    std::string client;
    std::string local_address;
    int local_port = 0;
    // Bytes received and not yet consumed by a request: the next request's header (and
    // perhaps the start of its body) arrive here before a worker takes the connection.
    std::string input;
    std::size_t input_offset = 0;
    std::chrono::steady_clock::time_point request_started; // first byte of the waiting request
    std::chrono::steady_clock::time_point deadline;        // when waiting ends the connection
    std::size_t requests_served = 0;
    bool lingering = false;
    std::size_t lingered_bytes = 0;

    std::size_t unread() const { return input.size() - input_offset; }
};

// What a worker wants done with a connection after one request.
enum class AfterRequest { keep_alive, close, drain_and_close };

struct GateCounters {
    std::size_t waiting = 0; // idle or receiving a header
    std::size_t ready = 0;   // header in, waiting for a worker (or for its address's turn)
    std::size_t running = 0;
    std::size_t refused = 0;        // turned away: too many waiting connections, or from its client
    std::size_t timed_out = 0;      // closed waiting: header too slow, or idle too long
    std::size_t buffered_bytes = 0; // held for waiting connections' input
};

class ConnectionGate {
public:
    using Serve = std::function<AfterRequest(GateConnection&)>;

    ConnectionGate(ConnectionLimits limits, Serve serve);
    ~ConnectionGate();
    ConnectionGate(const ConnectionGate&) = delete;
    ConnectionGate& operator=(const ConnectionGate&) = delete;

    void start();
    // Takes ownership of a freshly accepted socket.
    void adopt(int fd);
    // Closes every waiting connection and waits for the running requests to finish.
    void stop();
    GateCounters counters() const;

private:
    using Clock = std::chrono::steady_clock;

    void run_events();
    void run_worker();
    void on_readable(GateConnection& connection, Clock::time_point now);
    void sweep_deadlines(Clock::time_point now);
    void wait_again(std::unique_ptr<GateConnection> connection);
    // Puts a connection in the event loop; a new one is refused when too many wait already.
    void watch(std::unique_ptr<GateConnection> connection, bool is_new);
    void make_ready(std::unique_ptr<GateConnection> connection);
    void forget_waiting(int fd);
    // Closes a connection that was let in, and gives its client's slot back.
    void close_admitted(GateConnection& connection);
    void close_admitted_locked(GateConnection& connection);
    std::unique_ptr<GateConnection> take_ready_locked();
    bool capped(const GateConnection& connection) const;

    const ConnectionLimits m_limits;
    const Serve m_serve;
    int m_epoll = -1;
    int m_wake = -1; // eventfd: stop() wakes the event loop with it

    mutable std::mutex m_mutex;
    std::condition_variable m_work;
    bool m_stopping = false;
    // Owned here while waiting; only the event thread erases from it.
    std::unordered_map<int, std::unique_ptr<GateConnection>> m_waiting;
    std::deque<std::unique_ptr<GateConnection>> m_ready;
    std::unordered_map<std::string, std::size_t> m_running_per_client;
    std::unordered_map<std::string, std::size_t> m_open_per_client;
    std::size_t m_running = 0;
    std::size_t m_refused = 0;
    std::size_t m_timed_out = 0;

    std::thread m_event_thread;
    std::vector<std::thread> m_workers;
};

// The key the per-client caps count `address` (as inet_ntop writes it) against.
std::string client_key(const std::string& address);

// Where a request's headers end in `text` from `from` on: the offset just past the blank line,
// or npos. Matches httplib, which ends headers at the first line that is exactly "\r\n".
std::size_t find_header_end(const std::string& text, std::size_t from);

} // namespace waconsole
