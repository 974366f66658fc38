// A plain TCP client for tests that must control every byte and every pause: trickled
// headers, chunked bodies of any size, a chosen source address on the loopback network.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>

namespace waconsole::testing {

struct RawResponse {
    int status = 0;
    std::map<std::string, std::string> headers; // names lower-cased
    std::string body;
    std::string header(const std::string& name) const;
};

class RawClient {
public:
    // Connects to 127.0.0.1:port from `source_address` (any 127.x.y.z works on Linux).
    explicit RawClient(int port, const std::string& source_address = "127.0.0.1");
    ~RawClient();
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;

    // False once the server has closed or reset the connection.
    bool send(const std::string& bytes);
    // Reads one response (status line, headers, a Content-Length body) within `timeout`.
    std::optional<RawResponse> read_response(std::chrono::milliseconds timeout);
    // True if the server closes the connection within `timeout` (EOF or reset).
    bool closed_within(std::chrono::milliseconds timeout);
    // Non-blocking: bytes already received, appended to the unread buffer.
    void poll_input();
    const std::string& unread() const { return m_input; }
    int fd() const { return m_fd; }

private:
    bool fill(std::chrono::steady_clock::time_point deadline);

    int m_fd = -1;
    std::string m_input;
    bool m_eof = false;
};

// One chunk of a chunked body.
std::string chunk(const std::string& data);

} // namespace waconsole::testing
