// Paging every section over HTTP on random rows full of equal keys: walked with next from the
// first page, with prev from the last, or asked by number, the pages hold exactly the table's
// rows in order; walked while rows change, they never repeat a row and never skip one that
// stayed; and the totals are exact after every change.
#include "section_data.hpp"
#include "server/clock.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

// Each table with a query of its rows in table order, written independently of the specs.
struct Reference {
    const char* table;
    const char* filter; // query parameters
    const char* sql;
};

const Reference kReferences[] = {
    {"unmanaged", "",
     "SELECT id FROM conversations WHERE state = 'bot' OR (state = 'closed' AND handled = 0) "
     "ORDER BY COALESCE(last_customer_message_at, started_at) DESC, id DESC"},
    {"waiting", "",
     "SELECT id FROM conversations WHERE state = 'waiting' ORDER BY COALESCE(skillset_id, 0), "
     "queue_priority DESC, COALESCE(queued_at, started_at), id"},
    {"waiting", "skillset=Support",
     "SELECT id FROM conversations WHERE state = 'waiting' AND skillset_id = (SELECT id FROM "
     "skillsets WHERE name = 'Support') ORDER BY queue_priority DESC, COALESCE(queued_at, "
     "started_at), id"},
    {"active", "",
     "SELECT id FROM conversations WHERE state = 'active' ORDER BY started_at DESC, "
     "id DESC"},
    {"active", "agent=Ana",
     "SELECT c.id FROM conversations c JOIN users u ON u.id = c.agent_id WHERE c.state = "
     "'active' AND u.name LIKE '%Ana%' ORDER BY c.started_at DESC, c.id DESC"},
    {"history", "",
     "SELECT id FROM conversations WHERE state = 'closed' ORDER BY "
     "COALESCE(closed_at, 0) DESC, id DESC"},
    {"history", "agent=Agent",
     "SELECT c.id FROM conversations c JOIN users u ON u.id = c.agent_id WHERE c.state = "
     "'closed' ORDER BY COALESCE(c.closed_at, 0) DESC, c.id DESC"},
    {"history", "agent=Bruno",
     "SELECT c.id FROM conversations c JOIN users u ON u.id = c.agent_id WHERE c.state = "
     "'closed' AND u.name LIKE '%Bruno%' ORDER BY COALESCE(c.closed_at, 0) DESC, c.id DESC"},
    {"history", "customer=Customer%2001",
     "SELECT c.id FROM conversations c JOIN customers cu ON cu.id = c.customer_id WHERE "
     "c.state = 'closed' AND cu.name LIKE '%Customer 01%' ORDER BY COALESCE(c.closed_at, 0) "
     "DESC, c.id DESC"},
    {"templates_sent", "",
     "SELECT m.id FROM messages m WHERE m.direction = 'out' AND m.kind = 'template' AND "
     "m.sent_by_user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM messages a WHERE "
     "a.customer_id = m.customer_id AND a.direction = 'in' AND a.id > m.id) ORDER BY m.id DESC"},
};

std::string table_path(const Reference& reference, const std::string& extra) {
    std::string path = std::string("/api/tables/") + reference.table + "?page_size=10";
    if (*reference.filter) {
        path += std::string("&") + reference.filter;
    }
    return path + extra;
}

} // namespace

TEST_CASE("pages walked forward with next, backward with prev, or asked by number hold every "
          "row of each section once, in order") {
    RandomTables t(2026);
    for (const auto& reference : kReferences) {
        INFO(reference.table << "?" << reference.filter);
        const auto expected = query_ids(t.s, reference.sql);
        REQUIRE(expected.size() > 10); // several pages
        check_pages_hold(t.s, table_path(reference, ""), expected);
    }
}

TEST_CASE("pages walked while rows are inserted, changed and deleted never repeat a row nor skip "
          "one that stayed put") {
    RandomTables t(77);
    {
        // Which conversations a change touched, to know which ones stayed put.
        auto db = t.s.server.services().pool.acquire();
        db->exec("CREATE TABLE touched (id INTEGER PRIMARY KEY)");
        db->exec("CREATE TRIGGER touch_update AFTER UPDATE ON conversations BEGIN "
                 "INSERT OR IGNORE INTO touched VALUES (OLD.id); END");
        db->exec("CREATE TRIGGER touch_delete AFTER DELETE ON conversations BEGIN "
                 "INSERT OR IGNORE INTO touched VALUES (OLD.id); END");
    }
    for (const auto& reference : kReferences) {
        if (std::string(reference.table) == "templates_sent") {
            continue; // its rows come and go with other rows (answers); tested above and in counts
        }
        for (const bool forward : {true, false}) {
            INFO(reference.table << "?" << reference.filter
                                 << (forward ? " forward" : " backward"));
            {
                auto db = t.s.server.services().pool.acquire();
                db->exec("DELETE FROM touched");
            }
            const auto before = query_ids(t.s, reference.sql);
            auto page = t.s.get(table_path(reference, forward ? "" : "&page=999999"));
            if (!forward) {
                page = t.s.get(table_path(
                    reference, "&page=" + std::to_string(page_count(page["total"], 10))));
            }
            // Every page but the walk's end: no row twice. The end may be the last (first) page
            // given instead when every row past the cursor went, which may repeat rows.
            std::vector<std::int64_t> seen;
            std::set<std::int64_t> unique;
            const char* step = forward ? "next" : "prev";
            for (int guard = 0; guard < 1000 && !page[step].is_null(); ++guard) {
                append_ids(page, seen);
                t.changes(3);
                page = t.s.get(table_path(reference, "&cursor=" + page[step].get<std::string>()));
            }
            unique.insert(seen.begin(), seen.end());
            CHECK(unique.size() == seen.size());
            for (const auto& row : page["rows"]) {
                unique.insert(row["id"].get<std::int64_t>());
            }
            const auto touched = query_ids(t.s, "SELECT id FROM touched");
            const std::set<std::int64_t> changed(touched.begin(), touched.end());
            for (const auto id : before) {
                if (!changed.count(id)) {
                    INFO("conversation " << id << " stayed put");
                    CHECK(unique.count(id) == 1);
                }
            }
        }
    }
}

TEST_CASE("every section's total stays exact through random changes of every kind") {
    RandomTables t(4242, 200);
    for (int round = 0; round < 8; ++round) {
        t.changes(40);
        for (const auto& reference : kReferences) {
            INFO("round " << round << ": " << reference.table << "?" << reference.filter);
            const auto page = t.s.get(table_path(reference, ""));
            CHECK(page["total"] == query_ids(t.s, reference.sql).size());
        }
    }
    auto db = t.s.server.services().pool.acquire();
    CHECK(counters_disagreement(*db) == "");
}

TEST_CASE("a cursor whose rows are all gone gives the last page, and one at the start the "
          "first") {
    RandomTables t(5, 60);
    const auto& history = kReferences[5];
    const auto first = t.s.get(table_path(history, ""));
    const long long total = first["total"];
    // After the newest row of all, going back: nothing is before it, so the first page.
    const auto expected = query_ids(t.s, history.sql);
    {
        auto back = t.s.get(table_path(history, "&page=3&cursor=b.9999999999.9999999"));
        CHECK(back["page"] == 1);
        CHECK(back["prev"].is_null());
        std::vector<std::int64_t> ids;
        append_ids(back, ids);
        CHECK(ids == std::vector<std::int64_t>(expected.begin(), expected.begin() + 10));
    }
    // Past the oldest row of all: the last page.
    {
        auto past = t.s.get(table_path(history, "&page=2&cursor=a.-1.0"));
        CHECK(past["page"] == page_count(total, 10));
        CHECK(past["next"].is_null());
        std::vector<std::int64_t> ids;
        append_ids(past, ids);
        const auto last_size = static_cast<std::size_t>(total - (page_count(total, 10) - 1) * 10);
        CHECK(ids == std::vector<std::int64_t>(expected.end() - static_cast<long>(last_size),
                                               expected.end()));
    }
}
