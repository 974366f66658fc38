#include "test_server.hpp"

#include <catch2/catch.hpp>
#include <fstream>

using namespace waconsole;
using namespace waconsole::testing;

TEST_CASE("a separately hosted UI's origin gets CORS answers and other origins do not") {
    ServerConfig config;
    config.cors_origin = "http://ui.example:9000";
    RunningServer server(true, config);

    auto preflight = server.client().Options("/api/tables/active",
                                             {{"Origin", "http://ui.example:9000"},
                                              {"Access-Control-Request-Method", "GET"},
                                              {"Access-Control-Request-Headers", "authorization"}});
    REQUIRE(preflight);
    CHECK(preflight->status == 204);
    CHECK(preflight->get_header_value("Access-Control-Allow-Origin") == "http://ui.example:9000");
    CHECK(preflight->get_header_value("Access-Control-Allow-Headers").find("Authorization") !=
          std::string::npos);

    auto allowed = server.client().Get("/api/tables/active",
                                       {{"Origin", "http://ui.example:9000"},
                                        {"Authorization", "Bearer " + server.admin_token()}});
    REQUIRE(allowed);
    CHECK(allowed->status == 200);
    CHECK(allowed->get_header_value("Access-Control-Allow-Origin") == "http://ui.example:9000");
    CHECK(allowed->get_header_value("Access-Control-Expose-Headers") == "Content-Disposition");

    auto other = server.client().Get("/api/me", {{"Origin", "http://evil.example"}});
    REQUIRE(other);
    CHECK(other->get_header_value("Access-Control-Allow-Origin").empty());
    CHECK(other->status == 401);
}

TEST_CASE("the server serves the web UI's static files with the wasm content type") {
    TempDir web;
    std::ofstream(web.path / "index.html") << "<!doctype html><title>waconsole</title>";
    std::ofstream(web.path / "app.wasm", std::ios::binary) << std::string("\0asm", 4);
    ServerConfig config;
    config.web_root = web.path.string();
    RunningServer server(false, config);

    auto index = server.client().Get("/");
    REQUIRE(index);
    CHECK(index->status == 200);
    CHECK(index->body.find("<title>waconsole</title>") != std::string::npos);
    auto wasm = server.client().Get("/app.wasm");
    REQUIRE(wasm);
    CHECK(wasm->get_header_value("Content-Type") == "application/wasm");
    auto missing = server.client().Get("/api/tables/active");
    REQUIRE(missing);
    CHECK(missing->status == 401);
}

TEST_CASE("API answers are never cached by the browser") {
    RunningServer server;
    auto result = server.client().Get("/api/tables/active", server.bearer(server.admin_token()));
    REQUIRE(result);
    CHECK(result->get_header_value("Cache-Control") == "no-store");
}
