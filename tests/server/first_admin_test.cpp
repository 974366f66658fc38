// A real deployment starts without the demo: no user exists unless someone creates one (or asks
// for the demo), and a server with no administrator says how to create one.
#include "child_process.hpp"
#include "server/clock.hpp"
#include "server/demo/demo_data.hpp"
#include "server/store/migrations.hpp"
#include "server/store/users_store.hpp"
#include "source_address.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::testing;

TEST_CASE("migrations create no user") {
    TempDir dir;
    Connection db((dir.path / "fresh.db").string());
    apply_migrations(db);
    CHECK(count_users(db) == 0);
}

TEST_CASE("a server on an empty database without --demo-data has no user and says how to "
          "create an administrator") {
    TempDir dir;
    const auto db = (dir.path / "console.db").string();
    ServerProcess server(db);
    auto client = server.client();
    auto demo = post_login(client, kDemoAdminEmail, kDemoAdminPassword);
    REQUIRE(demo);
    CHECK(demo->status == 401);
    const auto output = server.stop();
    CHECK(output.err.find("no administrator") != std::string::npos);
    CHECK(output.err.find("users add --db " + db) != std::string::npos);
    CHECK(output.err.find("--role admin") != std::string::npos);
    Connection check(db);
    CHECK(count_users(check) == 0);
}

TEST_CASE("only --demo-data creates the demo administrator") {
    TempDir dir;
    const auto db = (dir.path / "demo.db").string();
    ServerProcess server(db, {"--demo-data"});
    auto client = server.client();
    auto demo = post_login(client, kDemoAdminEmail, kDemoAdminPassword);
    REQUIRE(demo);
    CHECK(demo->status == 200);
    CHECK(server.stop().err.find("no administrator") == std::string::npos);
}
TEST_CASE("a server whose only administrator is disabled says how to create one") {
    TempDir dir;
    const auto db = (dir.path / "console.db").string();
    {
        Connection setup(db);
        apply_migrations(setup);
        NewUser boss;
        boss.name = "Boss";
        boss.email = "boss@example.com";
        boss.role = Role::admin;
        boss.password = "a fine password";
        disable_user(setup, create_user(setup, boss, now_seconds()), now_seconds());
    }
    ServerProcess server(db);
    CHECK(server.stop().err.find("no administrator") != std::string::npos);
}
