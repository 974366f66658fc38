// The session cookie: Secure when the console is reached over https (or when configured), and
// logout clears it with the same attributes and ends the session behind it.
#include "server/clock.hpp"
#include "server/demo/demo_data.hpp"
#include "server/store/users_store.hpp"
#include "source_address.hpp"
#include "test_server.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <sstream>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

struct Cookie {
    std::string name;
    std::string value;
    std::set<std::string> attributes; // "Path=/", "HttpOnly", "Max-Age=0" ...
};

Cookie parse_set_cookie(const std::string& header) {
    Cookie cookie;
    std::stringstream parts(header);
    std::string part;
    bool first = true;
    while (std::getline(parts, part, ';')) {
        part.erase(0, part.find_first_not_of(' '));
        if (first) {
            cookie.name = part.substr(0, part.find('='));
            cookie.value = part.substr(part.find('=') + 1);
            first = false;
        } else {
            cookie.attributes.insert(part);
        }
    }
    return cookie;
}

// Attributes without the lifetime ones, which differ between setting and clearing.
std::set<std::string> scope_of(const Cookie& cookie) {
    std::set<std::string> scope;
    for (const auto& attribute : cookie.attributes) {
        if (attribute.rfind("Max-Age=", 0) != 0 && attribute.rfind("Expires=", 0) != 0) {
            scope.insert(attribute);
        }
    }
    return scope;
}

Cookie login_cookie(RunningServer& server) {
    auto client = server.client();
    auto login = post_login(client, kDemoAdminEmail, kDemoAdminPassword);
    REQUIRE(login);
    REQUIRE(login->status == 200);
    return parse_set_cookie(login->get_header_value("Set-Cookie"));
}

Cookie logout_cookie(RunningServer& server, const std::string& token) {
    auto logout = server.client().Post(
        "/api/logout", {{"Cookie", std::string(kSessionCookie) + "=" + token}}, "", "text/plain");
    REQUIRE(logout);
    CHECK(logout->status == 200);
    return parse_set_cookie(logout->get_header_value("Set-Cookie"));
}

} // namespace

TEST_CASE("with an https public URL the session cookie is Secure, and logout clears it with the "
          "same attributes") {
    ServerConfig config;
    config.public_url = "https://console.example.com";
    RunningServer server(true, config);
    const auto cookie = login_cookie(server);
    CHECK(cookie.name == kSessionCookie);
    CHECK(cookie.attributes.count("Secure") == 1);
    CHECK(cookie.attributes.count("HttpOnly") == 1);
    CHECK(cookie.attributes.count("SameSite=Strict") == 1);
    CHECK(cookie.attributes.count("Path=/") == 1);

    const auto cleared = logout_cookie(server, cookie.value);
    CHECK(cleared.name == kSessionCookie);
    CHECK(cleared.value.empty());
    CHECK(cleared.attributes.count("Max-Age=0") == 1);
    CHECK(scope_of(cleared) == scope_of(cookie));
}

TEST_CASE("the cookie is Secure only when the public URL is https or it is configured so") {
    struct Case {
        std::string public_url;
        std::optional<bool> secure_cookie;
        bool secure;
    };
    const Case cases[] = {
        {"", std::nullopt, false},
        {"http://127.0.0.1:8080", std::nullopt, false},
        {"https://console.example.com", std::nullopt, true},
        {"https://console.example.com", false, false},
        {"", true, true},
    };
    for (const auto& c : cases) {
        INFO(c.public_url << " secure_cookie=" << (c.secure_cookie ? *c.secure_cookie : -1));
        ServerConfig config;
        config.public_url = c.public_url;
        config.secure_cookie = c.secure_cookie;
        RunningServer server(true, config);
        const auto cookie = login_cookie(server);
        CHECK(cookie.attributes.count("Secure") == (c.secure ? 1u : 0u));
        CHECK(scope_of(logout_cookie(server, cookie.value)) == scope_of(cookie));
    }
}

TEST_CASE("logout ends the session the cookie carries") {
    RunningServer server;
    const auto cookie = login_cookie(server);
    const httplib::Headers with_cookie = {{"Cookie", cookie.name + "=" + cookie.value}};
    auto before = server.client().Get("/api/me", with_cookie);
    REQUIRE(before);
    REQUIRE(before->status == 200);

    logout_cookie(server, cookie.value);
    auto after = server.client().Get("/api/me", with_cookie);
    REQUIRE(after);
    CHECK(after->status == 401);
    auto db = server.services().pool.acquire();
    CHECK_FALSE(find_session_user(*db, cookie.value, now_seconds()));
}

TEST_CASE("logout with a session that has already ended still clears the cookie") {
    RunningServer server;
    const auto cookie = login_cookie(server);
    logout_cookie(server, cookie.value);
    // The browser still sends the old cookie (say the first answer was lost): clear it again.
    const auto again = logout_cookie(server, cookie.value);
    CHECK(again.name == kSessionCookie);
    CHECK(again.attributes.count("Max-Age=0") == 1);
    // And with no session at all.
    auto bare = server.client().Post("/api/logout", "", "text/plain");
    REQUIRE(bare);
    CHECK(bare->status == 200);
    CHECK(parse_set_cookie(bare->get_header_value("Set-Cookie")).attributes.count("Max-Age=0") ==
          1);
}
