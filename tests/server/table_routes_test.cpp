#include "server/clock.hpp"
#include "test_server.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace waconsole;
using waconsole::testing::json_of;
using waconsole::testing::RunningServer;

namespace {

std::int64_t count_active(RunningServer& server) {
    auto db = server.services().pool.acquire();
    auto query = db->prepare("SELECT COUNT(*) FROM conversations WHERE state = 'active'");
    query.step();
    return query.get_int(0);
}

} // namespace

TEST_CASE("the active table pages through every active conversation exactly once") {
    RunningServer server;
    const auto token = server.admin_token();
    const auto total = count_active(server);
    REQUIRE(total > 30);

    std::set<std::int64_t> seen;
    std::int64_t previous_started = std::numeric_limits<std::int64_t>::max();
    for (int page = 1;; ++page) {
        auto body = json_of(server.client().Get(
            ("/api/tables/active?page=" + std::to_string(page) + "&page_size=10").c_str(),
            server.bearer(token)));
        CHECK(body["total"] == total);
        CHECK(body["page"] == page);
        CHECK(body["page_size"] == 10);
        if (body["rows"].empty()) {
            break;
        }
        CHECK(body["rows"].size() <= 10);
        for (const auto& row : body["rows"]) {
            CHECK(seen.insert(row["id"].get<std::int64_t>()).second);
            CHECK(row["started_at"].get<std::int64_t>() <= previous_started);
            previous_started = row["started_at"];
        }
    }
    CHECK(static_cast<std::int64_t>(seen.size()) == total);
}

TEST_CASE("the active table describes its columns and derives the service window status") {
    RunningServer server;
    auto body = json_of(server.client().Get("/api/tables/active?page_size=100",
                                            server.bearer(server.admin_token())));
    CHECK(body["table"] == "active");
    std::vector<std::string> keys;
    for (const auto& column : body["columns"]) {
        keys.push_back(column["key"]);
    }
    CHECK(keys == std::vector<std::string>{"customer", "phone", "agent", "skillset", "started_at",
                                           "last_message", "last_message_at", "status"});
    int open = 0;
    int closed = 0;
    const auto now = now_seconds();
    for (const auto& row : body["rows"]) {
        const bool recent = now - row["last_message_at"].get<std::int64_t>() < 86400;
        CHECK(row["status"] == (recent ? "window_open" : "window_closed"));
        (recent ? open : closed)++;
        CHECK_FALSE(row["agent"].is_null());
    }
    CHECK(open > 0);
    CHECK(closed > 0);
}

TEST_CASE("the menu's counts are the totals of Unmanaged, Waiting and Active, for admins only") {
    RunningServer server;
    const auto token = server.admin_token();
    auto body = json_of(server.client().Get("/api/table-counts", server.bearer(token)));
    for (const char* table : {"unmanaged", "waiting", "active"}) {
        auto page = json_of(server.client().Get(
            (std::string("/api/tables/") + table + "?page_size=10").c_str(), server.bearer(token)));
        CHECK(body["counts"][table] == page["total"]);
    }
    CHECK(body["counts"]["active"] == count_active(server));
    CHECK(server.client().Get("/api/table-counts")->status == 401);
}

TEST_CASE("page sizes outside 10..100 and bad parameters are refused with 400 naming the field") {
    RunningServer server;
    const auto token = server.admin_token();
    struct Case {
        const char* query;
        const char* field;
    };
    const Case cases[] = {
        {"page_size=0", "page_size"}, {"page_size=101", "page_size"},
        {"page_size=x", "page_size"}, {"page_size=9", "page_size"},
        {"page=0", "page"},           {"page=-2", "page"},
        {"colour=red", "colour"},     {"page=1&page=2", "page"},
    };
    for (const auto& c : cases) {
        INFO(c.query);
        auto result = server.client().Get((std::string("/api/tables/active?") + c.query).c_str(),
                                          server.bearer(token));
        REQUIRE(result);
        CHECK(result->status == 400);
        const auto body = json_of(result);
        CHECK(body["error"]["code"] == "validation_failed");
        CHECK(body["error"]["field"] == c.field);
    }
}

TEST_CASE("a page past the end is empty and still reports the total") {
    RunningServer server;
    auto body = json_of(server.client().Get("/api/tables/active?page=999&page_size=100",
                                            server.bearer(server.admin_token())));
    CHECK(body["rows"].empty());
    CHECK(body["total"] == count_active(server));
}

TEST_CASE("filters narrow the active table and the total follows") {
    RunningServer server;
    const auto token = server.admin_token();
    auto all =
        json_of(server.client().Get("/api/tables/active?page_size=100", server.bearer(token)));
    auto sales = json_of(server.client().Get("/api/tables/active?page_size=100&skillset=sales",
                                             server.bearer(token)));
    CHECK(sales["total"].get<int>() < all["total"].get<int>());
    CHECK(sales["total"].get<int>() > 0);
    for (const auto& row : sales["rows"]) {
        CHECK(row["skillset"] == "Sales");
    }
    auto agent = json_of(
        server.client().Get("/api/tables/active?page_size=100&agent=Bruno", server.bearer(token)));
    for (const auto& row : agent["rows"]) {
        CHECK(row["agent"] == "Bruno Díaz");
    }
    // LIKE wildcards typed by the user are literal characters, not patterns.
    auto wildcard = json_of(
        server.client().Get("/api/tables/active?page_size=100&agent=%25", server.bearer(token)));
    CHECK(wildcard["total"] == 0);
}

TEST_CASE("an unknown table is a 404") {
    RunningServer server;
    auto result = server.client().Get("/api/tables/nonsense", server.bearer(server.admin_token()));
    REQUIRE(result);
    CHECK(result->status == 404);
    CHECK(json_of(result)["error"]["code"] == "not_found");
}

TEST_CASE("a changed conversation shows in the next page request") {
    RunningServer server;
    const auto token = server.admin_token();
    const auto before = count_active(server);
    {
        auto db = server.services().pool.acquire();
        db->exec("UPDATE conversations SET state = 'closed', closed_at = 1 WHERE id = "
                 "(SELECT id FROM conversations WHERE state = 'active' LIMIT 1)");
    }
    auto body = json_of(server.client().Get("/api/tables/active", server.bearer(token)));
    CHECK(body["total"] == before - 1);
}
