// How much time and memory one client connection may take from the server. The defaults suit a
// console on the internet behind nothing; tests shrink the timeouts.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace waconsole {

struct ConnectionLimits {
    std::size_t workers = 32; // threads that run requests; idle connections hold none
    // A request's line and headers must arrive in full within this time of their first byte
    // (of the connection's opening, for a new one), and fit in max_header_bytes.
    std::chrono::milliseconds header_timeout{10000};
    std::size_t max_header_bytes = 64 * 1024;
    // Lines in a request's head (request line included): httplib keeps each header in a map
    // node, so 64 KiB of tiny headers would cost a worker about 1.5 MB.
    std::size_t max_header_lines = 200;
    // A kept-alive connection with no request in flight is closed after this.
    std::chrono::milliseconds idle_timeout{60000};
    // A body must keep coming: no gap longer than read_timeout, and on average at least
    // min_body_bytes_per_second after a grace of body_grace (so a trickle cannot hold a worker).
    std::chrono::milliseconds read_timeout{10000};
    std::chrono::milliseconds body_grace{10000};
    std::size_t min_body_bytes_per_second = 32 * 1024;
    // An answer must keep leaving: no send may wait longer than write_timeout, and on average the
    // client must take at least min_write_bytes_per_second after a grace of write_grace (so a
    // client that reads nothing, or a trickle, cannot hold a worker for minutes).
    std::chrono::milliseconds write_timeout{30000};
    std::chrono::milliseconds write_grace{10000};
    std::size_t min_write_bytes_per_second = 32 * 1024;
    // Connections waiting for a request (idle, with a header trickling in, or with a whole one
    // queued for a worker); more are refused.
    std::size_t max_waiting_connections = 10000;
    // Requests one client address may have running at once; its others wait their turn.
    std::size_t max_workers_per_client = 6;
    // Connections one client address may have open at once, whatever they are doing; more are
    // refused. Without it one address could take every waiting slot (or file descriptor). An
    // IPv6 client counts by its /64, an IPv4-mapped one as its IPv4 address.
    std::size_t max_connections_per_client = 64;
    std::vector<std::string> uncapped_addresses; // e.g. a trusted reverse proxy
    std::size_t keep_alive_max_requests = 1000;
    int listen_backlog = 1024; // connections the kernel queues before we accept them
    // After refusing a body, unread input is drained (not kept) for a while before closing, so
    // the client reads our answer instead of a connection reset.
    std::chrono::milliseconds linger_timeout{2000};
    std::size_t linger_max_bytes = 4 * 1024 * 1024;
};

} // namespace waconsole
