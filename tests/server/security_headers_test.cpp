#include "server/api/security_headers.hpp"
#include "test_server.hpp"

#include <catch2/catch.hpp>
#include <fstream>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

// The sources of one directive ("connect-src 'self'"), "" when the policy has none.
std::string directive(const std::string& policy, const std::string& name) {
    const auto at = policy.find(name + " ");
    if (at == std::string::npos) {
        return "";
    }
    const auto end = policy.find(';', at);
    return policy.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

} // namespace

TEST_CASE("the served page may only talk to its own origin and run only its own code") {
    TempDir web;
    std::ofstream(web.path / "index.html") << "<!doctype html><title>waconsole</title>";
    std::ofstream(web.path / "app.js") << "var x = 1;";
    ServerConfig config;
    config.web_root = web.path.string();
    RunningServer server(false, config);

    for (const char* path : {"/", "/index.html", "/app.js"}) {
        INFO(path);
        auto page = server.client().Get(path);
        REQUIRE(page);
        REQUIRE(page->status == 200);
        const auto policy = page->get_header_value("Content-Security-Policy");
        CHECK(directive(policy, "connect-src") == "connect-src 'self'");
        CHECK(directive(policy, "default-src") == "default-src 'none'");
        CHECK(directive(policy, "script-src") == "script-src 'self' 'wasm-unsafe-eval'");
        CHECK(directive(policy, "frame-ancestors") == "frame-ancestors 'none'");
        CHECK(policy.find("unsafe-inline") == std::string::npos);
        CHECK(policy.find("'unsafe-eval'") == std::string::npos);
        CHECK(page->get_header_value("X-Frame-Options") == "DENY");
        CHECK(page->get_header_value("Referrer-Policy") == "no-referrer");
    }
}

TEST_CASE("the page shell's meta policy matches the server's except where hosting differs") {
    // assets/index.html carries the policy for static hosting; with connect-src filled in by the
    // build and frame-ancestors (ignored in a meta tag) left out, it must be the server's.
    std::ifstream file(WACONSOLE_ASSETS_DIR "/index.html");
    REQUIRE(file);
    const std::string html((std::istreambuf_iterator<char>(file)),
                           std::istreambuf_iterator<char>());
    const std::string marker = "http-equiv=\"Content-Security-Policy\" content=\"";
    const auto start = html.find(marker);
    REQUIRE(start != std::string::npos);
    const auto end = html.find('"', start + marker.size());
    std::string meta = html.substr(start + marker.size(), end - start - marker.size());
    const std::string placeholder = "@WACONSOLE_API_ORIGIN_CSP@";
    REQUIRE(meta.find(placeholder) != std::string::npos);
    meta.erase(meta.find(placeholder), placeholder.size());
    CHECK(meta + "; frame-ancestors 'none'" == page_content_security_policy());
}
