#include "server/api/static_revalidation.hpp"
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

TEST_CASE("a script goes as its gzip twin, compressed once, never again on the fly") {
    TempDir web;
    const std::string script(20000, 'x');
    std::ofstream(web.path / "app.js") << script;
    std::ofstream(web.path / "app.js.gz", std::ios::binary) << "gzipped script bytes";
    ServerConfig config;
    config.web_root = web.path.string();
    RunningServer server(false, config);
    auto client = server.client();
    client.set_decompress(false);

    // Browsers offer brotli too: httplib would brotli-compress a text/* answer, twin or not.
    auto gz = client.Get("/app.js", {{"Accept-Encoding", "gzip, deflate, br, zstd"}});
    REQUIRE(gz);
    CHECK(gz->body == "gzipped script bytes");
    CHECK(gz->get_header_value_count("Content-Encoding") == 1);
    CHECK(gz->get_header_value("Content-Encoding") == "gzip");
    CHECK(gz->get_header_value("Content-Type") == "application/javascript; charset=utf-8");

    auto plain = client.Get("/app.js", {{"Accept-Encoding", "identity"}});
    REQUIRE(plain);
    CHECK(plain->body == script);
    CHECK(plain->get_header_value("Content-Encoding").empty());
}

TEST_CASE("a repeat visit revalidates the static files and gets 304 without their bytes and a new "
          "build is fetched at once") {
    TempDir web;
    std::ofstream(web.path / "index.html") << "<!doctype html><title>build 1</title>";
    std::ofstream(web.path / "app.wasm", std::ios::binary) << "raw wasm of build 1";
    std::ofstream(web.path / "app.wasm.gz", std::ios::binary) << "gzipped wasm of build 1";
    ServerConfig config;
    config.web_root = web.path.string();
    RunningServer server(false, config);
    auto client = server.client();
    client.set_decompress(false);

    auto first = client.Get("/index.html");
    REQUIRE(first);
    CHECK(first->status == 200);
    CHECK(first->get_header_value("Cache-Control") == "no-cache");
    const auto tag = first->get_header_value("ETag");
    REQUIRE(tag.size() > 2);
    CHECK(tag.front() == '"');

    auto again = client.Get("/index.html", {{"If-None-Match", tag}});
    REQUIRE(again);
    CHECK(again->status == 304);
    CHECK(again->body.empty());
    // Several tags, weak or not, as browsers and proxies send them.
    auto listed = client.Get("/index.html", {{"If-None-Match", "\"other\", W/" + tag}});
    REQUIRE(listed);
    CHECK(listed->status == 304);
    auto stale = client.Get("/index.html", {{"If-None-Match", "\"0000\""}});
    REQUIRE(stale);
    CHECK(stale->status == 200);
    CHECK(stale->body == "<!doctype html><title>build 1</title>");

    // The gzip twin and the plain file are different bytes: different tags.
    auto gz = client.Get("/app.wasm", {{"Accept-Encoding", "gzip"}});
    auto plain = client.Get("/app.wasm", {{"Accept-Encoding", "identity"}});
    REQUIRE(gz);
    REQUIRE(plain);
    CHECK(gz->get_header_value("ETag") != plain->get_header_value("ETag"));
    auto gz_again = client.Get("/app.wasm", {{"Accept-Encoding", "gzip"},
                                             {"If-None-Match", gz->get_header_value("ETag")}});
    REQUIRE(gz_again);
    CHECK(gz_again->status == 304);
    CHECK(gz_again->body.empty());
    auto plain_with_gz_tag =
        client.Get("/app.wasm", {{"Accept-Encoding", "identity"},
                                 {"If-None-Match", gz->get_header_value("ETag")}});
    REQUIRE(plain_with_gz_tag);
    CHECK(plain_with_gz_tag->status == 200);
    CHECK(plain_with_gz_tag->body == "raw wasm of build 1");

    // A new build: the old tag no longer matches and the new page comes whole.
    std::ofstream(web.path / "index.html") << "<!doctype html><title>build 2</title>";
    auto rebuilt = client.Get("/index.html", {{"If-None-Match", tag}});
    REQUIRE(rebuilt);
    CHECK(rebuilt->status == 200);
    CHECK(rebuilt->body == "<!doctype html><title>build 2</title>");
    CHECK(rebuilt->get_header_value("ETag") != tag);
}

TEST_CASE("API answers are never cached by the browser") {
    RunningServer server;
    auto result = server.client().Get("/api/tables/active", server.bearer(server.admin_token()));
    REQUIRE(result);
    CHECK(result->get_header_value("Cache-Control") == "no-store");
}

TEST_CASE(
    "a file named after its content is cached for good, and the page naming it is revalidated") {
    TempDir web;
    std::filesystem::create_directories(web.path / "fonts");
    std::ofstream(web.path / "index.html") << "<script src=\"app.0123456789ab.js\"></script>";
    std::ofstream(web.path / "app.0123456789ab.js") << "built script";
    std::ofstream(web.path / "fonts" / "Text.00ff00ff00ff.ttf", std::ios::binary) << "font";
    std::ofstream(web.path / "app.js") << "plain script";
    std::ofstream(web.path / "app.0123456789AB.js") << "upper-case digest";
    std::ofstream(web.path / "app.0123456789a.js") << "digest too short";
    ServerConfig config;
    config.web_root = web.path.string();
    RunningServer server(false, config);
    auto client = server.client();

    constexpr const char* kForGood = "public, max-age=31536000, immutable";
    auto script = client.Get("/app.0123456789ab.js");
    REQUIRE(script);
    CHECK(script->status == 200);
    CHECK(script->body == "built script");
    CHECK(script->get_header_value("Cache-Control") == kForGood);
    auto font = client.Get("/fonts/Text.00ff00ff00ff.ttf");
    REQUIRE(font);
    CHECK(font->get_header_value("Cache-Control") == kForGood);

    for (const char* revalidated :
         {"/", "/index.html", "/app.js", "/app.0123456789AB.js", "/app.0123456789a.js"}) {
        INFO(revalidated);
        auto answer = client.Get(revalidated);
        REQUIRE(answer);
        CHECK(answer->status == 200);
        CHECK(answer->get_header_value("Cache-Control") == "no-cache");
        CHECK_FALSE(answer->get_header_value("ETag").empty());
    }
}

TEST_CASE("content-named paths are told apart from the rest") {
    CHECK(is_content_named("/waconsole-web.3f2a9c0d41be.wasm"));
    CHECK(is_content_named("/fonts/NotoSans-Regular.3f2a9c0d41be.ttf"));
    CHECK(is_content_named("/a.3f2a9c0d41be3f2a9c0d.js"));
    CHECK_FALSE(is_content_named("/index.html"));
    CHECK_FALSE(is_content_named("/"));
    CHECK_FALSE(is_content_named("/waconsole-web.wasm"));
    CHECK_FALSE(is_content_named("/waconsole-web.3f2a9c0d41be"));
    CHECK_FALSE(is_content_named("/waconsole-web.3f2a9c0d41be."));
    CHECK_FALSE(is_content_named("/.3f2a9c0d41be.js"));
    CHECK_FALSE(is_content_named("/3f2a9c0d41be.3f2a9c0d41be/x.js"));
    CHECK_FALSE(is_content_named("/app.3f2a9c0d41bg.js"));
}
