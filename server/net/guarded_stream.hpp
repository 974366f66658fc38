// httplib's view of one request on a gated connection. Reads come first from what the gate
// already received, then from the socket, and every read is held to the request's limits:
// headers by size and deadline, the body by a byte budget (whatever its framing) and a
// minimum pace. A broken limit fails the read, so httplib stops reading at once, and leaves
// its mark on the request's guard so the answer can say why.
#pragma once

#include "server/net/connection_gate.hpp"
#include "server/net/connection_limits.hpp"
#include "server/net/request_guard.hpp"

#include <chrono>
#include <cstdint>
#include <httplib.h>

namespace waconsole {

// Follows chunked framing (RFC 9112 §7.1) over the body bytes httplib reads. httplib's reader is
// lenient where a proxy may not be: a chunk whose data is not followed by CRLF ends the body
// there (the rest would be read as the next request), and a size may start with spaces, a sign
// or "0x". Trailers are not accepted (httplib refuses them too).
class ChunkFraming {
public:
    // False once the bytes break the framing.
    bool feed(const char* bytes, std::size_t size);
    bool ended() const { return m_state == State::ended; }

private:
    enum class State { size, extension, size_lf, data, data_cr, data_lf, last_cr, last_lf, ended };
    State m_state = State::size;
    std::uint64_t m_size = 0;
    std::size_t m_digits = 0;
};

class GuardedStream : public httplib::Stream {
public:
    GuardedStream(GateConnection& connection, const ConnectionLimits& limits, RequestGuard& guard);

    // From now on reads are body bytes, at most `wire_limit` of them as sent (chunk framing
    // included); a chunked body must follow its framing exactly.
    void begin_body(std::uint64_t wire_limit, bool chunked);
    // A read or write failed, timed out or broke a limit: the connection is not reusable.
    bool broken() const { return m_read_failed || m_write_failed; }
    std::uint64_t body_bytes() const { return m_body_bytes; }

    bool is_readable() const override;
    bool is_writable() const override;
    ssize_t read(char* ptr, size_t size) override;
    ssize_t write(const char* ptr, size_t size) override;
    void get_remote_ip_and_port(std::string& ip, int& port) const override;
    void get_local_ip_and_port(std::string& ip, int& port) const override;
    socket_t socket() const override { return m_connection.fd; }

private:
    using Clock = std::chrono::steady_clock;

    Clock::time_point read_deadline() const;
    // When a send that cannot go out at once gives up: the answer's pace is held like a body's.
    Clock::time_point write_deadline() const;
    // Receives into the connection's input buffer; false on timeout, error or end of input
    // (`ended` tells the last).
    bool refill(bool& ended);
    bool account(std::size_t bytes);
    // httplib skips a header line that ends in a bare LF and keeps a bare CR inside a value,
    // where a proxy may end the line: either is refused, as are more lines than the limit.
    bool header_line_ends_clean(const char* bytes, std::size_t size);

    GateConnection& m_connection;
    const ConnectionLimits& m_limits;
    RequestGuard& m_guard;
    bool m_in_body = false;
    // A failed read still lets the answer (413, 408) be written; a failed write ends all.
    bool m_read_failed = false;
    bool m_write_failed = false;
    std::size_t m_header_bytes = 0;
    bool m_after_cr = false;
    std::size_t m_header_lines = 0;
    std::uint64_t m_body_bytes = 0;
    std::uint64_t m_wire_limit = 0;
    bool m_chunked = false;
    ChunkFraming m_chunk_framing;
    Clock::time_point m_body_started;
    // The pace of the answer counts from its first byte (a read in between, after a
    // "100 Continue", starts it again).
    bool m_writing = false;
    Clock::time_point m_write_started;
    std::uint64_t m_bytes_written = 0;
};

} // namespace waconsole
