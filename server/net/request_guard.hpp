// What the connection layer and the route layer tell each other about the request a worker
// thread is running: how its body is framed, whether it was read in full, and whether the
// connection must close after the answer. One per request, reachable from the running thread
// (httplib hands handlers only the Request and Response).
#pragma once

#include <cstdint>
#include <optional>

namespace waconsole {

struct RequestGuard {
    // Whether httplib got as far as the request's framing. It answers a malformed request line,
    // header or Range (400, 414, 416) before that, without reading the body: the connection
    // must then close, or the body would be read as the next request.
    bool framing_known = false;
    // What the route accepts, decided from the headers before any body byte is read.
    std::uint64_t body_limit = 1 << 20;
    bool accepts_content_encoding = false;
    // Framing, from the headers.
    bool chunked = false;
    std::optional<std::uint64_t> content_length;
    // Body bytes as received (chunk framing included), and whether whoever read the body
    // read it to its end.
    std::uint64_t body_bytes_read = 0;
    bool body_read = false;
    // Set when the body broke a limit: the answer becomes 413 or 408 and the connection closes.
    bool body_over_limit = false;
    bool body_timed_out = false;
    bool close_connection = false;
};

// The guard of the request this thread is running, or nullptr outside a request.
RequestGuard* current_request_guard();

// Makes `guard` the current one for its lifetime.
class ScopedRequestGuard {
public:
    explicit ScopedRequestGuard(RequestGuard& guard);
    ~ScopedRequestGuard();
    ScopedRequestGuard(const ScopedRequestGuard&) = delete;
    ScopedRequestGuard& operator=(const ScopedRequestGuard&) = delete;

private:
    RequestGuard* m_previous;
};

// Whether the connection is positioned at the next request: the body was read to its end (or
// there was none).
bool body_complete(const RequestGuard& guard);

// Asks the connection layer to close the connection after the current answer, if any.
void close_connection_after_answer();

} // namespace waconsole
