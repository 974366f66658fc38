// The login throttle and the bound on password hashing, over real loopback HTTP: several
// "people" connect from different loopback addresses (or through a trusted proxy).
#include "server/demo/demo_data.hpp"
#include "source_address.hpp"
#include "test_server.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

constexpr const char* kAdmin = "admin@waconsole.local";

int retry_after_of(const httplib::Result& result) {
    REQUIRE(result);
    const auto header = result->get_header_value("Retry-After");
    REQUIRE_FALSE(header.empty());
    return std::stoi(header);
}

} // namespace

TEST_CASE("a stranger's five wrong guesses do not lock the administrator out, and the stranger "
          "is told when to try again") {
    RunningServer server;
    auto stranger = client_from(server, "127.0.0.2");
    for (int i = 0; i < 5; ++i) {
        auto guess = post_login(stranger, kAdmin, "guess" + std::to_string(i));
        REQUIRE(guess);
        CHECK(guess->status == 401);
    }
    auto refused = post_login(stranger, kAdmin, "guess5");
    REQUIRE(refused);
    CHECK(refused->status == 429);
    CHECK(json_of(refused)["error"]["code"] == "too_many_attempts");
    const int wait = retry_after_of(refused);
    CHECK(wait > 0);
    CHECK(wait <= 15 * 60);
    const auto message = json_of(refused)["error"]["message"].get<std::string>();
    CHECK(message.find("try again in " + std::to_string((wait + 59) / 60) + " minute") !=
          std::string::npos);

    auto owner = client_from(server, "127.0.0.3");
    auto login = post_login(owner, kAdmin, kDemoAdminPassword);
    REQUIRE(login);
    CHECK(login->status == 200);
}

TEST_CASE("behind a trusted proxy each client named by X-Forwarded-For is throttled on its own") {
    ServerConfig config;
    config.trusted_proxies = {"127.0.0.1"};
    RunningServer server(true, config);
    auto proxy = server.client();
    const httplib::Headers stranger = {{"X-Forwarded-For", "203.0.113.7"}};
    for (int i = 0; i < 5; ++i) {
        auto guess = post_login(proxy, kAdmin, "guess", stranger);
        REQUIRE(guess);
        CHECK(guess->status == 401);
    }
    auto refused = post_login(proxy, kAdmin, "guess", stranger);
    REQUIRE(refused);
    CHECK(refused->status == 429);

    // A client that appends a made-up address to the header still counts as the address the
    // proxy saw (the proxy appends; the rightmost untrusted entry is the client).
    auto spoofed =
        post_login(proxy, kAdmin, "guess", {{"X-Forwarded-For", "1.2.3.4, 203.0.113.7"}});
    REQUIRE(spoofed);
    CHECK(spoofed->status == 429);

    auto owner =
        post_login(proxy, kAdmin, kDemoAdminPassword, {{"X-Forwarded-For", "198.51.100.2"}});
    REQUIRE(owner);
    CHECK(owner->status == 200);
}

TEST_CASE("X-Forwarded-For from a peer that is not a trusted proxy is ignored") {
    RunningServer server;
    auto client = server.client();
    for (int i = 0; i < 5; ++i) {
        auto guess = post_login(client, kAdmin, "guess",
                                {{"X-Forwarded-For", "198.51.100." + std::to_string(i + 1)}});
        REQUIRE(guess);
        CHECK(guess->status == 401);
    }
    auto refused = post_login(client, kAdmin, "guess", {{"X-Forwarded-For", "198.51.100.99"}});
    REQUIRE(refused);
    CHECK(refused->status == 429);
}

TEST_CASE("twenty parallel wrong guesses for one account are at most five guesses") {
    RunningServer server;
    std::atomic<int> checked{0};
    std::atomic<int> throttled{0};
    std::atomic<int> other{0};
    std::vector<std::thread> guessers;
    for (int i = 0; i < 20; ++i) {
        guessers.emplace_back([&, i] {
            auto client = server.client();
            // A burst of connections can overflow the listen backlog (httplib listens with 5)
            // and lose a connection before any request is read: send that guess again.
            auto guess = post_login(client, kAdmin, "parallel guess " + std::to_string(i));
            for (int retry = 0; !guess && retry < 3; ++retry) {
                guess = post_login(client, kAdmin, "parallel guess " + std::to_string(i));
            }
            if (guess && guess->status == 401) {
                ++checked;
            } else if (guess && guess->status == 429) {
                ++throttled;
            } else {
                ++other;
            }
        });
    }
    for (auto& guesser : guessers) {
        guesser.join();
    }
    CHECK(checked <= 5);
    CHECK(checked + throttled == 20);
    CHECK(other == 0);
}

TEST_CASE("guesses spread over many addresses meet a gentler per-account limit that does not "
          "hold back an address the administrator has used") {
    RunningServer server;
    auto owner = client_from(server, "127.0.0.3");
    {
        auto login = post_login(owner, kAdmin, kDemoAdminPassword);
        REQUIRE(login);
        REQUIRE(login->status == 200);
    }
    // Six strangers, five guesses each: each stays within its own strict limit.
    int refused = 0;
    for (int stranger = 0; stranger < 6; ++stranger) {
        auto client = client_from(server, "127.0.1." + std::to_string(stranger + 1));
        for (int i = 0; i < 5; ++i) {
            auto guess = post_login(client, kAdmin, "guess");
            REQUIRE(guess);
            refused += guess->status == 429 ? 1 : 0;
        }
    }
    // The account allows 20 failures in its window: the last 10 of the 30 guesses are refused.
    CHECK(refused == 10);
    auto newcomer = client_from(server, "127.0.2.1");
    auto held = post_login(newcomer, kAdmin, kDemoAdminPassword);
    REQUIRE(held);
    CHECK(held->status == 429);
    CHECK(json_of(held)["error"]["message"].get<std::string>().find("this account") !=
          std::string::npos);
    CHECK(retry_after_of(held) <= 5 * 60);

    auto login = post_login(owner, kAdmin, kDemoAdminPassword);
    REQUIRE(login);
    CHECK(login->status == 200);
}

TEST_CASE("password checks run a bounded number at a time, and a login waits briefly for a slot, "
          "then is told the server is busy") {
    ServerConfig config;
    config.password_hash_slots = 1;
    RunningServer server(true, config);
    auto client = server.client();

    auto held = server.services().password_hashing.acquire();
    REQUIRE(held);
    auto busy = post_login(client, kAdmin, kDemoAdminPassword);
    REQUIRE(busy);
    CHECK(busy->status == 429);
    CHECK(json_of(busy)["error"]["code"] == "busy");
    CHECK(json_of(busy)["error"]["message"].get<std::string>().find("busy") != std::string::npos);
    CHECK(retry_after_of(busy) == 1);

    // A slot that frees up within the wait is taken, and the refused attempt above did not
    // count as a guess.
    std::thread release([&held] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        held.reset();
    });
    auto waited = post_login(client, kAdmin, kDemoAdminPassword);
    release.join();
    REQUIRE(waited);
    CHECK(waited->status == 200);
    CHECK(server.services().password_hashing.in_use() == 0);
}
