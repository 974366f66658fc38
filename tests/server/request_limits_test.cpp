// Request bodies are bounded while they are read, whatever their framing, and compressed or
// smuggling-shaped bodies are refused before a byte of them is read.
#include "raw_client.hpp"
#include "test_server.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>
#include <zlib.h>

using namespace waconsole;
using namespace waconsole::testing;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t kMiB = 1 << 20;

std::string gzip(const std::string& data) {
    z_stream stream{};
    deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&stream, data.size()), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

std::string error_code(const RawResponse& response) {
    return nlohmann::json::parse(response.body).at("error").at("code").get<std::string>();
}

// Pushes `total` bytes of chunked body on a thread until the server stops taking them; the
// caller reads the answer meanwhile.
struct ChunkedPusher {
    RawClient& client;
    std::size_t total;
    std::atomic<std::size_t> sent{0};
    std::thread thread;

    ChunkedPusher(RawClient& raw, std::size_t bytes) : client(raw), total(bytes) {
        thread = std::thread([this] {
            const auto piece = chunk(std::string(64 * 1024, 'x'));
            while (sent < total && client.send(piece)) {
                sent += piece.size();
            }
        });
    }
    ~ChunkedPusher() { thread.join(); }
};

} // namespace

TEST_CASE("a chunked body past the route's limit is answered 413 long before it ends, and the "
          "connection closes") {
    RunningServer server(false);
    RawClient client(server.port());
    REQUIRE(client.send("POST /webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                        "Content-Type: application/json\r\n\r\n"));
    std::optional<RawResponse> response;
    std::size_t sent_when_answered = 0;
    {
        ChunkedPusher pusher(client, 100 * kMiB);
        response = client.read_response(20s);
        sent_when_answered = pusher.sent;
        // The server drains a little after answering, then closes: the push stops failing.
        CHECK(client.closed_within(10s));
    }
    REQUIRE(response);
    CHECK(response->status == 413);
    CHECK(error_code(*response) == "too_large");
    CHECK(response->header("Connection") == "close");
    // Read up to the 1 MiB limit; what the client got out besides sits in socket buffers.
    CHECK(sent_when_answered < 24 * kMiB);
}

TEST_CASE("an authenticated JSON route stops reading a chunked body at its limit") {
    RunningServer server(true);
    const auto token = server.admin_token();
    RawClient client(server.port());
    REQUIRE(client.send("POST /api/templates/sync HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                        token + "\r\nTransfer-Encoding: chunked\r\n\r\n"));
    ChunkedPusher pusher(client, 50 * kMiB);
    const auto response = client.read_response(20s);
    REQUIRE(response);
    CHECK(response->status == 413);
    CHECK(nlohmann::json::parse(response->body)["error"]["message"] ==
          "the request body is larger than 1 MiB");
    CHECK(pusher.sent < 24 * kMiB);
}

TEST_CASE("a Content-Length over the limit is refused at once, without waiting for the body") {
    RunningServer server(false);
    RawClient client(server.port());
    const auto started = std::chrono::steady_clock::now();
    REQUIRE(client.send("POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        "Content-Length: 300000000\r\n\r\n{\"email\":"));
    const auto response = client.read_response(5s);
    REQUIRE(response);
    CHECK(response->status == 413);
    CHECK(error_code(*response) == "too_large");
    CHECK(response->header("Connection") == "close");
    CHECK(std::chrono::steady_clock::now() - started < 2s);
    CHECK(client.closed_within(5s));
}

TEST_CASE("a compressed body is refused with 415 unless the route accepts it, and then it is "
          "inflated within the limit") {
    RunningServer server(false, {}, [](ApiRouter& router) {
        router.post(
            "/api/test/echo_length", "/api/test/echo_length", Access::public_route,
            [](const httplib::Request& req, httplib::Response& res, RequestContext&) {
                res.set_content(std::to_string(req.body.size()), "text/plain");
            },
            BodyRule{64 * 1024, true});
    });
    const auto bomb = gzip(std::string(64 * kMiB, '\0')); // about 64 KiB on the wire
    REQUIRE(bomb.size() < 100 * 1024);
    const auto post_gzip = [&](const std::string& path, const std::string& body) {
        RawClient client(server.port());
        REQUIRE(client.send("POST " + path +
                            " HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\n"
                            "Content-Type: application/json\r\nContent-Length: " +
                            std::to_string(body.size()) + "\r\n\r\n" + body));
        const auto response = client.read_response(5s);
        REQUIRE(response);
        return *response;
    };

    SECTION("a JSON route") {
        const auto response = post_gzip("/api/login", bomb);
        CHECK(response.status == 415);
        CHECK(error_code(response) == "unsupported_encoding");
    }
    SECTION("a route that opts in inflates a small body") {
        const auto response = post_gzip("/api/test/echo_length", gzip(std::string(10000, 'a')));
        CHECK(response.status == 200);
        CHECK(response.body == "10000");
    }
    SECTION("a route that opts in stops inflating a bomb at its limit") {
        const auto response = post_gzip("/api/test/echo_length", bomb);
        CHECK(response.status == 413);
        CHECK(nlohmann::json::parse(response.body)["error"]["message"] ==
              "the request body is larger than 64 KiB");
    }
}

TEST_CASE("a request with neither Content-Length nor chunked framing has an empty body") {
    RunningServer server(false);
    RawClient client(server.port());
    const auto started = std::chrono::steady_clock::now();
    REQUIRE(client.send("POST /api/login HTTP/1.1\r\nHost: x\r\n\r\n"));
    const auto response = client.read_response(5s);
    REQUIRE(response);
    CHECK(response->status == 400);
    CHECK(error_code(*response) == "malformed_json");
    CHECK(std::chrono::steady_clock::now() - started < 2s);
    // Whatever follows is read as the next request, with the header limits of one.
    REQUIRE(client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    const auto next = client.read_response(5s);
    REQUIRE(next);
    CHECK(next->status == 200);
}

TEST_CASE("framing that could smuggle a request is refused before the body is read") {
    RunningServer server(false);
    const auto answer_to = [&](const std::string& headers) {
        RawClient client(server.port());
        REQUIRE(client.send("POST /api/login HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n"));
        const auto response = client.read_response(5s);
        REQUIRE(response);
        return *response;
    };
    for (const std::string headers :
         {"Transfer-Encoding: chunked\r\nContent-Length: 5\r\n",
          "Transfer-Encoding: gzip, chunked\r\n", "Content-Length: 5\r\nContent-Length: 6\r\n",
          "Content-Length: -1\r\n"}) {
        const auto response = answer_to(headers);
        CHECK(response.status == 400);
        CHECK(response.header("Connection") == "close");
    }
    // httplib's multipart parser would call a receiver this route does not have.
    CHECK(answer_to("Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 0\r\n")
              .status == 415);
}

TEST_CASE("a refused request whose body was never read does not leave that body to be read as "
          "the next request") {
    RunningServer server(false);
    RawClient client(server.port());
    // No session: answered 401 without reading the body, which holds a forged request.
    const std::string hidden = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    REQUIRE(client.send("POST /api/templates/sync HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                        std::to_string(hidden.size()) + "\r\n\r\n" + hidden));
    const auto response = client.read_response(5s);
    REQUIRE(response);
    CHECK(response->status == 401);
    CHECK(response->header("Connection") == "close");
    CHECK(client.closed_within(5s));
    CHECK(client.unread().empty());
}

TEST_CASE("kept-alive and pipelined requests are still answered in order") {
    RunningServer server(false);
    RawClient client(server.port());
    REQUIRE(client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                        "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"
                        "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    const auto first = client.read_response(5s);
    const auto second = client.read_response(5s);
    const auto third = client.read_response(5s);
    REQUIRE(first);
    REQUIRE(second);
    REQUIRE(third);
    CHECK(first->status == 200);
    CHECK(second->status == 422);
    CHECK(third->status == 200);
    CHECK(third->header("Connection") != "close");
}

namespace {

// Sends `request`, whose body holds another request, and reads the answer. The hidden request
// must never be answered: the connection closes after the first answer.
struct HiddenRequestOutcome {
    RawResponse first;
    bool closed = false;
    std::string after; // anything the server wrote after the first answer
};

HiddenRequestOutcome answer_with_hidden_request(int port, const std::string& request) {
    RawClient client(port);
    REQUIRE(client.send(request));
    const auto response = client.read_response(5s);
    REQUIRE(response);
    HiddenRequestOutcome outcome{*response, false, {}};
    outcome.closed = client.closed_within(5s);
    outcome.after = client.unread();
    return outcome;
}

const std::string kHidden = "GET /healthz?hidden HTTP/1.1\r\nHost: x\r\n\r\n";

} // namespace

TEST_CASE("a request httplib refuses before its framing is known never has its body read as the "
          "next request") {
    RunningServer server(false);
    const auto length = "Content-Length: " + std::to_string(kHidden.size()) + "\r\n";
    const auto check = [&](const std::string& head, int status) {
        const auto outcome =
            answer_with_hidden_request(server.port(), head + length + "\r\n" + kHidden);
        CHECK(outcome.first.status == status);
        CHECK(outcome.first.header("Connection") == "close");
        CHECK(outcome.closed);
        CHECK(outcome.after.empty());
    };
    SECTION("an unreadable Range header (416)") {
        check("POST /webhook HTTP/1.1\r\nHost: x\r\nRange: bytes=zz\r\n", 416);
    }
    SECTION("a request line over httplib's limit (414)") {
        check("POST /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n", 414);
    }
    SECTION("a header line over httplib's limit (400)") {
        check("POST /webhook HTTP/1.1\r\nHost: x\r\nX-Long: " + std::string(9000, 'a') + "\r\n",
              400);
    }
}

TEST_CASE("a header a proxy could read differently is refused: whitespace before the colon, a "
          "folded line, a bare LF or CR") {
    RunningServer server(false);
    const auto length = "Content-Length: " + std::to_string(kHidden.size()) + "\r\n";
    const auto check = [&](const std::string& headers) {
        const auto outcome = answer_with_hidden_request(
            server.port(), "POST /webhook HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n" + kHidden);
        CHECK(outcome.first.status == 400);
        CHECK(outcome.first.header("Connection") == "close");
        CHECK(outcome.closed);
        CHECK(outcome.after.empty());
    };
    SECTION("whitespace before the colon") {
        check("Transfer-Encoding : chunked\r\n" + length);
    }
    SECTION("a folded line") {
        check("X-A: 1\r\n Transfer-Encoding: chunked\r\n" + length);
    }
    SECTION("a line ending in a bare LF") {
        check("Transfer-Encoding: chunked\n" + length);
    }
    SECTION("a bare CR inside a line") {
        check("X-A: 1\rTransfer-Encoding: chunked\r\n" + length);
    }
}

TEST_CASE("chunked framing is followed exactly: a chunk not ended by CRLF or a size httplib "
          "would read leniently is refused, never read as the end of the body") {
    RunningServer server(false);
    const std::string head =
        "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n";
    const auto check_refused = [&](const std::string& body) {
        const auto outcome = answer_with_hidden_request(server.port(), head + body);
        CHECK(outcome.first.status == 400);
        CHECK(outcome.first.header("Connection") == "close");
        CHECK(outcome.closed);
        CHECK(outcome.after.empty());
    };
    SECTION("chunk data followed by another line than CRLF") {
        check_refused("5\r\n{}   X\r\n" + kHidden);
    }
    SECTION("a size with a 0x prefix") {
        check_refused("0x2\r\n{}\r\n0\r\n\r\n" + kHidden);
    }
    SECTION("a size with a sign or leading space") {
        check_refused(" 2\r\n{}\r\n0\r\n\r\n" + kHidden);
    }
    SECTION("a well-framed body with a chunk extension is read, and the connection kept") {
        RawClient client(server.port());
        REQUIRE(client.send(head + "2;name=value\r\n{}\r\n0\r\n\r\n" + kHidden));
        const auto first = client.read_response(5s);
        REQUIRE(first);
        CHECK(first->status == 422);
        const auto second = client.read_response(5s);
        REQUIRE(second);
        CHECK(second->status == 200);
    }
}

TEST_CASE("a request with more header lines than the limit is refused: 64 KiB of tiny headers "
          "would cost a worker megabytes") {
    RunningServer server(false);
    const auto lines = [](int count) {
        std::string headers;
        for (int i = 0; i < count; ++i) {
            headers += "a:b\r\n";
        }
        return headers;
    };
    {
        RawClient client(server.port());
        REQUIRE(client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n" + lines(100) + "\r\n"));
        const auto response = client.read_response(5s);
        REQUIRE(response);
        CHECK(response->status == 200);
    }
    const auto outcome = answer_with_hidden_request(
        server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n" + lines(10000) + "\r\n" + kHidden);
    CHECK(outcome.first.status == 400);
    CHECK(outcome.closed);
    CHECK(outcome.after.empty());
}
