// The Graph transport over loopback: kept-alive connections are reused only while fresh, and
// HTTPS checks the server's certificate against the system's CAs or the configured CA file.
#include "loopback_graph.hpp"
#include "server/config.hpp"
#include "server/meta/graph_transport.hpp"
#include "server/meta/meta_client.hpp"
#include "test_certificates.hpp"
#include "test_server.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <thread>

using namespace waconsole;
using namespace waconsole::testing;
using namespace std::chrono_literals;

TEST_CASE("a kept-alive Graph connection is reused while fresh and not once idle too long") {
    LoopbackGraph<httplib::Server> graph;
    GraphTimeouts timeouts;
    SECTION("fresh: one connection for both requests") {
        GraphTransport transport(graph.endpoint("http"), "token", timeouts, "");
        CHECK(transport.get("/ping").status == 200);
        CHECK(transport.get("/ping").status == 200);
        CHECK(graph.connections() == 1);
    }
    SECTION("idle past the limit: the second request opens a new connection") {
        // A peer or NAT box that dropped an idle connection would swallow the next request
        // and lose its answer: for a send, an unknown outcome instead of a clean retry.
        timeouts.max_idle = 0ms;
        GraphTransport transport(graph.endpoint("http"), "token", timeouts, "");
        CHECK(transport.get("/ping").status == 200);
        CHECK(transport.get("/ping").status == 200);
        CHECK(graph.connections() == 2);
    }
    CHECK(graph.requests() == 2);
}

TEST_CASE("HTTPS to the Graph API refuses a certificate it cannot trust and honours the "
          "configured CA file") {
    TempDir dir;
    const auto ca = make_test_ca("waconsole test CA");
    const auto ca_file = dir.path / "test-ca.pem";
    write_pem(*ca.certificate, ca_file);

    SECTION("a certificate from our CA, for 127.0.0.1") {
        const auto certificate = make_server_certificate("IP:127.0.0.1,DNS:localhost", &ca);
        LoopbackGraph<httplib::SSLServer> graph(certificate.certificate.get(),
                                                certificate.key.get());
        // Without the CA file the system's CAs do not know our CA.
        GraphTransport untrusting(graph.endpoint("https"), "token", GraphTimeouts{}, "");
        const auto refused = untrusting.get("/ping");
        CHECK(refused.status == 0);
        CHECK(refused.transport_error == "SSLServerVerification");
        CHECK_FALSE(refused.may_have_arrived);
        CHECK(graph.requests() == 0);

        GraphTransport trusting(graph.endpoint("https"), "token", GraphTimeouts{},
                                ca_file.string());
        const auto answered = trusting.get("/ping");
        CHECK(answered.transport_error == "");
        CHECK(answered.status == 200);
        CHECK(graph.requests() == 1);
    }
    SECTION("a certificate from our CA for another host name") {
        const auto certificate = make_server_certificate("DNS:graph.example.com", &ca);
        LoopbackGraph<httplib::SSLServer> graph(certificate.certificate.get(),
                                                certificate.key.get());
        GraphTransport transport(graph.endpoint("https"), "token", GraphTimeouts{},
                                 ca_file.string());
        const auto refused = transport.get("/ping");
        CHECK(refused.status == 0);
        CHECK(refused.transport_error == "SSLServerVerification");
        CHECK(graph.requests() == 0);
    }
    SECTION("a self-signed certificate for 127.0.0.1") {
        const auto certificate = make_server_certificate("IP:127.0.0.1", nullptr);
        LoopbackGraph<httplib::SSLServer> graph(certificate.certificate.get(),
                                                certificate.key.get());
        GraphTransport transport(graph.endpoint("https"), "token", GraphTimeouts{},
                                 ca_file.string());
        CHECK(transport.get("/ping").status == 0);
        CHECK(graph.requests() == 0);
    }
    SECTION("META_CA_FILE reaches the client that sends") {
        const auto certificate = make_server_certificate("IP:127.0.0.1", &ca);
        LoopbackGraph<httplib::SSLServer> graph(certificate.certificate.get(),
                                                certificate.key.get());
        const std::string url =
            "https://127.0.0.1:" + std::to_string(graph.endpoint("https").port) + "/v21.0";
        const auto parsed = parse_server_config({"--meta-graph-url", url, "--meta-access-token",
                                                 "token", "--meta-phone-number-id", "1000000001"},
                                                [&](const char* name) -> const char* {
                                                    static std::string value;
                                                    value = ca_file.string();
                                                    return std::string(name) == "META_CA_FILE"
                                                               ? value.c_str()
                                                               : nullptr;
                                                });
        REQUIRE(parsed.config);
        CHECK(parsed.config->meta.ca_file == ca_file.string());
        RateLimiter limiter(1000);
        MetaClient client(parsed.config->meta, limiter);
        CHECK(client.configuration_problem() == "");
        const auto attempt = client.send_once({{"messaging_product", "whatsapp"}}, std::nullopt);
        CHECK(attempt.verdict == SendVerdict::accepted);
        CHECK(attempt.wamid == "wamid.TLS-1");
    }
    SECTION("a CA file that cannot be read is a configuration problem") {
        MetaConfig config;
        config.access_token = "token";
        config.phone_number_id = "1000000001";
        config.ca_file = (dir.path / "missing.pem").string();
        RateLimiter limiter(1000);
        MetaClient client(config, limiter);
        CHECK(client.configuration_problem().find("META_CA_FILE") != std::string::npos);
    }
}
