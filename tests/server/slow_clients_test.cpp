// Slow and idle clients cannot take the server's workers: idle connections hold none, a header
// or body that trickles in is cut off, and one address runs only a few requests at once.
#include "raw_client.hpp"
#include "server/net/connection_gate.hpp"
#include "test_server.hpp"

#include <catch2/catch.hpp>
#include <functional>
#include <memory>
#include <sys/socket.h>
#include <thread>
#include <vector>

using namespace waconsole;
using namespace waconsole::testing;
using namespace std::chrono_literals;

namespace {

ServerConfig quick_limits(int threads) {
    ServerConfig config;
    config.http_threads = threads;
    config.connection.header_timeout = 1000ms;
    config.connection.read_timeout = 1000ms;
    config.connection.body_grace = 1000ms;
    return config;
}

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

bool healthz_within(int port, std::chrono::milliseconds timeout,
                    const std::string& source = "127.0.0.1") {
    RawClient client(port, source);
    if (!client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")) {
        return false;
    }
    const auto response = client.read_response(timeout);
    return response && response->status == 200;
}

} // namespace

TEST_CASE("idle connections hold no worker: with every worker's worth of them open, the server "
          "still answers at once") {
    // Held workers would answer only when the idle ones time out: 20 s, far from the 5 s allowed
    // to a loaded machine.
    auto config = quick_limits(4);
    config.connection.header_timeout = 20s;
    config.connection.read_timeout = 20s;
    RunningServer server(false, config);
    std::vector<std::unique_ptr<RawClient>> idle;
    for (int i = 0; i < 50; ++i) {
        idle.push_back(std::make_unique<RawClient>(server.port()));
    }
    // Half of them have sent part of a request line.
    for (int i = 0; i < 25; ++i) {
        REQUIRE(idle[i]->send("GET /hea"));
    }
    std::this_thread::sleep_for(100ms);
    const auto started = std::chrono::steady_clock::now();
    CHECK(healthz_within(server.port(), 5s));
    CHECK(std::chrono::steady_clock::now() - started < 5s);
    CHECK(server.http().connection_counters().running <= 1);
}

TEST_CASE("a header that trickles in is cut off at the header timeout") {
    RunningServer server(false, quick_limits(4));
    RawClient client(server.port());
    REQUIRE(client.send("GET /healthz HTTP/1.1\r\n"));
    const auto started = std::chrono::steady_clock::now();
    bool cut = false;
    // One header byte every 100 ms would keep httplib's per-read timeout happy forever.
    for (int i = 0; i < 80 && !cut; ++i) {
        cut = !client.send("X") || client.closed_within(100ms);
    }
    CHECK(cut);
    // The timeout is 1 s; the rest is room for a loaded machine.
    CHECK(std::chrono::steady_clock::now() - started < 5s);
    CHECK(server.http().connection_counters().timed_out >= 1);
}

TEST_CASE("a body that trickles in below the minimum pace is cut off with 408") {
    RunningServer server(false, quick_limits(4));
    RawClient client(server.port());
    REQUIRE(client.send("POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        "Content-Length: 100000\r\n\r\n{"));
    const auto started = std::chrono::steady_clock::now();
    std::optional<RawResponse> response;
    for (int i = 0; i < 80 && !response; ++i) {
        client.send("      ");
        response = client.read_response(100ms);
    }
    REQUIRE(response);
    CHECK(response->status == 408);
    CHECK(response->header("Connection") == "close");
    // The grace is 1 s; the rest is room for a loaded machine.
    CHECK(std::chrono::steady_clock::now() - started < 6s);
}

TEST_CASE("one client address runs only a few requests at once, and other addresses are not held "
          "up by it") {
    auto config = quick_limits(8);
    config.client_concurrency = 2;
    config.connection.body_grace = 20s;
    config.connection.read_timeout = 20s;
    RunningServer server(false, config);

    // Four uploads from 127.0.0.1 that stall after their headers.
    std::vector<std::unique_ptr<RawClient>> stalled;
    for (int i = 0; i < 4; ++i) {
        stalled.push_back(std::make_unique<RawClient>(server.port()));
        REQUIRE(stalled.back()->send("POST /api/login HTTP/1.1\r\nHost: x\r\n"
                                     "Content-Length: 1000\r\n\r\n{"));
    }
    REQUIRE(wait_until([&] { return server.http().connection_counters().running == 2; }, 5s));
    REQUIRE(wait_until([&] { return server.http().connection_counters().ready == 2; }, 5s));
    std::this_thread::sleep_for(100ms);
    CHECK(server.http().connection_counters().running == 2);
    CHECK(server.http().connection_counters().ready == 2);

    // Another address is served at once (its wait would be the stalled ones' 20 s otherwise);
    // the stalled one's next request waits its turn.
    CHECK(healthz_within(server.port(), 5s, "127.0.0.2"));
    CHECK_FALSE(healthz_within(server.port(), 300ms, "127.0.0.1"));

    // When its stalled requests go away, the address is served again.
    stalled.clear();
    CHECK(healthz_within(server.port(), 3s, "127.0.0.1"));
}

TEST_CASE("a request that arrives together with the client's end of sending is still answered") {
    RunningServer server(false, quick_limits(4));
    int answered = 0;
    for (int i = 0; i < 20; ++i) {
        RawClient client(server.port());
        REQUIRE(client.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        // What `printf ... | nc -N` and HTTP/1.0 scripts do: the FIN follows the request at once.
        ::shutdown(client.fd(), SHUT_WR);
        const auto response = client.read_response(2s);
        answered += response && response->status == 200 ? 1 : 0;
    }
    CHECK(answered == 20);
}

TEST_CASE("one client address cannot hold more than its share of connections: its others are "
          "refused while other addresses are served") {
    auto config = quick_limits(4);
    config.connection.max_connections_per_client = 8;
    // The half header stays open for the whole test: only the one given back makes room.
    config.connection.header_timeout = 20s;
    RunningServer server(false, config);
    std::vector<std::unique_ptr<RawClient>> held;
    for (int i = 0; i < 8; ++i) {
        held.push_back(std::make_unique<RawClient>(server.port()));
    }
    // Idle, half a header, a whole one: all count.
    REQUIRE(held[0]->send("GET /heal"));
    REQUIRE(held[1]->send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    REQUIRE(held[1]->read_response(2s));
    std::this_thread::sleep_for(100ms);

    RawClient one_too_many(server.port());
    CHECK(one_too_many.closed_within(1s));
    CHECK(healthz_within(server.port(), 5s, "127.0.0.2"));

    // A connection given back makes room again (once the server saw it close).
    held.pop_back();
    CHECK(wait_until([&] { return healthz_within(server.port(), 1s); }, 5s));
}

TEST_CASE("requests queued for a busy address count as waiting connections: one address cannot "
          "queue without bound") {
    auto config = quick_limits(2);
    config.client_concurrency = 1;
    config.connection.max_waiting_connections = 6;
    config.connection.body_grace = 20s;
    config.connection.read_timeout = 20s;
    RunningServer server(false, config);
    // One upload that stalls after its headers holds the address's only turn.
    RawClient stalled(server.port());
    REQUIRE(stalled.send("POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"));
    REQUIRE(wait_until([&] { return server.http().connection_counters().running == 1; }, 5s));
    // Whole requests from the same address queue behind it, each holding its header.
    std::vector<std::unique_ptr<RawClient>> queued;
    for (int i = 0; i < 10; ++i) {
        queued.push_back(std::make_unique<RawClient>(server.port()));
        queued.back()->send(
            "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: " + std::string(30000, 'a') + "\r\n\r\n");
    }
    // Waited for, not slept on: on a busy machine the gate takes the ten connections in a while.
    CHECK(wait_until([&] { return server.http().connection_counters().refused >= 4; }, 5s));
    CHECK(wait_until(
        [&] {
            const auto counters = server.http().connection_counters();
            return counters.ready + counters.waiting <= 6;
        },
        2s));
}

TEST_CASE("the per-client caps count an IPv4-mapped peer as its IPv4 address and an IPv6 peer by "
          "its /64") {
    CHECK(client_key("192.0.2.7") == "192.0.2.7");
    CHECK(client_key("::ffff:192.0.2.7") == "192.0.2.7");
    CHECK(client_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::/64");
    CHECK(client_key("2001:db8:1:2::1") == client_key("2001:db8:1:2:ffff::9"));
    CHECK(client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1"));
}

TEST_CASE("a client that does not read its answer is cut off at the minimum pace, not held for "
          "the write timeout of every send") {
    auto config = quick_limits(2);
    config.connection.write_timeout = 30s;
    config.connection.write_grace = 1000ms;
    RunningServer server(false, config, [](ApiRouter& router) {
        router.get("/api/test/large", "/api/test/large", Access::public_route,
                   [](const httplib::Request&, httplib::Response& res, RequestContext&) {
                       res.set_content(std::string(32 << 20, 'x'), "text/plain");
                   });
    });
    RawClient reader(server.port());
    const int small = 4096;
    setsockopt(reader.fd(), SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    REQUIRE(reader.send("GET /api/test/large HTTP/1.1\r\nHost: x\r\n\r\n"));
    REQUIRE(wait_until([&] { return server.http().connection_counters().running == 1; }, 5s));
    // It never reads: the worker is given back soon after the grace.
    CHECK(wait_until([&] { return server.http().connection_counters().running == 0; }, 5s));
}

TEST_CASE("a kept-alive connection that sent a large header gives its buffer back while idle") {
    RunningServer server(false, quick_limits(2));
    RawClient client(server.port());
    std::string padding;
    for (int i = 0; i < 8; ++i) {
        padding += "X-Pad-" + std::to_string(i) + ": " + std::string(7000, 'a') + "\r\n";
    }
    REQUIRE(client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n" + padding + "\r\n"));
    const auto response = client.read_response(5s);
    REQUIRE(response);
    REQUIRE(response->status == 200);
    REQUIRE(wait_until([&] { return server.http().connection_counters().waiting == 1; }, 2s));
    // Thousands of such idle connections would otherwise hold 64 KiB each for the idle timeout.
    CHECK(server.http().connection_counters().buffered_bytes < 4096);
}
