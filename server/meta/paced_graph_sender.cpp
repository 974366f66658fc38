// One loop: depart what is due, let libcurl move every transfer, hand back what finished.
#include "server/meta/paced_graph_sender.hpp"

#include "server/meta/rate_limiter.hpp"
#include "server/net/curl_init.hpp"
#include "server/thread_name.hpp"

#include <cerrno>
#include <curl/curl.h>
#include <iostream>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace waconsole {
namespace {

// While requests depart every millisecond or so, the loop wakes once per tick for all the
// departures and answers of that tick, rather than once for each of them.
constexpr auto kTick = std::chrono::milliseconds(2);
// With nothing to send, the loop sleeps until submit() or stop() wakes it.
constexpr int kIdleWaitMs = 60'000;
constexpr int kEventsPerWait = 256;

CURLM* multi_of(void* multi) {
    return static_cast<CURLM*>(multi);
}

} // namespace

struct PacedGraphSender::Transfer {
    CURL* easy = nullptr;
    std::uint64_t tag = 0;
    std::string body;
    std::string answer;
    int starts = 0; // times libcurl began to write the request
    RateLimiter* rate_limiter = nullptr;
    Clock::time_point departed; // the limiter's departure of this request, and its place
    std::size_t departure_place = 0;

    static std::size_t on_answer(char* data, std::size_t size, std::size_t count, void* self) {
        static_cast<Transfer*>(self)->answer.append(data, size * count);
        return size * count;
    }
    static int on_start(void* self, char*, char*, int, int) {
        auto* transfer = static_cast<Transfer*>(self);
        // A second start is libcurl resending on a new connection after the first gave no
        // answer: the first may have reached Meta, so this one must not leave.
        if (++transfer->starts > 1) {
            return CURL_PREREQFUNC_ABORT;
        }
        // The request is written right after this: when it really leaves.
        transfer->rate_limiter->left_at(transfer->departure_place, transfer->departed,
                                        Clock::now());
        return CURL_PREREQFUNC_OK;
    }
};

PacedGraphSender::PacedGraphSender(GraphEndpoint endpoint, std::string path,
                                   std::string access_token, GraphTimeouts timeouts,
                                   std::string ca_file, RateLimiter& rate_limiter, Done done)
    : m_endpoint(std::move(endpoint)), m_url(m_endpoint.origin() + m_endpoint.base_path + path),
      m_authorization("Authorization: Bearer " + std::move(access_token)), m_timeouts(timeouts),
      m_ca_file(std::move(ca_file)), m_rate_limiter(rate_limiter),
      m_most_per_tick(
          std::max<int>(2, static_cast<int>(2 * rate_limiter.per_second() *
                                            std::chrono::duration<double>(kTick).count()))),
      m_done(std::move(done)) {
    ensure_curl_initialised();
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_wakeup = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    epoll_event wakeup{};
    wakeup.events = EPOLLIN;
    wakeup.data.fd = m_wakeup;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeup, &wakeup);
    m_multi = curl_multi_init();
    // Only the sockets with something to do are looked at: libcurl's own loop
    // (curl_multi_perform) checks every transfer's socket each time, a poll() per request in
    // flight on every tick.
    curl_multi_setopt(multi_of(m_multi), CURLMOPT_SOCKETFUNCTION, &PacedGraphSender::on_socket);
    curl_multi_setopt(multi_of(m_multi), CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi_of(m_multi), CURLMOPT_TIMERFUNCTION, &PacedGraphSender::on_timer);
    curl_multi_setopt(multi_of(m_multi), CURLMOPT_TIMERDATA, this);
    // Every connection a burst opened stays for reuse; libcurl's default keeps 4 per handle.
    curl_multi_setopt(multi_of(m_multi), CURLMOPT_MAXCONNECTS, 4096L);
    auto* headers = curl_slist_append(nullptr, m_authorization.c_str());
    headers = curl_slist_append(headers, "Content-Type: application/json");
    // No "Expect: 100-continue" round trip before a larger body.
    headers = curl_slist_append(headers, "Expect:");
    m_headers = headers;
    m_thread = std::thread([this] {
        name_this_thread("wa-graph");
        run();
    });
}

PacedGraphSender::~PacedGraphSender() {
    stop();
    for (auto* transfer : m_idle_transfers) {
        curl_easy_cleanup(transfer->easy);
        delete transfer;
    }
    curl_multi_cleanup(multi_of(m_multi));
    curl_slist_free_all(static_cast<curl_slist*>(m_headers));
    close(m_wakeup);
    close(m_epoll);
}

int PacedGraphSender::on_socket(void*, int fd, int what, void* self, void*) {
    auto* sender = static_cast<PacedGraphSender*>(self);
    if (what == CURL_POLL_REMOVE) {
        epoll_ctl(sender->m_epoll, EPOLL_CTL_DEL, fd, nullptr);
        return 0;
    }
    epoll_event event{};
    event.data.fd = fd;
    event.events =
        ((what & CURL_POLL_IN) ? EPOLLIN : 0u) | ((what & CURL_POLL_OUT) ? EPOLLOUT : 0u);
    if (epoll_ctl(sender->m_epoll, EPOLL_CTL_MOD, fd, &event) != 0 && errno == ENOENT) {
        epoll_ctl(sender->m_epoll, EPOLL_CTL_ADD, fd, &event);
    }
    return 0;
}

int PacedGraphSender::on_timer(void*, long timeout_ms, void* self) {
    auto* sender = static_cast<PacedGraphSender*>(self);
    if (timeout_ms < 0) {
        sender->m_curl_timer.reset();
    } else {
        sender->m_curl_timer = Clock::now() + std::chrono::milliseconds(timeout_ms);
    }
    return 0;
}

void PacedGraphSender::drive(int timeout_ms) {
    epoll_event events[kEventsPerWait];
    const int ready = epoll_wait(m_epoll, events, kEventsPerWait, timeout_ms);
    int running = 0;
    for (int i = 0; i < ready; ++i) {
        const int fd = events[i].data.fd;
        if (fd == m_wakeup) {
            continue; // read at the top of the loop, before the submitted posts are taken
        }
        int flags = 0;
        if (events[i].events & EPOLLIN) {
            flags |= CURL_CSELECT_IN;
        }
        if (events[i].events & EPOLLOUT) {
            flags |= CURL_CSELECT_OUT;
        }
        if (events[i].events & (EPOLLERR | EPOLLHUP)) {
            // As libcurl's own poll does: let it read or write and find the error itself. Told
            // CURL_CSELECT_ERR alone it ends the transfer as a send error, whatever was written.
            flags |= CURL_CSELECT_IN | CURL_CSELECT_OUT;
        }
        curl_multi_socket_action(multi_of(m_multi), fd, flags, &running);
    }
    if (m_curl_timer && Clock::now() >= *m_curl_timer) {
        curl_multi_socket_action(multi_of(m_multi), CURL_SOCKET_TIMEOUT, 0, &running);
    }
    // Asked again rather than trusted from the callback: libcurl rounds its deadline down to a
    // millisecond and does not call back for a deadline it already gave, so a timer acted on a
    // little early would otherwise be forgotten.
    long curl_wants_ms = -1;
    curl_multi_timeout(multi_of(m_multi), &curl_wants_ms);
    if (curl_wants_ms < 0) {
        m_curl_timer.reset();
    } else {
        m_curl_timer = Clock::now() + std::chrono::milliseconds(curl_wants_ms);
    }
    finish_transfers();
}

void PacedGraphSender::wake_loop() {
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto put = write(m_wakeup, &one, sizeof one);
}

void PacedGraphSender::submit(std::vector<Post> posts) {
    {
        std::lock_guard lock(m_mutex);
        for (auto& post : posts) {
            m_submitted.push_back(std::move(post));
        }
    }
    wake_loop();
}

void PacedGraphSender::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    wake_loop();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void PacedGraphSender::run() {
    std::deque<Post> waiting;
    for (;;) {
        // Cleared before the queue is read: a submit() after this read wakes the next wait.
        std::uint64_t wakes = 0;
        [[maybe_unused]] const auto got = read(m_wakeup, &wakes, sizeof wakes);
        bool stopping = false;
        {
            std::lock_guard lock(m_mutex);
            while (!m_submitted.empty()) {
                waiting.push_back(std::move(m_submitted.front()));
                m_submitted.pop_front();
            }
            stopping = m_stopping;
        }
        // Departures: each at its slot, and only when the limiter's ring lets it leave now.
        // After a stall (the thread waited for a core) the overdue ones catch up at twice the
        // rate, not all at once: a burst lands at Meta as one, and its ring entries would
        // make the same burst a second later, and the next.
        auto next_departure = Clock::time_point::max();
        int departed_this_tick = 0;
        while (!waiting.empty()) {
            const auto now = Clock::now();
            if (departed_this_tick >= m_most_per_tick) {
                next_departure = now;
                break;
            }
            if (waiting.front().slot > now) {
                next_departure = waiting.front().slot;
                break;
            }
            Clock::time_point retry_at;
            std::size_t place = 0;
            const auto departed = m_rate_limiter.try_depart(&retry_at, &place);
            if (!departed) {
                next_departure = retry_at;
                break;
            }
            start_transfer(std::move(waiting.front()), *departed, place);
            ++departed_this_tick;
            waiting.pop_front();
        }
        // New transfers start here too (libcurl set its timer to now for them).
        drive(0);
        if (stopping && waiting.empty() && m_running == 0) {
            return;
        }
        const auto now = Clock::now();
        if (next_departure <= now + kTick) {
            std::this_thread::sleep_for(kTick);
            continue;
        }
        // Nothing leaves within a tick: wait for an answer, libcurl's timer, the next departure
        // or a wake-up.
        auto wait_until = now + std::chrono::milliseconds(kIdleWaitMs);
        wait_until = std::min(wait_until, next_departure);
        if (m_curl_timer) {
            wait_until = std::min(wait_until, *m_curl_timer);
        }
        drive(static_cast<int>(std::max<std::int64_t>(
            0, std::chrono::ceil<std::chrono::milliseconds>(wait_until - now).count())));
    }
}

void PacedGraphSender::start_transfer(Post post, Clock::time_point departed, std::size_t place) {
    Transfer* transfer = nullptr;
    if (!m_idle_transfers.empty()) {
        transfer = m_idle_transfers.back();
        m_idle_transfers.pop_back();
    } else {
        transfer = new Transfer;
        transfer->easy = curl_easy_init();
        CURL* easy = transfer->easy;
        curl_easy_setopt(easy, CURLOPT_URL, m_url.c_str());
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, static_cast<curl_slist*>(m_headers));
        curl_easy_setopt(easy, CURLOPT_POST, 1L);
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &Transfer::on_answer);
        curl_easy_setopt(easy, CURLOPT_WRITEDATA, transfer);
        curl_easy_setopt(easy, CURLOPT_PREREQFUNCTION, &Transfer::on_start);
        curl_easy_setopt(easy, CURLOPT_PREREQDATA, transfer);
        curl_easy_setopt(easy, CURLOPT_PRIVATE, transfer);
        curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(easy, CURLOPT_TCP_NODELAY, 1L);
        // One request per connection at a time, as GraphTransport: what was written of a request
        // is then what the transfer says it uploaded (see may_have_arrived below).
        curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
        // The proxy variables of the environment do not apply, as with the other Graph calls.
        curl_easy_setopt(easy, CURLOPT_PROXY, "");
        curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                         static_cast<long>(m_timeouts.connect.count()));
        curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS,
                         static_cast<long>((m_timeouts.connect + m_timeouts.read).count()));
        // A connection idle longer is not reused: see GraphTimeouts::max_idle. libcurl counts
        // whole seconds and reuses one idle N.999 s at a maximum age of N: one second less.
        curl_easy_setopt(
            easy, CURLOPT_MAXAGE_CONN,
            static_cast<long>(std::max<std::int64_t>(
                0, std::chrono::duration_cast<std::chrono::seconds>(m_timeouts.max_idle).count() -
                       1)));
        if (m_endpoint.scheme == "https") {
            curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
            curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
            if (!m_ca_file.empty()) {
                curl_easy_setopt(easy, CURLOPT_CAINFO, m_ca_file.c_str());
            }
        }
    }
    transfer->tag = post.tag;
    transfer->body = std::move(post.body);
    transfer->answer.clear();
    transfer->starts = 0;
    transfer->rate_limiter = &m_rate_limiter;
    transfer->departed = departed;
    transfer->departure_place = place;
    curl_easy_setopt(transfer->easy, CURLOPT_POSTFIELDS, transfer->body.data());
    curl_easy_setopt(transfer->easy, CURLOPT_POSTFIELDSIZE,
                     static_cast<long>(transfer->body.size()));
    if (curl_multi_add_handle(multi_of(m_multi), transfer->easy) != CURLM_OK) {
        GraphResponse refused;
        refused.transport_error = "the request could not be started";
        answer(transfer, std::move(refused));
        return;
    }
    ++m_running;
}

void PacedGraphSender::answer(Transfer* transfer, GraphResponse response) {
    const auto tag = transfer->tag;
    transfer->body.clear();
    m_idle_transfers.push_back(transfer);
    try {
        m_done(tag, std::move(response));
    } catch (const std::exception& e) {
        // The caller's bookkeeping failed; the loop goes on for the other transfers.
        std::cerr << "waconsole-server: a send's answer could not be handed on: " << e.what()
                  << std::endl;
    }
}

void PacedGraphSender::finish_transfers() {
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_of(m_multi), &left)) {
        if (message->msg != CURLMSG_DONE) {
            continue;
        }
        CURL* easy = message->easy_handle;
        const CURLcode code = message->data.result;
        Transfer* transfer = nullptr;
        curl_easy_getinfo(easy, CURLINFO_PRIVATE, &transfer);
        GraphResponse response;
        if (code == CURLE_OK) {
            long status = 0;
            curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
            response.status = static_cast<int>(status);
            response.body = std::move(transfer->answer);
        } else {
            response.transport_error = curl_easy_strerror(code);
            // Not started: no connection (or no TLS) came, nothing was written. A write that
            // failed before the whole body was out (of a first start) left a request the server
            // cannot have read whole. Anything else may have reached Meta.
            curl_off_t uploaded = 0;
            curl_easy_getinfo(easy, CURLINFO_SIZE_UPLOAD_T, &uploaded);
            const bool cut_short = code == CURLE_SEND_ERROR && transfer->starts == 1 &&
                                   uploaded < static_cast<curl_off_t>(transfer->body.size());
            response.may_have_arrived = transfer->starts > 0 && !cut_short;
        }
        curl_multi_remove_handle(multi_of(m_multi), easy);
        --m_running;
        answer(transfer, std::move(response));
    }
}

} // namespace waconsole
