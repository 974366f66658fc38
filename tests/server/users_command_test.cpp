// `waconsole-server users ...`, run as the real binary on a real SQLite file, then checked in
// the database and by logging in to a real server on that file.
#include "child_process.hpp"
#include "server/auth/passwords.hpp"
#include "server/store/migrations.hpp"
#include "server/store/users_store.hpp"
#include "source_address.hpp"

#include <catch2/catch.hpp>
#include <regex>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

ProcessOutput users(std::vector<std::string> args, const std::string& input = "",
                    const EnvironmentChanges& environment = {}) {
    args.insert(args.begin(), {server_binary(), "users"});
    return run_process(args, input, clean_environment(environment));
}

std::optional<UserRecord> user_in(const std::string& db_path, const std::string& email) {
    Connection db(db_path);
    return find_user_by_email(db, email);
}

// `users add` of an administrator with this password, which must succeed.
void add_admin(const std::string& db, const std::string& email, const std::string& password) {
    const auto added = users({"add", "--db", db, "--email", email, "--name", "Someone", "--role",
                              "admin", "--password-stdin"},
                             password + "\n");
    INFO(added.err);
    REQUIRE(added.exit_code == 0);
}

int login_status(const ServerProcess& server, const std::string& email,
                 const std::string& password) {
    auto client = server.client();
    auto result = post_login(client, email, password);
    REQUIRE(result);
    return result->status;
}

} // namespace

TEST_CASE("users add with the password on stdin creates an administrator who can log in") {
    TempDir dir;
    const auto db = (dir.path / "console.db").string();
    const auto added = users({"add", "--db", db, "--email", "Boss@Example.com", "--name",
                              "Berta Boss", "--role", "admin", "--password-stdin"},
                             "correct horse battery\n");
    INFO(added.err);
    REQUIRE(added.exit_code == 0);
    CHECK(added.out.find("correct horse battery") == std::string::npos);

    const auto user = user_in(db, "boss@example.com");
    REQUIRE(user);
    CHECK(user->name == "Berta Boss");
    CHECK(user->role == Role::admin);
    CHECK(user->password_hash.rfind("$argon2id$", 0) == 0);
    CHECK(verify_password("correct horse battery", user->password_hash));

    ServerProcess server(db);
    CHECK(login_status(server, "boss@example.com", "correct horse battery") == 200);
    CHECK(login_status(server, "boss@example.com", "wrong horse battery") == 401);
    CHECK(server.stop().err.find("users add") == std::string::npos);
}

TEST_CASE("users add without a password generates one and prints it once") {
    TempDir dir;
    const auto db = (dir.path / "console.db").string();
    const auto added = users(
        {"add", "--db", db, "--email", "ana@example.com", "--name", "Ana", "--role", "admin"});
    INFO(added.err);
    REQUIRE(added.exit_code == 0);
    std::smatch match;
    const std::regex password_line("password: (\\S+)");
    REQUIRE(std::regex_search(added.out, match, password_line));
    const std::string password = match[1];
    CHECK(password.size() >= 16);
    CHECK(added.err.find(password) == std::string::npos);

    ServerProcess server(db);
    CHECK(login_status(server, "ana@example.com", password) == 200);
}

TEST_CASE("WACONSOLE_DB names the database for the users command as --db does") {
    TempDir dir;
    const auto db = (dir.path / "from-env.db").string();
    const auto added = users({"add", "--email", "agent@example.com", "--name", "Agent Smith",
                              "--role", "agent", "--password-stdin"},
                             "agent password 1\n", {{"WACONSOLE_DB", db}});
    INFO(added.err);
    REQUIRE(added.exit_code == 0);
    const auto user = user_in(db, "agent@example.com");
    REQUIRE(user);
    CHECK(user->role == Role::agent);

    const auto listed = users({"list"}, "", {{"WACONSOLE_DB", db}});
    REQUIRE(listed.exit_code == 0);
    CHECK(listed.out.find("agent@example.com") != std::string::npos);
    CHECK(listed.out.find("Agent Smith") != std::string::npos);
    CHECK(listed.out.find("agent") != std::string::npos);
}

TEST_CASE("users passwd changes the password and ends the user's sessions") {
    TempDir dir;
    const auto db = (dir.path / "console.db").string();
    add_admin(db, "boss@example.com", "first password 1");
    ServerProcess server(db);
    auto client = server.client();
    auto login = post_login(client, "boss@example.com", "first password 1");
    REQUIRE(login);
    REQUIRE(login->status == 200);
    const auto token = json_of(login)["token"].get<std::string>();

    const auto changed =
        users({"passwd", "--db", db, "--email", "boss@example.com", "--password-stdin"},
              "second password 2\n");
    INFO(changed.err);
    REQUIRE(changed.exit_code == 0);
    auto me = client.Get("/api/me", {{"Authorization", "Bearer " + token}});
    REQUIRE(me);
    CHECK(me->status == 401);
    CHECK(login_status(server, "boss@example.com", "first password 1") == 401);
    CHECK(login_status(server, "boss@example.com", "second password 2") == 200);
}

TEST_CASE("a disabled user cannot log in and their sessions end, and enable lets them back") {
    TempDir dir;
    const auto db = (dir.path / "console.db").string();
    add_admin(db, "boss@example.com", "a fine password");
    add_admin(db, "deputy@example.com", "a fine password");
    ServerProcess server(db);
    auto client = server.client();
    auto login = post_login(client, "deputy@example.com", "a fine password");
    REQUIRE(login);
    REQUIRE(login->status == 200);
    const httplib::Headers session = {
        {"Authorization", "Bearer " + json_of(login)["token"].get<std::string>()}};

    const auto disabled = users({"disable", "--db", db, "--email", "deputy@example.com"});
    INFO(disabled.err);
    REQUIRE(disabled.exit_code == 0);
    auto me = client.Get("/api/me", session);
    REQUIRE(me);
    CHECK(me->status == 401);
    CHECK(login_status(server, "deputy@example.com", "a fine password") == 401);
    CHECK(login_status(server, "boss@example.com", "a fine password") == 200);
    const auto listed = users({"list", "--db", db});
    CHECK(std::regex_search(listed.out, std::regex("disabled +deputy@example.com")));

    REQUIRE(users({"enable", "--db", db, "--email", "deputy@example.com"}).exit_code == 0);
    CHECK(login_status(server, "deputy@example.com", "a fine password") == 200);
}

TEST_CASE("the users command refuses bad input with a message and changes nothing") {
    TempDir dir;
    const auto db = (dir.path / "console.db").string();
    add_admin(db, "boss@example.com", "a fine password");
    struct Case {
        std::vector<std::string> args;
        std::string input;
        int exit_code;
        std::string message;
    };
    const std::vector<Case> cases = {
        {{"add", "--db", db, "--email", "x@example.com", "--name", "X", "--role", "boss"},
         "",
         2,
         "--role must be admin or agent"},
        {{"add", "--db", db, "--name", "X", "--role", "agent"}, "", 2, "--email is required"},
        {{"add", "--db", db, "--email", "not-an-email", "--name", "X", "--role", "agent"},
         "",
         2,
         "--email must be an e-mail address"},
        {{"add", "--db", db, "--email", "x@example.com", "--role", "agent"},
         "",
         2,
         "--name is required"},
        {{"add", "--db", db, "--email", "x@example.com", "--name", "X", "--role", "agent",
          "--password-stdin"},
         "short\n",
         1,
         "at least 12 characters"},
        {{"add", "--db", db, "--email", "BOSS@example.com", "--name", "X", "--role", "agent"},
         "",
         1,
         "already exists"},
        {{"passwd", "--db", db, "--email", "nobody@example.com"}, "", 1, "no user"},
        {{"disable", "--db", db, "--email", "nobody@example.com"}, "", 1, "no user"},
        {{"add", "--db", db, "--colour", "blue"}, "", 2, "unknown option --colour"},
        {{"rename", "--db", db}, "", 2, "unknown users command rename"},
    };
    for (const auto& c : cases) {
        INFO(c.args[0] << " " << c.message);
        const auto result = users(c.args, c.input);
        CHECK(result.exit_code == c.exit_code);
        CHECK(result.err.find(c.message) != std::string::npos);
    }
    Connection check(db);
    CHECK(count_users(check) == 1);
    CHECK_FALSE(find_user_by_email(check, "x@example.com"));
}
