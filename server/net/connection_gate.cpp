// The epoll loop for waiting connections and the worker pool for running requests.
#include "server/net/connection_gate.hpp"

#include "server/thread_name.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace waconsole {
namespace {

constexpr std::size_t kReadChunk = 16 * 1024;
constexpr auto kSweepInterval = std::chrono::milliseconds(100);

void address_of(const sockaddr_storage& storage, std::string& address, int& port) {
    char text[INET6_ADDRSTRLEN] = {};
    if (storage.ss_family == AF_INET) {
        const auto& v4 = reinterpret_cast<const sockaddr_in&>(storage);
        inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
        port = ntohs(v4.sin_port);
    } else if (storage.ss_family == AF_INET6) {
        const auto& v6 = reinterpret_cast<const sockaddr_in6&>(storage);
        inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
        port = ntohs(v6.sin6_port);
    }
    address = text;
}

void describe(GateConnection& connection) {
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    if (getpeername(connection.fd, reinterpret_cast<sockaddr*>(&storage), &length) == 0) {
        address_of(storage, connection.peer_address, connection.peer_port);
    }
    connection.client = client_key(connection.peer_address);
    length = sizeof storage;
    if (getsockname(connection.fd, reinterpret_cast<sockaddr*>(&storage), &length) == 0) {
        address_of(storage, connection.local_address, connection.local_port);
    }
}

// The answer to a header that does not fit; best effort, the socket is closed right after.
void refuse_oversized_header(int fd) {
    static const std::string answer = [] {
        const std::string body = "{\"error\":{\"code\":\"too_large\",\"message\":\"the request "
                                 "line and headers are too large\"}}";
        return "HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n"
               "Content-Type: application/json; charset=utf-8\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n" + body;
    }();
    [[maybe_unused]] const auto sent = send(fd, answer.data(), answer.size(), MSG_NOSIGNAL);
}

} // namespace

std::string client_key(const std::string& address) {
    const std::string mapped = "::ffff:";
    if (address.rfind(mapped, 0) == 0 && address.find('.') != std::string::npos) {
        return address.substr(mapped.size());
    }
    in6_addr v6{};
    if (inet_pton(AF_INET6, address.c_str(), &v6) != 1) {
        return address;
    }
    // One IPv6 client usually holds a whole /64: count it as one.
    std::fill(v6.s6_addr + 8, v6.s6_addr + 16, 0);
    char text[INET6_ADDRSTRLEN] = {};
    inet_ntop(AF_INET6, &v6, text, sizeof text);
    return std::string(text) + "/64";
}

std::size_t find_header_end(const std::string& text, std::size_t from) {
    const auto start = from >= 2 ? from - 2 : 0;
    const auto found = text.find("\n\r\n", start);
    return found == std::string::npos ? std::string::npos : found + 3;
}

ConnectionGate::ConnectionGate(ConnectionLimits limits, Serve serve)
    : m_limits(std::move(limits)), m_serve(std::move(serve)) {}

ConnectionGate::~ConnectionGate() {
    stop();
}

void ConnectionGate::start() {
    std::lock_guard lock(m_mutex);
    if (m_event_thread.joinable()) {
        return;
    }
    m_stopping = false;
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_epoll < 0 || m_wake < 0) {
        throw std::runtime_error("cannot create the connection event loop");
    }
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = m_wake;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &event);
    m_event_thread = std::thread([this] {
        name_this_thread("wa-http-events");
        run_events();
    });
    for (std::size_t i = 0; i < std::max<std::size_t>(1, m_limits.workers); ++i) {
        m_workers.emplace_back([this] {
            name_this_thread("wa-http");
            run_worker();
        });
    }
}

void ConnectionGate::stop() {
    {
        std::lock_guard lock(m_mutex);
        if (!m_event_thread.joinable()) {
            return;
        }
        m_stopping = true;
    }
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = write(m_wake, &one, sizeof one);
    m_work.notify_all();
    m_event_thread.join();
    for (auto& worker : m_workers) {
        worker.join();
    }
    m_workers.clear();
    std::lock_guard lock(m_mutex);
    for (auto& [fd, connection] : m_waiting) {
        close(fd);
    }
    m_waiting.clear();
    for (auto& connection : m_ready) {
        close(connection->fd);
    }
    m_ready.clear();
    m_open_per_client.clear();
    close(m_epoll);
    close(m_wake);
    m_epoll = m_wake = -1;
}

GateCounters ConnectionGate::counters() const {
    std::lock_guard lock(m_mutex);
    std::size_t buffered = 0;
    for (const auto& [fd, connection] : m_waiting) {
        buffered += connection->input.capacity();
    }
    return {m_waiting.size(), m_ready.size(), m_running, m_refused, m_timed_out, buffered};
}

void ConnectionGate::adopt(int fd) {
    const int flags = fcntl(fd, F_GETFL, 0);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    auto connection = std::make_unique<GateConnection>();
    connection->fd = fd;
    describe(*connection);
    const auto now = Clock::now();
    connection->request_started = now;
    connection->deadline = now + m_limits.header_timeout;
    watch(std::move(connection), true);
}

void ConnectionGate::watch(std::unique_ptr<GateConnection> connection, bool is_new) {
    const int fd = connection->fd;
    {
        std::lock_guard lock(m_mutex);
        if (!is_new && m_stopping) {
            close_admitted_locked(*connection);
            return;
        }
        if (is_new) {
            // Queued connections hold their headers too: they count as waiting.
            const bool full = m_waiting.size() + m_ready.size() >= m_limits.max_waiting_connections;
            auto& open = m_open_per_client[connection->client];
            const bool client_full =
                capped(*connection) && open >= m_limits.max_connections_per_client;
            if (m_stopping || full || client_full) {
                m_refused += m_stopping ? 0 : 1;
                if (open == 0) {
                    m_open_per_client.erase(connection->client);
                }
                close(fd);
                return;
            }
            ++open;
        }
        m_waiting.emplace(fd, std::move(connection));
    }
    epoll_event event{};
    event.events = EPOLLIN | EPOLLRDHUP;
    event.data.fd = fd;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
}

void ConnectionGate::run_events() {
    std::vector<epoll_event> events(256);
    auto next_sweep = Clock::now() + kSweepInterval;
    for (;;) {
        const int count = epoll_wait(m_epoll, events.data(), static_cast<int>(events.size()),
                                     static_cast<int>(kSweepInterval.count()));
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping) {
                return;
            }
        }
        const auto now = Clock::now();
        for (int i = 0; i < count; ++i) {
            const int fd = events[i].data.fd;
            if (fd == m_wake) {
                continue;
            }
            GateConnection* connection = nullptr;
            {
                std::lock_guard lock(m_mutex);
                const auto found = m_waiting.find(fd);
                if (found != m_waiting.end()) {
                    connection = found->second.get();
                }
            }
            // Only this thread erases from m_waiting, so the pointer stays valid here.
            if (connection) {
                on_readable(*connection, now);
            }
        }
        if (now >= next_sweep) {
            sweep_deadlines(now);
            next_sweep = now + kSweepInterval;
        }
    }
}

void ConnectionGate::on_readable(GateConnection& connection, Clock::time_point now) {
    char chunk[kReadChunk];
    if (connection.lingering) {
        // Draining what the client still sends after we refused its body; nothing is kept.
        for (;;) {
            const auto n = recv(connection.fd, chunk, sizeof chunk, 0);
            if (n > 0) {
                connection.lingered_bytes += static_cast<std::size_t>(n);
                if (connection.lingered_bytes <= m_limits.linger_max_bytes) {
                    continue;
                }
            } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
                return;
            }
            forget_waiting(connection.fd);
            return;
        }
    }
    const bool had_bytes = connection.unread() > 0;
    for (;;) {
        if (connection.unread() >= m_limits.max_header_bytes) {
            break;
        }
        const auto n = recv(connection.fd, chunk, sizeof chunk, 0);
        if (n > 0) {
            connection.input.append(chunk, static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            break;
        }
        if (n == 0 &&
            find_header_end(connection.input, connection.input_offset) != std::string::npos) {
            // The client sent its request and its end of sending at once (HTTP/1.0 scripts,
            // `nc -N`): it still gets its answer.
            break;
        }
        forget_waiting(connection.fd); // closed by the peer, or broken
        return;
    }
    if (!had_bytes && connection.unread() > 0) {
        // A kept-alive connection's next request has begun: its header gets the header time.
        connection.request_started = now;
        connection.deadline = std::min(connection.deadline, now + m_limits.header_timeout);
    }
    if (find_header_end(connection.input, connection.input_offset) != std::string::npos) {
        const int fd = connection.fd;
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
        {
            // Out of waiting and into ready under one lock: in between, a new connection's
            // admission would count one connection fewer than there are and let one too many in.
            std::lock_guard lock(m_mutex);
            auto found = m_waiting.find(fd);
            auto owned = std::move(found->second);
            m_waiting.erase(found);
            if (m_stopping) {
                close_admitted_locked(*owned);
                return;
            }
            m_ready.push_back(std::move(owned));
        }
        m_work.notify_one();
        return;
    }
    if (connection.unread() >= m_limits.max_header_bytes) {
        refuse_oversized_header(connection.fd);
        shutdown(connection.fd, SHUT_WR);
        connection.lingering = true;
        connection.input.clear();
        connection.input_offset = 0;
        connection.deadline = now + m_limits.linger_timeout;
    }
}

void ConnectionGate::sweep_deadlines(Clock::time_point now) {
    std::vector<int> expired;
    {
        std::lock_guard lock(m_mutex);
        for (const auto& [fd, connection] : m_waiting) {
            if (connection->deadline <= now) {
                expired.push_back(fd);
            }
        }
        m_timed_out += expired.size();
    }
    for (const int fd : expired) {
        forget_waiting(fd);
    }
}

void ConnectionGate::forget_waiting(int fd) {
    std::unique_ptr<GateConnection> connection;
    {
        std::lock_guard lock(m_mutex);
        const auto found = m_waiting.find(fd);
        if (found == m_waiting.end()) {
            return;
        }
        connection = std::move(found->second);
        m_waiting.erase(found);
    }
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
    close_admitted(*connection);
}

void ConnectionGate::close_admitted(GateConnection& connection) {
    std::lock_guard lock(m_mutex);
    close_admitted_locked(connection);
}

void ConnectionGate::close_admitted_locked(GateConnection& connection) {
    close(connection.fd);
    const auto found = m_open_per_client.find(connection.client);
    if (found != m_open_per_client.end() && --found->second == 0) {
        m_open_per_client.erase(found);
    }
}

void ConnectionGate::make_ready(std::unique_ptr<GateConnection> connection) {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            close_admitted_locked(*connection);
            return;
        }
        m_ready.push_back(std::move(connection));
    }
    m_work.notify_one();
}

void ConnectionGate::wait_again(std::unique_ptr<GateConnection> connection) {
    const auto now = Clock::now();
    if (connection->lingering) {
        connection->deadline = now + m_limits.linger_timeout;
    } else {
        // Keep what was read past the request (the next one may have begun).
        connection->input.erase(0, connection->input_offset);
        connection->input_offset = 0;
        if (connection->input.capacity() > 4096) {
            // An idle connection keeps no large header's buffer: thousands of kept-alive
            // connections would otherwise hold up to 64 KiB each until their idle timeout.
            connection->input.shrink_to_fit();
        }
        if (find_header_end(connection->input, 0) != std::string::npos) {
            connection->request_started = now;
            make_ready(std::move(connection));
            return;
        }
        connection->request_started = now;
        connection->deadline =
            now + (connection->input.empty() ? m_limits.idle_timeout : m_limits.header_timeout);
    }
    watch(std::move(connection), false);
}

bool ConnectionGate::capped(const GateConnection& connection) const {
    const auto& uncapped = m_limits.uncapped_addresses;
    const auto listed = [&](const std::string& address) {
        return std::find(uncapped.begin(), uncapped.end(), address) != uncapped.end();
    };
    return !listed(connection.peer_address) && !listed(connection.client);
}

std::unique_ptr<GateConnection> ConnectionGate::take_ready_locked() {
    for (auto it = m_ready.begin(); it != m_ready.end(); ++it) {
        auto& running = m_running_per_client[(*it)->client];
        if (running < m_limits.max_workers_per_client || !capped(**it)) {
            ++running;
            ++m_running;
            auto connection = std::move(*it);
            m_ready.erase(it);
            return connection;
        }
    }
    return nullptr;
}

void ConnectionGate::run_worker() {
    for (;;) {
        std::unique_ptr<GateConnection> connection;
        {
            std::unique_lock lock(m_mutex);
            for (;;) {
                if (m_stopping) {
                    return;
                }
                connection = take_ready_locked();
                if (connection) {
                    break;
                }
                m_work.wait(lock);
            }
        }
        const auto after = m_serve(*connection);
        bool others_ready = false;
        {
            std::lock_guard lock(m_mutex);
            --m_running;
            const auto found = m_running_per_client.find(connection->client);
            if (found != m_running_per_client.end() && --found->second == 0) {
                m_running_per_client.erase(found);
            }
            others_ready = !m_ready.empty();
        }
        // A request of a capped address may have been waiting for this one to end. With none
        // ready, a wake-up would only switch to an idle worker and back (one per request).
        if (others_ready) {
            m_work.notify_one();
        }
        switch (after) {
        case AfterRequest::keep_alive:
            wait_again(std::move(connection));
            break;
        case AfterRequest::drain_and_close:
            shutdown(connection->fd, SHUT_WR);
            connection->lingering = true;
            wait_again(std::move(connection));
            break;
        case AfterRequest::close:
            close_admitted(*connection);
            break;
        }
    }
}

} // namespace waconsole
