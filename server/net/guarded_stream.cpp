// Buffered, deadline-bound socket reads and writes for one request.
#include "server/net/guarded_stream.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <linux/sockios.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

namespace waconsole {
namespace {

constexpr std::size_t kRefillBytes = 16 * 1024;

// Waits until `fd` is ready for `events` or `deadline` passes.
bool wait_for(int fd, short events, std::chrono::steady_clock::time_point deadline) {
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            return false;
        }
        pollfd poller{fd, events, 0};
        const int ready = poll(&poller, 1, static_cast<int>(left.count()));
        if (ready > 0) {
            return true;
        }
        if (ready < 0 && errno != EINTR) {
            return false;
        }
    }
}

} // namespace

bool ChunkFraming::feed(const char* bytes, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
        const char c = bytes[i];
        switch (m_state) {
        case State::size: {
            const int digit = std::isxdigit(static_cast<unsigned char>(c))
                                  ? (std::isdigit(static_cast<unsigned char>(c))
                                         ? c - '0'
                                         : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10)
                                  : -1;
            if (digit >= 0 && m_digits < 16) {
                m_size = m_size * 16 + static_cast<std::uint64_t>(digit);
                ++m_digits;
            } else if (m_digits > 0 && (c == ';' || c == ' ' || c == '\t')) {
                m_state = State::extension;
            } else if (m_digits > 0 && c == '\r') {
                m_state = State::size_lf;
            } else {
                return false;
            }
            break;
        }
        case State::extension:
            if (c == '\r') {
                m_state = State::size_lf;
            } else if (c == '\n') {
                return false;
            }
            break;
        case State::size_lf:
            if (c != '\n') {
                return false;
            }
            m_state = m_size == 0 ? State::last_cr : State::data;
            break;
        case State::data: {
            const auto take = std::min<std::uint64_t>(m_size, size - i);
            m_size -= take;
            i += static_cast<std::size_t>(take) - 1;
            if (m_size == 0) {
                m_state = State::data_cr;
            }
            break;
        }
        case State::data_cr:
        case State::last_cr:
            if (c != '\r') {
                return false;
            }
            m_state = m_state == State::data_cr ? State::data_lf : State::last_lf;
            break;
        case State::data_lf:
        case State::last_lf:
            if (c != '\n') {
                return false;
            }
            m_state = m_state == State::data_lf ? State::size : State::ended;
            m_digits = 0;
            break;
        case State::ended:
            return false;
        }
    }
    return true;
}

GuardedStream::GuardedStream(GateConnection& connection, const ConnectionLimits& limits,
                             RequestGuard& guard)
    : m_connection(connection), m_limits(limits), m_guard(guard) {}

void GuardedStream::begin_body(std::uint64_t wire_limit, bool chunked) {
    m_in_body = true;
    m_chunked = chunked;
    m_wire_limit = wire_limit;
    m_body_started = Clock::now();
}

GuardedStream::Clock::time_point GuardedStream::read_deadline() const {
    const auto now = Clock::now();
    if (!m_in_body) {
        return m_connection.request_started + m_limits.header_timeout;
    }
    // The body may take the grace period plus the time its bytes so far earn at the minimum
    // pace, and no single wait may be longer than the read timeout.
    const auto earned = std::chrono::milliseconds(
        m_body_bytes * 1000 / std::max<std::size_t>(1, m_limits.min_body_bytes_per_second));
    return std::min(m_body_started + m_limits.body_grace + earned, now + m_limits.read_timeout);
}

GuardedStream::Clock::time_point GuardedStream::write_deadline() const {
    // Only what the client took counts: the kernel's send buffer (megabytes, autotuned) would
    // otherwise earn a client that reads nothing minutes of time.
    int queued = 0;
    std::uint64_t delivered = m_bytes_written;
    if (ioctl(m_connection.fd, SIOCOUTQ, &queued) == 0 && queued > 0) {
        delivered -= std::min<std::uint64_t>(delivered, static_cast<std::uint64_t>(queued));
    }
    const auto earned = std::chrono::milliseconds(
        delivered * 1000 / std::max<std::size_t>(1, m_limits.min_write_bytes_per_second));
    return std::min(m_write_started + m_limits.write_grace + earned,
                    Clock::now() + m_limits.write_timeout);
}

bool GuardedStream::refill(bool& ended) {
    ended = false;
    auto& input = m_connection.input;
    input.erase(0, m_connection.input_offset);
    m_connection.input_offset = 0;
    char chunk[kRefillBytes];
    for (;;) {
        const auto n = recv(m_connection.fd, chunk, sizeof chunk, 0);
        if (n > 0) {
            input.append(chunk, static_cast<std::size_t>(n));
            return true;
        }
        if (n == 0) {
            ended = true;
            return false;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
            return false;
        }
        if (!wait_for(m_connection.fd, POLLIN, read_deadline())) {
            if (m_in_body) {
                m_guard.body_timed_out = true;
            }
            return false;
        }
    }
}

bool GuardedStream::account(std::size_t bytes) {
    if (!m_in_body) {
        m_header_bytes += bytes;
        return m_header_bytes <= m_limits.max_header_bytes;
    }
    if (m_body_bytes + bytes > m_wire_limit) {
        m_guard.body_over_limit = true;
        return false;
    }
    m_body_bytes += bytes;
    m_guard.body_bytes_read = m_body_bytes;
    return true;
}

bool GuardedStream::header_line_ends_clean(const char* bytes, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
        const bool is_lf = bytes[i] == '\n';
        if (is_lf != m_after_cr) {
            return false; // a LF not after a CR, or a CR not before a LF
        }
        m_after_cr = bytes[i] == '\r';
        if (is_lf && ++m_header_lines > m_limits.max_header_lines) {
            return false;
        }
    }
    return true;
}

ssize_t GuardedStream::read(char* ptr, size_t size) {
    if (m_read_failed) {
        return -1;
    }
    if (size == 0) {
        return 0;
    }
    m_writing = false;
    if (m_connection.unread() == 0) {
        bool ended = false;
        if (!refill(ended)) {
            if (ended) {
                return 0;
            }
            m_read_failed = true;
            return -1;
        }
    }
    const auto n = std::min(size, m_connection.unread());
    const char* bytes = m_connection.input.data() + m_connection.input_offset;
    if (!account(n) || (!m_in_body && !header_line_ends_clean(bytes, n)) ||
        (m_in_body && m_chunked && !m_chunk_framing.feed(bytes, n))) {
        m_read_failed = true;
        return -1;
    }
    std::memcpy(ptr, bytes, n);
    m_connection.input_offset += n;
    return static_cast<ssize_t>(n);
}

ssize_t GuardedStream::write(const char* ptr, size_t size) {
    if (m_write_failed) {
        return -1;
    }
    if (!m_writing) {
        m_writing = true;
        m_write_started = Clock::now();
        m_bytes_written = 0;
    }
    const auto deadline = write_deadline();
    for (;;) {
        const auto n = send(m_connection.fd, ptr, size, MSG_NOSIGNAL);
        if (n >= 0) {
            m_bytes_written += static_cast<std::uint64_t>(n);
            return n;
        }
        if (errno == EINTR) {
            continue;
        }
        if ((errno != EAGAIN && errno != EWOULDBLOCK) ||
            !wait_for(m_connection.fd, POLLOUT, deadline)) {
            m_write_failed = true;
            return -1;
        }
    }
}

bool GuardedStream::is_readable() const {
    if (m_connection.unread() > 0) {
        return true;
    }
    pollfd poller{m_connection.fd, POLLIN, 0};
    return poll(&poller, 1, 0) > 0;
}

bool GuardedStream::is_writable() const {
    return !m_write_failed &&
           wait_for(m_connection.fd, POLLOUT,
                    m_writing ? write_deadline() : Clock::now() + m_limits.write_timeout);
}

void GuardedStream::get_remote_ip_and_port(std::string& ip, int& port) const {
    ip = m_connection.peer_address;
    port = m_connection.peer_port;
}

void GuardedStream::get_local_ip_and_port(std::string& ip, int& port) const {
    ip = m_connection.local_address;
    port = m_connection.local_port;
}

} // namespace waconsole
