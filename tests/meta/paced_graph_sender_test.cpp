// The send worker's Graph sender over loopback: each post leaves at its slot and gets one
// answer; a request is never written twice, even where libcurl would resend it by itself; what
// did not leave says so, and what may have left says that.
#include "loopback_graph.hpp"
#include "server/meta/paced_graph_sender.hpp"
#include "server/meta/rate_limiter.hpp"
#include "test_certificates.hpp"
#include "test_server.hpp"

#include <arpa/inet.h>
#include <atomic>
#include <catch2/catch.hpp>
#include <condition_variable>
#include <httplib.h>
#include <map>
#include <mutex>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace waconsole;
using namespace waconsole::testing;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

// Collects the answers `done` gets, by tag.
class Answers {
public:
    PacedGraphSender::Done done() {
        return [this](std::uint64_t tag, GraphResponse response) {
            std::lock_guard lock(m_mutex);
            m_answers[tag].push_back({std::move(response), Clock::now()});
            m_changed.notify_all();
        };
    }
    bool wait_for(std::size_t count, std::chrono::milliseconds limit = 10s) {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, limit, [&] { return m_answers.size() >= count; });
    }
    std::size_t calls(std::uint64_t tag) {
        std::lock_guard lock(m_mutex);
        return m_answers.count(tag) ? m_answers[tag].size() : 0;
    }
    GraphResponse response(std::uint64_t tag) {
        std::lock_guard lock(m_mutex);
        return m_answers.at(tag).front().response;
    }

private:
    struct Answer {
        GraphResponse response;
        Clock::time_point at;
    };
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::map<std::uint64_t, std::vector<Answer>> m_answers;
};

// A bare HTTP/1.1 server that answers the first request of a connection and then, for the next
// one on the same connection, reads it whole and closes without a byte of answer (`drop`), or
// never answers it (`hold`): Meta took the request and its answer was lost.
class LosingGraph {
public:
    enum class Loss { drop, hold };
    explicit LosingGraph(Loss loss) : m_loss(loss) {
        m_listener = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        socklen_t length = sizeof address;
        getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length);
        m_port = ntohs(address.sin_port);
        REQUIRE(listen(m_listener, 16) == 0);
        m_thread = std::thread([this] { accept_loop(); });
    }
    ~LosingGraph() {
        shutdown(m_listener, SHUT_RDWR);
        close(m_listener);
        m_thread.join();
        for (auto& connection : m_connections) {
            connection.join();
        }
    }
    GraphEndpoint endpoint() const { return {"http", "127.0.0.1", m_port, "/v21.0"}; }
    int requests() const { return m_requests; }

private:
    void accept_loop() {
        for (;;) {
            const int client = accept(m_listener, nullptr, nullptr);
            if (client < 0) {
                return;
            }
            m_connections.emplace_back([this, client] { serve(client); });
        }
    }
    void serve(int client) {
        std::string buffer;
        char chunk[4096];
        for (int on_this_connection = 0;; ++on_this_connection) {
            // One whole request: headers, then Content-Length bytes of body.
            std::size_t header_end;
            while ((header_end = buffer.find("\r\n\r\n")) == std::string::npos) {
                const auto got = recv(client, chunk, sizeof chunk, 0);
                if (got <= 0) {
                    close(client);
                    return;
                }
                buffer.append(chunk, static_cast<std::size_t>(got));
            }
            const auto length_at = buffer.find("Content-Length: ");
            const auto length =
                length_at == std::string::npos ? 0 : std::stoul(buffer.substr(length_at + 16));
            while (buffer.size() < header_end + 4 + length) {
                const auto got = recv(client, chunk, sizeof chunk, 0);
                if (got <= 0) {
                    close(client);
                    return;
                }
                buffer.append(chunk, static_cast<std::size_t>(got));
            }
            buffer.erase(0, header_end + 4 + length);
            ++m_requests;
            if (on_this_connection == 0) {
                const std::string body = kGraphAccepted;
                const std::string answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                           "Content-Length: " +
                                           std::to_string(body.size()) + "\r\n\r\n" + body;
                send(client, answer.data(), answer.size(), MSG_NOSIGNAL);
                continue;
            }
            if (m_loss == Loss::hold) {
                while (recv(client, chunk, sizeof chunk, 0) > 0) {
                }
            }
            close(client);
            return;
        }
    }

    Loss m_loss;
    int m_listener = -1;
    int m_port = 0;
    std::atomic<int> m_requests{0};
    std::thread m_thread;
    std::vector<std::thread> m_connections; // the accept thread's only
};

// `count` posts all due now, answered before this returns: that many kept-alive connections.
void warm_up(PacedGraphSender& sender, Answers& answers, std::uint64_t count) {
    std::vector<PacedGraphSender::Post> posts;
    for (std::uint64_t tag = 101; tag < 101 + count; ++tag) {
        posts.push_back({tag, R"({"warm":)" + std::to_string(tag) + "}", Clock::now()});
    }
    sender.submit(std::move(posts));
    REQUIRE(answers.wait_for(count, 20s));
}

// When the posts after warm_up arrived, in order.
std::vector<Clock::time_point> arrivals_after_warm_up(LoopbackGraph<httplib::Server>& graph) {
    std::vector<Clock::time_point> times;
    for (const auto& [body, at] : graph.arrivals()) {
        if (body.find("warm") == std::string::npos) {
            times.push_back(at);
        }
    }
    std::sort(times.begin(), times.end());
    return times;
}

GraphTimeouts short_timeouts() {
    GraphTimeouts timeouts;
    timeouts.connect = 1000ms;
    timeouts.read = 1000ms;
    return timeouts;
}

} // namespace

TEST_CASE("the paced Graph sender starts each post at its slot and answers each once") {
    LoopbackGraph<httplib::Server> graph;
    RateLimiter limiter(1000);
    Answers answers;
    PacedGraphSender sender(graph.endpoint("http"), "/1000000001/messages", "token",
                            GraphTimeouts{}, "", limiter, answers.done());
    const auto start = Clock::now() + 50ms;
    std::vector<PacedGraphSender::Post> posts;
    for (std::uint64_t tag = 1; tag <= 20; ++tag) {
        posts.push_back({tag, R"({"n":)" + std::to_string(tag) + "}", start + tag * 10ms});
    }
    sender.submit(std::move(posts));
    REQUIRE(answers.wait_for(20));
    const auto arrivals = graph.arrivals();
    REQUIRE(arrivals.size() == 20);
    for (std::uint64_t tag = 1; tag <= 20; ++tag) {
        INFO("post " << tag);
        CHECK(answers.calls(tag) == 1);
        const auto answer = answers.response(tag);
        CHECK(answer.status == 200);
        CHECK(answer.body == kGraphAccepted);
        // Never before its slot (it may leave a tick after it).
        CHECK(arrivals.at(R"({"n":)" + std::to_string(tag) + "}") >= start + tag * 10ms);
    }
    // One after the other, 10 ms apart: the kept-alive connection carries them (a loaded machine
    // may answer one late, after the next left on a second connection; without reuse, 20).
    CHECK(graph.connections() <= 3);
}

TEST_CASE("the paced Graph sender leaves no more sends in a second than the rate allows") {
    LoopbackGraph<httplib::Server> graph;
    RateLimiter limiter(5);
    Answers answers;
    PacedGraphSender sender(graph.endpoint("http"), "/1000000001/messages", "token",
                            GraphTimeouts{}, "", limiter, answers.done());
    // Five connections opened first, so that what is stamped where the posts arrive is when
    // they left, not when a connection came up.
    warm_up(sender, answers, 5);
    std::this_thread::sleep_for(1100ms);
    // Slots all due at once (as if the claimer had been late): the limiter's departures hold
    // them to 5 in any second, the last 3 a second after the first. Counted where they arrive,
    // in windows 20 ms short of a second for the way there.
    std::vector<PacedGraphSender::Post> posts;
    for (std::uint64_t tag = 1; tag <= 8; ++tag) {
        posts.push_back({tag, R"({"n":)" + std::to_string(tag) + "}", Clock::now()});
    }
    sender.submit(std::move(posts));
    REQUIRE(answers.wait_for(13, 20s));
    const auto times = arrivals_after_warm_up(graph);
    REQUIRE(times.size() == 8);
    std::size_t most = 0;
    for (std::size_t first = 0; first < times.size(); ++first) {
        const auto in_second = static_cast<std::size_t>(std::upper_bound(times.begin(), times.end(),
                                                                         times[first] + 980ms) -
                                                        times.begin()) -
                               first;
        most = std::max(most, in_second);
    }
    CHECK(most <= 5);
    CHECK(times.back() - times.front() >= 950ms);
}

TEST_CASE("a send whose answer was lost on a kept-alive connection is not written again") {
    // libcurl resends on a new connection, by itself, a request that got no byte of answer on a
    // reused one. Here Meta had read it whole: a second copy would reach the customer.
    const auto loss = GENERATE(LosingGraph::Loss::drop, LosingGraph::Loss::hold);
    LosingGraph graph(loss);
    RateLimiter limiter(1000);
    Answers answers;
    PacedGraphSender sender(graph.endpoint(), "/1000000001/messages", "token", short_timeouts(), "",
                            limiter, answers.done());
    sender.submit({{1, R"({"n":1})", Clock::now()}});
    REQUIRE(answers.wait_for(1));
    CHECK(answers.response(1).status == 200);
    sender.submit({{2, R"({"n":2})", Clock::now()}});
    REQUIRE(answers.wait_for(2));
    const auto lost = answers.response(2);
    CHECK(lost.status == 0);
    CHECK(lost.may_have_arrived);
    CHECK(lost.transport_error != "");
    // Give a resend time to arrive, were there one.
    std::this_thread::sleep_for(300ms);
    CHECK(graph.requests() == 2);
    CHECK(answers.calls(2) == 1);
}

TEST_CASE("a send that could not connect is known not to have arrived") {
    // A port bound and never listened on: connecting is refused.
    const int bound = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(bound, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    getsockname(bound, reinterpret_cast<sockaddr*>(&address), &length);
    const int port = ntohs(address.sin_port);
    RateLimiter limiter(1000);
    Answers answers;
    PacedGraphSender sender({"http", "127.0.0.1", port, "/v21.0"}, "/1000000001/messages", "token",
                            short_timeouts(), "", limiter, answers.done());
    sender.submit({{7, R"({"n":7})", Clock::now()}});
    REQUIRE(answers.wait_for(1));
    const auto refused = answers.response(7);
    CHECK(refused.status == 0);
    CHECK_FALSE(refused.may_have_arrived);
    close(bound);
}

TEST_CASE("the paced Graph sender checks the Graph server's certificate") {
    TempDir dir;
    const auto ca = make_test_ca("waconsole test CA");
    const auto ca_file = dir.path / "test-ca.pem";
    write_pem(*ca.certificate, ca_file);
    const auto certificate = make_server_certificate("IP:127.0.0.1,DNS:localhost", &ca);
    LoopbackGraph<httplib::SSLServer> graph(certificate.certificate.get(), certificate.key.get());
    RateLimiter limiter(1000);
    Answers answers;
    SECTION("not trusted: nothing is written, and the send says so") {
        PacedGraphSender sender(graph.endpoint("https"), "/1000000001/messages", "token",
                                short_timeouts(), "", limiter, answers.done());
        sender.submit({{1, R"({"n":1})", Clock::now()}});
        REQUIRE(answers.wait_for(1));
        CHECK(answers.response(1).status == 0);
        CHECK_FALSE(answers.response(1).may_have_arrived);
        CHECK(graph.arrivals().empty());
    }
    SECTION("trusted through the configured CA file") {
        PacedGraphSender sender(graph.endpoint("https"), "/1000000001/messages", "token",
                                short_timeouts(), ca_file.string(), limiter, answers.done());
        sender.submit({{1, R"({"n":1})", Clock::now()}});
        REQUIRE(answers.wait_for(1));
        CHECK(answers.response(1).status == 200);
        CHECK(graph.arrivals().size() == 1);
    }
}

TEST_CASE("stopping the paced Graph sender sends what was submitted and waits for the answers") {
    LoopbackGraph<httplib::Server> graph;
    RateLimiter limiter(1000);
    Answers answers;
    {
        PacedGraphSender sender(graph.endpoint("http"), "/1000000001/messages", "token",
                                GraphTimeouts{}, "", limiter, answers.done());
        std::vector<PacedGraphSender::Post> posts;
        for (std::uint64_t tag = 1; tag <= 5; ++tag) {
            posts.push_back({tag, R"({"n":)" + std::to_string(tag) + "}", Clock::now() + 20ms});
        }
        sender.submit(std::move(posts));
        sender.stop();
        CHECK(graph.arrivals().size() == 5);
    }
    CHECK(answers.wait_for(5, 0ms));
}

TEST_CASE("overdue posts catch up at twice the rate, not in one burst") {
    LoopbackGraph<httplib::Server> graph;
    RateLimiter limiter(1000);
    Answers answers;
    PacedGraphSender sender(graph.endpoint("http"), "/1000000001/messages", "token",
                            GraphTimeouts{}, "", limiter, answers.done());
    // Forty connections opened first, so that arrivals are departures.
    warm_up(sender, answers, 40);
    // Forty slots 40 ms in the past (the loop's thread waited for a core): at 1,000/s the loop
    // lets 4 go a 2 ms tick, so they take 20 ms at least; all at once, they would land within a
    // millisecond or two.
    std::vector<PacedGraphSender::Post> posts;
    const auto overdue = Clock::now() - 40ms;
    for (std::uint64_t tag = 1; tag <= 40; ++tag) {
        posts.push_back({tag, R"({"n":)" + std::to_string(tag) + "}", overdue});
    }
    sender.submit(std::move(posts));
    REQUIRE(answers.wait_for(80, 20s));
    const auto times = arrivals_after_warm_up(graph);
    REQUIRE(times.size() == 40);
    CHECK(times.back() - times.front() >= 15ms);
}
