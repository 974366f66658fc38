#include "server/auth/passwords.hpp"
#include "server/clock.hpp"
#include "server/demo/demo_data.hpp"
#include "server/store/users_store.hpp"
#include "test_server.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using waconsole::testing::json_of;
using waconsole::testing::RunningServer;

TEST_CASE("an administrator logs in with the right password and gets a token and a cookie") {
    RunningServer server;
    auto result = server.client().Post(
        "/api/login", R"({"email":"admin@waconsole.local","password":"admin-demo-2026"})",
        "application/json");
    REQUIRE(result);
    CHECK(result->status == 200);
    const auto body = json_of(result);
    CHECK(body["user"]["role"] == "admin");
    CHECK(body["token"].get<std::string>().size() == 64);
    const auto cookie = result->get_header_value("Set-Cookie");
    CHECK(cookie.find("waconsole_session=" + body["token"].get<std::string>()) == 0);
    CHECK(cookie.find("HttpOnly") != std::string::npos);

    auto me = server.client().Get("/api/me", server.bearer(body["token"]));
    CHECK(json_of(me)["user"]["email"] == kDemoAdminEmail);
}

TEST_CASE("a wrong password or unknown email is refused with the same answer") {
    RunningServer server;
    for (const char* body :
         {R"({"email":"admin@waconsole.local","password":"wrong"})",
          R"({"email":"nobody@waconsole.local","password":"admin-demo-2026"})"}) {
        auto result = server.client().Post("/api/login", body, "application/json");
        REQUIRE(result);
        CHECK(result->status == 401);
        CHECK(json_of(result)["error"]["code"] == "invalid_credentials");
        CHECK(result->get_header_value("Set-Cookie").empty());
    }
}

TEST_CASE("an agent logs in to the API and its answer says the role, but the menu's routes "
          "stay refused") {
    RunningServer server;
    auto result = server.client().Post(
        "/api/login", R"({"email":"bruno@waconsole.local","password":"agent-demo-2026"})",
        "application/json");
    REQUIRE(result);
    CHECK(result->status == 200);
    const auto body = json_of(result);
    CHECK(body["user"]["role"] == "agent");
    const auto token = body["token"].get<std::string>();
    for (const auto& route : server.http().routes()) {
        if (route.access != Access::admin) {
            continue;
        }
        INFO(route.method << " " << route.example_path);
        auto refused = route.method == "GET"
                           ? server.client().Get(route.example_path.c_str(), server.bearer(token))
                           : server.client().Post(route.example_path.c_str(), server.bearer(token),
                                                  "{}", "application/json");
        REQUIRE(refused);
        CHECK(refused->status == 403);
    }
    auto agent_route = server.client().Get("/api/agent/conversations", server.bearer(token));
    REQUIRE(agent_route);
    CHECK(agent_route->status == 200);
}

TEST_CASE("every /api route except login and logout answers 401 without a session, and with a bad "
          "token") {
    RunningServer server;
    REQUIRE(server.http().routes().size() >= 4);
    for (const auto& route : server.http().routes()) {
        if (route.access == Access::public_route) {
            continue;
        }
        INFO(route.method << " " << route.example_path);
        for (const auto& headers :
             {httplib::Headers{}, httplib::Headers{{"Authorization", "Bearer not-a-token"}},
              httplib::Headers{{"Cookie", "waconsole_session=forged"}}}) {
            auto result = route.method == "GET"
                              ? server.client().Get(route.example_path.c_str(), headers)
                              : server.client().Post(route.example_path.c_str(), headers, "{}",
                                                     "application/json");
            REQUIRE(result);
            CHECK(result->status == 401);
            CHECK(json_of(result)["error"]["code"] == "unauthorized");
        }
    }
}

TEST_CASE("an agent's session is refused on administrator routes with 403") {
    RunningServer server;
    const std::string token = random_token();
    {
        auto db = server.services().pool.acquire();
        const auto agent = find_user_by_email(*db, "bruno@waconsole.local");
        REQUIRE(agent);
        create_session(*db, token, agent->id, now_seconds(), now_seconds() + 3600);
    }
    auto result = server.client().Get("/api/tables/active", server.bearer(token));
    REQUIRE(result);
    CHECK(result->status == 403);
}

TEST_CASE("the session cookie works as well as the bearer token") {
    RunningServer server;
    const auto token = server.admin_token();
    auto result =
        server.client().Get("/api/me", {{"Cookie", "theme=dark; waconsole_session=" + token}});
    REQUIRE(result);
    CHECK(result->status == 200);
}

TEST_CASE("after logout the token no longer works") {
    RunningServer server;
    const auto token = server.admin_token();
    auto out = server.client().Post("/api/logout", server.bearer(token), "", "application/json");
    REQUIRE(out);
    CHECK(out->status == 200);
    auto after = server.client().Get("/api/me", server.bearer(token));
    REQUIRE(after);
    CHECK(after->status == 401);
}

TEST_CASE("an expired session is refused") {
    RunningServer server;
    const std::string token = random_token();
    {
        auto db = server.services().pool.acquire();
        const auto admin = find_user_by_email(*db, kDemoAdminEmail);
        create_session(*db, token, admin->id, now_seconds() - 7200, now_seconds() - 1);
    }
    auto result = server.client().Get("/api/me", server.bearer(token));
    REQUIRE(result);
    CHECK(result->status == 401);
}

TEST_CASE("login with bad input gets a clear 4xx naming the problem") {
    RunningServer server;
    struct Case {
        std::string body;
        int status;
        const char* code;
        const char* field;
    };
    const Case cases[] = {
        {"{\"email\":", 400, "malformed_json", ""},
        {"[1,2]", 422, "validation_failed", ""},
        {R"({"password":"x"})", 422, "validation_failed", "email"},
        {R"({"email":42,"password":"x"})", 422, "validation_failed", "email"},
        {R"({"email":"a@b.c"})", 422, "validation_failed", "password"},
        {R"({"email":"a@b.c","password":null})", 422, "validation_failed", "password"},
        {R"({"email":")" + std::string(255, 'a') + R"(","password":"x"})", 422, "validation_failed",
         "email"},
    };
    for (const auto& c : cases) {
        INFO(c.body);
        auto result = server.client().Post("/api/login", c.body, "application/json");
        REQUIRE(result);
        CHECK(result->status == c.status);
        const auto body = json_of(result);
        CHECK(body["error"]["code"] == c.code);
        if (*c.field) {
            CHECK(body["error"]["field"] == c.field);
        }
    }
}

TEST_CASE("passwords are stored as salted Argon2id hashes") {
    RunningServer server;
    auto db = server.services().pool.acquire();
    const auto admin = find_user_by_email(*db, kDemoAdminEmail);
    REQUIRE(admin);
    CHECK(admin->password_hash.rfind("$argon2id$", 0) == 0);
    CHECK(admin->password_hash.find(kDemoAdminPassword) == std::string::npos);
    CHECK(hash_password("same") != hash_password("same"));
}

TEST_CASE("unknown API paths answer a JSON 404 and the health check needs no session") {
    RunningServer server;
    auto missing = server.client().Get("/api/nothing-here");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(json_of(missing)["error"]["code"] == "not_found");
    auto health = server.client().Get("/healthz");
    REQUIRE(health);
    CHECK(json_of(health)["status"] == "ok");
}

TEST_CASE("after five wrong passwords from one address the account is locked there for a while, "
          "even for the right password, and other accounts are not") {
    RunningServer server;
    const std::string wrong = R"({"email":"Admin@waconsole.local","password":"guess"})";
    for (int i = 0; i < 5; ++i) {
        auto result = server.client().Post("/api/login", wrong, "application/json");
        REQUIRE(result);
        CHECK(result->status == 401);
    }
    auto locked = server.client().Post(
        "/api/login", R"({"email":"admin@waconsole.local","password":"admin-demo-2026"})",
        "application/json");
    REQUIRE(locked);
    CHECK(locked->status == 429);
    CHECK(json_of(locked)["error"]["code"] == "too_many_attempts");
    const auto retry_after = std::stoi(locked->get_header_value("Retry-After"));
    CHECK(retry_after > 0);
    CHECK(retry_after <= 15 * 60);

    auto other = server.client().Post(
        "/api/login", R"({"email":"x@waconsole.local","password":"y"})", "application/json");
    REQUIRE(other);
    CHECK(other->status == 401);
}
