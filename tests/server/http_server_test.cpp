#include "test_server.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
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
    CHECK(allowed->get_header_value("Access-Control-Expose-Headers").find("Content-Disposition") !=
          std::string::npos);

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

TEST_CASE("a browser that accepts gzip gets the compressed twin of wasm and fonts") {
    TempDir web;
    std::ofstream(web.path / "index.html") << "<!doctype html>";
    std::ofstream(web.path / "app.wasm", std::ios::binary) << "raw wasm bytes";
    std::ofstream(web.path / "app.wasm.gz", std::ios::binary) << "gzipped wasm bytes";
    std::filesystem::create_directories(web.path / "fonts");
    std::ofstream(web.path / "fonts" / "a.ttf", std::ios::binary) << "raw font";
    std::ofstream(web.path / "fonts" / "a.ttf.gz", std::ios::binary) << "gzipped font";
    std::ofstream(web.path / "fonts" / "b.ttf", std::ios::binary) << "font without twin";
    ServerConfig config;
    config.web_root = web.path.string();
    RunningServer server(false, config);

    // httplib's client would inflate the body for us: ask it not to, to see the bytes sent.
    auto client = server.client();
    client.set_decompress(false);
    auto gz = client.Get("/app.wasm", {{"Accept-Encoding", "gzip, deflate, br"}});
    REQUIRE(gz);
    CHECK(gz->body == "gzipped wasm bytes");
    CHECK(gz->get_header_value("Content-Encoding") == "gzip");
    CHECK(gz->get_header_value("Content-Type") == "application/wasm");
    CHECK(gz->get_header_value("Vary") == "Accept-Encoding");

    auto plain = client.Get("/app.wasm", {{"Accept-Encoding", "identity"}});
    REQUIRE(plain);
    CHECK(plain->body == "raw wasm bytes");
    CHECK(plain->get_header_value("Content-Encoding").empty());

    CHECK(client.Get("/fonts/a.ttf", {{"Accept-Encoding", "gzip"}})->body == "gzipped font");
    CHECK(client.Get("/fonts/b.ttf", {{"Accept-Encoding", "gzip"}})->body == "font without twin");
}

TEST_CASE("API answers are never cached by the browser") {
    RunningServer server;
    auto result = server.client().Get("/api/tables/active", server.bearer(server.admin_token()));
    REQUIRE(result);
    CHECK(result->get_header_value("Cache-Control") == "no-store");
}
