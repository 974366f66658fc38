// The client address of a request: the peer, or X-Forwarded-For behind a trusted proxy only.
#include "server/api/client_address.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>

using namespace waconsole;

namespace {

httplib::Request request_from(const std::string& peer, std::vector<std::string> forwarded = {}) {
    httplib::Request req;
    req.remote_addr = peer;
    for (auto& header : forwarded) {
        req.headers.emplace("X-Forwarded-For", std::move(header));
    }
    return req;
}

} // namespace

TEST_CASE("the client address is the peer unless the peer is a trusted proxy") {
    struct Case {
        std::string peer;
        std::vector<std::string> forwarded;
        std::vector<std::string> trusted;
        std::string client;
    };
    const Case cases[] = {
        // No proxy configured: the header is the client's own claim and is ignored.
        {"203.0.113.9", {"198.51.100.1"}, {}, "203.0.113.9"},
        // A peer that is not one of the trusted proxies is ignored the same way.
        {"203.0.113.9", {"198.51.100.1"}, {"10.0.0.1"}, "203.0.113.9"},
        // Behind the proxy: what the proxy saw, the rightmost entry.
        {"10.0.0.1", {"198.51.100.1"}, {"10.0.0.1"}, "198.51.100.1"},
        {"10.0.0.1", {"6.6.6.6, 198.51.100.1"}, {"10.0.0.1"}, "198.51.100.1"},
        // Two trusted proxies in a row: skip the inner one.
        {"10.0.0.1", {"198.51.100.1, 10.0.0.2"}, {"10.0.0.1", "10.0.0.2"}, "198.51.100.1"},
        // Several headers are one list, in order.
        {"10.0.0.1", {"6.6.6.6", "198.51.100.1"}, {"10.0.0.1"}, "198.51.100.1"},
        // No header, or nothing usable: the proxy itself.
        {"10.0.0.1", {}, {"10.0.0.1"}, "10.0.0.1"},
        {"10.0.0.1", {"unknown"}, {"10.0.0.1"}, "10.0.0.1"},
        // Ports and IPv6 forms are normalised.
        {"::ffff:10.0.0.1", {"198.51.100.1:4711"}, {"10.0.0.1"}, "198.51.100.1"},
        {"::1", {"[2001:DB8::7]:443"}, {"::1"}, "2001:db8::7"},
        {"::ffff:203.0.113.9", {}, {}, "203.0.113.9"},
    };
    for (const auto& c : cases) {
        INFO(c.peer << " forwarded " << (c.forwarded.empty() ? "-" : c.forwarded.back()));
        CHECK(client_address(request_from(c.peer, c.forwarded), c.trusted) == c.client);
    }
}

TEST_CASE("a list of proxy addresses is parsed and normalised, and a bad entry is named") {
    const auto list = parse_address_list("10.0.0.1, ::1 ::ffff:10.0.0.2,[fe80::1]");
    CHECK(list.error.empty());
    CHECK(list.addresses == std::vector<std::string>{"10.0.0.1", "::1", "10.0.0.2", "fe80::1"});
    CHECK(parse_address_list("").addresses.empty());
    const auto bad = parse_address_list("10.0.0.1, proxy.local");
    CHECK(bad.addresses.empty());
    CHECK(bad.error == "\"proxy.local\" is not an IP address");
}
