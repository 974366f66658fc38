// Blocking socket calls with poll-based deadlines.
#include "raw_client.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace waconsole::testing {

std::string RawResponse::header(const std::string& name) const {
    std::string key = name;
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto found = headers.find(key);
    return found == headers.end() ? "" : found->second;
}

RawClient::RawClient(int port, const std::string& source_address) {
    m_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        throw std::runtime_error("socket failed");
    }
    sockaddr_in source{};
    source.sin_family = AF_INET;
    inet_pton(AF_INET, source_address.c_str(), &source.sin_addr);
    if (bind(m_fd, reinterpret_cast<sockaddr*>(&source), sizeof source) != 0) {
        throw std::runtime_error("bind to " + source_address + " failed");
    }
    sockaddr_in target{};
    target.sin_family = AF_INET;
    target.sin_port = htons(static_cast<std::uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &target.sin_addr);
    if (connect(m_fd, reinterpret_cast<sockaddr*>(&target), sizeof target) != 0) {
        throw std::runtime_error("connect failed");
    }
    const int one = 1;
    setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

RawClient::~RawClient() {
    if (m_fd >= 0) {
        close(m_fd);
    }
}

bool RawClient::send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const auto n = ::send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

bool RawClient::fill(std::chrono::steady_clock::time_point deadline) {
    if (m_eof) {
        return false;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd poller{m_fd, POLLIN, 0};
    if (left.count() <= 0 || poll(&poller, 1, static_cast<int>(left.count())) <= 0) {
        return false;
    }
    char buffer[64 * 1024];
    const auto n = recv(m_fd, buffer, sizeof buffer, 0);
    if (n <= 0) {
        m_eof = true;
        return false;
    }
    m_input.append(buffer, static_cast<std::size_t>(n));
    return true;
}

void RawClient::poll_input() {
    while (fill(std::chrono::steady_clock::now() + std::chrono::milliseconds(1))) {
    }
}

std::optional<RawResponse> RawClient::read_response(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::size_t header_end;
    while ((header_end = m_input.find("\r\n\r\n")) == std::string::npos) {
        if (!fill(deadline)) {
            return std::nullopt;
        }
    }
    RawResponse response;
    const auto head = m_input.substr(0, header_end);
    std::sscanf(head.c_str(), "HTTP/1.%*d %d", &response.status);
    std::size_t line_start = head.find("\r\n");
    while (line_start != std::string::npos && line_start + 2 < head.size()) {
        const auto line_end = head.find("\r\n", line_start + 2);
        const auto line =
            head.substr(line_start + 2, line_end == std::string::npos ? std::string::npos
                                                                      : line_end - line_start - 2);
        const auto colon = line.find(':');
        if (colon != std::string::npos) {
            std::string name = line.substr(0, colon);
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            auto value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            response.headers[name] = value;
        }
        line_start = line_end;
    }
    m_input.erase(0, header_end + 4);
    const auto length_text = response.header("content-length");
    const std::size_t length = length_text.empty() ? 0 : std::stoul(length_text);
    while (m_input.size() < length) {
        if (!fill(deadline)) {
            return std::nullopt;
        }
    }
    response.body = m_input.substr(0, length);
    m_input.erase(0, length);
    return response;
}

bool RawClient::closed_within(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!m_eof) {
        if (!fill(deadline) && !m_eof) {
            return false;
        }
    }
    return true;
}

std::string chunk(const std::string& data) {
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", data.size());
    return size + data + "\r\n";
}

} // namespace waconsole::testing
