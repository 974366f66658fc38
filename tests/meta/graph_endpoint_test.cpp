// META_GRAPH_URL is split into scheme, host, port and base path for the HTTP client.
#include "server/meta/graph_endpoint.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("Meta's https URL and the simulator's http URL are both understood") {
    std::string error;
    const auto meta = parse_graph_url("https://graph.facebook.com/v21.0", error);
    REQUIRE(meta);
    CHECK(meta->scheme == "https");
    CHECK(meta->host == "graph.facebook.com");
    CHECK(meta->port == 443);
    CHECK(meta->base_path == "/v21.0");
    CHECK(meta->origin() == "https://graph.facebook.com:443");

    const auto sim = parse_graph_url("http://127.0.0.1:9090/v21.0/", error);
    REQUIRE(sim);
    CHECK(sim->scheme == "http");
    CHECK(sim->port == 9090);
    CHECK(sim->base_path == "/v21.0");

    const auto bare = parse_graph_url("http://localhost", error);
    REQUIRE(bare);
    CHECK(bare->port == 80);
    CHECK(bare->base_path.empty());
}

TEST_CASE("a Graph URL without a scheme, host or valid port is refused with a reason") {
    for (const char* url : {"graph.facebook.com/v21.0", "ftp://x/v1", "http://:9090/v1",
                            "http://host:99999/v1", "http://host:abc", "http://host/v1?x=1"}) {
        INFO(url);
        std::string error;
        CHECK_FALSE(parse_graph_url(url, error));
        CHECK_FALSE(error.empty());
    }
}
