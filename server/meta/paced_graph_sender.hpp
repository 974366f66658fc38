// The send worker's way to Meta: one thread that starts each POST when its rate slot comes and
// keeps every request in flight on libcurl's multi interface, instead of a blocked thread per
// request. A blocked thread costs two to five context switches a send (its wake-up, the sleep
// to its slot, the wait for the answer, the locks), more than the send's own work at 1000 MPS
// (docs/architecture.md, "Sends never go twice").
//
// Exactly once: a request is written once. libcurl would write it again, unasked, on a fresh
// connection when a kept-alive one gave no answer at all; that is the answer lost after Meta
// accepted, so the second start is refused (CURLOPT_PREREQFUNCTION) and the send reported as
// having maybe arrived: unknown, resolved by status webhooks.
#pragma once

#include "server/meta/graph_endpoint.hpp"
#include "server/meta/graph_transport.hpp"

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace waconsole {

class RateLimiter;

class PacedGraphSender {
public:
    using Clock = std::chrono::steady_clock;
    // Called on the sender's thread with Meta's answer (or why there is none); must be quick.
    using Done = std::function<void(std::uint64_t tag, GraphResponse response)>;

    struct Post {
        std::uint64_t tag = 0;
        std::string body;
        Clock::time_point slot; // reserved from the rate limiter; the request leaves at it
    };

    // `path` is below the endpoint's base path, e.g. "/1000000001/messages".
    PacedGraphSender(GraphEndpoint endpoint, std::string path, std::string access_token,
                     GraphTimeouts timeouts, std::string ca_file, RateLimiter& rate_limiter,
                     Done done);
    ~PacedGraphSender();
    PacedGraphSender(const PacedGraphSender&) = delete;
    PacedGraphSender& operator=(const PacedGraphSender&) = delete;

    // Posts in slot order (a later submit's slots come after an earlier one's). Each gets
    // exactly one call of `done`.
    void submit(std::vector<Post> posts);
    // Sends what was submitted, waits for every answer (at most one Graph timeout), stops.
    void stop();

private:
    struct Transfer;
    void run();
    // `departed`, `place`: the rate limiter's departure, corrected when the request is written.
    void start_transfer(Post post, Clock::time_point departed, std::size_t place);
    void finish_transfers();
    // Recycles `transfer` and hands its answer to `done`.
    void answer(Transfer* transfer, GraphResponse response);
    // Lets libcurl act on the sockets epoll found ready (or `timeout_ms` 0: none), and on its
    // timer when due.
    void drive(int timeout_ms);
    void wake_loop();
    static int on_socket(void* easy, int fd, int what, void* self, void* socket_data);
    static int on_timer(void* multi, long timeout_ms, void* self);

    GraphEndpoint m_endpoint;
    std::string m_url;
    std::string m_authorization;
    GraphTimeouts m_timeouts;
    std::string m_ca_file;
    RateLimiter& m_rate_limiter;
    int m_most_per_tick; // departures one turn of the loop lets go: a tick's share, twice
    Done m_done;

    void* m_multi = nullptr; // CURLM*, driven by its socket interface on our epoll
    int m_epoll = -1;
    int m_wakeup = -1;                             // eventfd: submit() and stop() wake the loop
    std::optional<Clock::time_point> m_curl_timer; // when libcurl wants to be called
    void* m_headers = nullptr;                     // curl_slist*, shared by every request
    std::vector<Transfer*> m_idle_transfers;
    std::size_t m_running = 0; // transfers started, not finished; the loop thread's

    std::mutex m_mutex;
    std::deque<Post> m_submitted; // not yet departed, in slot order
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace waconsole
