// Sections sorted by a column (?sort=started_at, ?sort=-started_at): on random rows full of equal
// keys every sort holds the rows in its order walked every way, alone and with filters; its
// pages are read through its index with no sort step; a cursor works only in the sort it came
// from; an unknown sort is refused naming the field; the download follows the sort; the waiting
// table's queue positions do not depend on it.
#include "query_plans.hpp"
#include "section_data.hpp"
#include "server/clock.hpp"
#include "server/import/recipient_file.hpp"
#include "server/tables/table_spec.hpp"
#include "shared/paging.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

// A sort with a query of the table's rows in its ascending order, written independently of the
// specs (NULL sorts first, as the specs' COALESCE(…, 0) does); descending is the reverse.
struct SortReference {
    const char* table;
    const char* filter; // query parameters besides the sort
    const char* sort;
    const char* sql;
};

constexpr const char* kUnmanaged =
    "SELECT id FROM conversations WHERE state = 'bot' OR (state = 'closed' AND handled = 0) ";

const SortReference kSorts[] = {
    {"unmanaged", "", "started_at", "ORDER BY started_at, id"},
    {"unmanaged", "", "last_message_at",
     "ORDER BY COALESCE(last_customer_message_at, started_at), id"},
    {"waiting", "", "waiting_since",
     "SELECT id FROM conversations WHERE state = 'waiting' ORDER BY COALESCE(queued_at, "
     "started_at), id"},
    {"waiting", "", "last_message_at",
     "SELECT id FROM conversations WHERE state = 'waiting' ORDER BY last_customer_message_at, "
     "id"},
    {"active", "", "started_at",
     "SELECT id FROM conversations WHERE state = 'active' ORDER BY started_at, id"},
    {"active", "", "last_message_at",
     "SELECT id FROM conversations WHERE state = 'active' ORDER BY last_customer_message_at, id"},
    {"history", "", "started_at",
     "SELECT id FROM conversations WHERE state = 'closed' ORDER BY started_at, id"},
    {"history", "", "closed_at",
     "SELECT id FROM conversations WHERE state = 'closed' ORDER BY closed_at, id"},
    {"campaigns", "", "created_at", "SELECT id FROM campaigns ORDER BY created_at, id"},
    {"campaigns", "", "scheduled_at", "SELECT id FROM campaigns ORDER BY scheduled_at, id"},
    {"campaigns", "", "recipients", "SELECT id FROM campaigns ORDER BY recipient_count, id"},
    // With filters, whose plans read other indexes.
    {"waiting", "skillset=Support", "waiting_since",
     "SELECT id FROM conversations WHERE state = 'waiting' AND skillset_id = (SELECT id FROM "
     "skillsets WHERE name = 'Support') ORDER BY COALESCE(queued_at, started_at), id"},
    {"active", "agent=Ana", "last_message_at",
     "SELECT c.id FROM conversations c JOIN users u ON u.id = c.agent_id WHERE c.state = "
     "'active' AND u.name LIKE '%Ana%' ORDER BY c.last_customer_message_at, c.id"},
    {"history", "agent=Bruno", "started_at",
     "SELECT c.id FROM conversations c JOIN users u ON u.id = c.agent_id WHERE c.state = "
     "'closed' AND u.name LIKE '%Bruno%' ORDER BY c.started_at, c.id"},
    {"history", "customer=Customer%2001", "started_at",
     "SELECT c.id FROM conversations c JOIN customers cu ON cu.id = c.customer_id WHERE "
     "c.state = 'closed' AND cu.name LIKE '%Customer 01%' ORDER BY c.started_at, c.id"},
    {"unmanaged", "customer=Customer%2002", "started_at",
     "SELECT c.id FROM conversations c JOIN customers cu ON cu.id = c.customer_id WHERE "
     "(c.state = 'bot' OR (c.state = 'closed' AND c.handled = 0)) AND cu.name LIKE "
     "'%Customer 02%' ORDER BY c.started_at, c.id"},
};

std::string reference_sql(const SortReference& reference) {
    const std::string sql = reference.sql;
    return sql.rfind("ORDER BY", 0) == 0 ? kUnmanaged + sql : sql;
}

std::string sorted_path(const SortReference& reference, bool descending) {
    std::string path = std::string("/api/tables/") + reference.table +
                       "?page_size=10&sort=" + (descending ? "-" : "") + reference.sort;
    if (*reference.filter) {
        path += std::string("&") + reference.filter;
    }
    return path;
}

// Campaigns with few distinct times and sizes, so ties are common; some immediate (no schedule).
void insert_campaigns(SectionServer& s, std::int64_t author, int count) {
    auto db = s.server.services().pool.acquire();
    for (int i = 0; i < count; ++i) {
        const bool scheduled = i % 3 != 0;
        db->prepare("INSERT INTO campaigns (name, name_key, template_name, template_language, "
                    "template_category, template_components, parameter_format, source, mode, "
                    "scheduled_at, include_active_conversations, variables, created_by, "
                    "created_at, status, recipient_count, rejected_count) VALUES (?1, ?1, 't', "
                    "'es', 'UTILITY', '[]', 'POSITIONAL', 'excel', ?2, ?3, 0, '{}', ?4, ?5, "
                    "'completed', ?6, 0)")
            .bind(1, "Campaign " + std::to_string(i))
            .bind(2, scheduled ? "scheduled" : "immediate")
            .bind(3, scheduled ? std::optional<std::int64_t>(1'700'000'000 + (i * 7 % 5) * 3600)
                               : std::nullopt)
            .bind(4, author)
            .bind(5, static_cast<std::int64_t>(1'690'000'000 + (i * 11 % 6) * 60))
            .bind(6, static_cast<std::int64_t>((i * 13 % 4) * 100))
            .run();
    }
}

struct SortedTables : RandomTables {
    SortedTables() : RandomTables(1010) { insert_campaigns(s, random->people().agents.at(0), 35); }
};

// Runs `read` and checks that each statement it ran in an order (not the rows' cells by id, nor a
// count) reads `index` with no sort step.
void check_reads_use(Connection& db, const std::string& index, const std::function<void()>& read) {
    int ordered = 0;
    for (const auto& sql : statements_run(db, read)) {
        if (sql.find(" ORDER BY ") == std::string::npos) {
            continue;
        }
        ++ordered;
        const auto plan = query_plan(db, sql);
        INFO(sql << "\n" << plan);
        CHECK(plan.find("TEMP B-TREE") == std::string::npos);
        CHECK(plan.find("INDEX " + index) != std::string::npos);
    }
    CHECK(ordered > 0);
}

TableRequest parsed_request(const TableSpec& spec, std::map<std::string, std::string> params) {
    auto parsed = parse_table_request(spec, params);
    REQUIRE(std::holds_alternative<TableRequest>(parsed));
    return std::get<TableRequest>(parsed);
}

} // namespace

TEST_CASE("every sort of every section holds its rows in its order, both ways, walked with next, "
          "with prev and by number, alone and with filters") {
    SortedTables t;
    for (const auto& reference : kSorts) {
        const auto ascending = query_ids(t.s, reference_sql(reference));
        REQUIRE(ascending.size() > 10); // several pages
        for (const bool descending : {false, true}) {
            INFO(sorted_path(reference, descending));
            auto expected = ascending;
            if (descending) {
                std::reverse(expected.begin(), expected.end());
            }
            check_pages_hold(t.s, sorted_path(reference, descending), expected);
            const auto first = t.s.get(sorted_path(reference, descending));
            CHECK(first["sort"] == std::string(descending ? "-" : "") + reference.sort);
        }
    }
}

TEST_CASE("a sorted page with no filter is read through its sort's index, never sorted") {
    SortedTables t;
    auto db = t.s.server.services().pool.acquire();
    for (const auto& name : {"unmanaged", "waiting", "active", "history", "campaigns"}) {
        const auto* spec = t.s.server.services().tables.find(name);
        REQUIRE(spec);
        REQUIRE_FALSE(spec->sorts.empty());
        for (const auto& sortable : spec->sorts) {
            for (const char* direction : {"", "-"}) {
                const std::string sort = direction + sortable.column;
                INFO(name << "?sort=" << sort);
                // The first page, one past a cursor each way, one by number and the last: every
                // kind of read OrderedReader makes.
                const auto first = std::get<TablePage>(
                    query_table_page(*db, *spec, parsed_request(*spec, {{"sort", sort}}), 0));
                REQUIRE(first.next);
                const std::vector<std::map<std::string, std::string>> requests = {
                    {{"sort", sort}},
                    {{"sort", sort}, {"page", "2"}, {"cursor", *first.next}},
                    {{"sort", sort}, {"cursor", "b" + first.next->substr(1)}},
                    {{"sort", sort}, {"page", "2"}},
                    {{"sort", sort}, {"page", std::to_string(page_count(first.total, 10))}},
                };
                for (const auto& params : requests) {
                    const auto request = parsed_request(*spec, params);
                    check_reads_use(*db, sortable.index, [&] {
                        auto page = query_table_page(*db, *spec, request, 0);
                        CHECK(std::holds_alternative<TablePage>(page));
                    });
                }
                // The export's one statement too.
                check_reads_use(*db, sortable.index, [&] {
                    auto rows =
                        prepare_table_rows(*db, *spec, parsed_request(*spec, {{"sort", sort}}));
                    REQUIRE(std::holds_alternative<Statement>(rows));
                    CHECK(std::get<Statement>(rows).step());
                });
            }
        }
    }
}

TEST_CASE("the export's rows follow the sort, the same rows as the pages") {
    SortedTables t;
    auto db = t.s.server.services().pool.acquire();
    for (const auto& reference : kSorts) {
        const auto* spec = t.s.server.services().tables.find(reference.table);
        REQUIRE(spec);
        auto ascending = query_ids(t.s, reference_sql(reference));
        for (const bool descending : {false, true}) {
            INFO(sorted_path(reference, descending));
            std::map<std::string, std::string> params = {
                {"sort", std::string(descending ? "-" : "") + reference.sort}};
            if (*reference.filter) {
                const std::string filter = reference.filter;
                const auto equals = filter.find('=');
                std::string value = filter.substr(equals + 1);
                if (const auto space = value.find("%20"); space != std::string::npos) {
                    value.replace(space, 3, " ");
                }
                params[filter.substr(0, equals)] = value;
            }
            auto prepared = prepare_table_rows(*db, *spec, parsed_request(*spec, params));
            REQUIRE(std::holds_alternative<Statement>(prepared));
            auto& rows = std::get<Statement>(prepared);
            std::vector<std::int64_t> ids;
            while (rows.step()) {
                ids.push_back(rows.get_int(0));
            }
            auto expected = ascending;
            if (descending) {
                std::reverse(expected.begin(), expected.end());
            }
            CHECK(ids == expected);
        }
    }
}

TEST_CASE("the downloaded file lists the rows in the sort the table shows") {
    SortedTables t;
    const std::string query = "sort=last_message_at&time_zone=UTC";
    std::vector<std::string> phones;
    for (int number = 1;; ++number) {
        const auto page = t.s.get(
            "/api/tables/active?page_size=100&page=" + std::to_string(number) + "&" + query);
        for (const auto& row : page["rows"]) {
            phones.push_back(row["phone"].get<std::string>() + " " +
                             row["customer"].get<std::string>());
        }
        if (page["next"].is_null()) {
            break;
        }
    }
    auto result = t.s.raw_get("/api/tables/active.xlsx?" + query);
    REQUIRE(result);
    REQUIRE(result->status == 200);
    const auto path = std::filesystem::temp_directory_path() /
                      ("waconsole-sorted-" + std::to_string(now_seconds()) + ".xlsx");
    std::ofstream(path, std::ios::binary) << result->body;
    std::vector<FileRow> rows;
    const auto error = read_upload_rows(UploadedFile::on_disk(path.string(), "active.xlsx"),
                                        ImportLimits{}, [&](const FileRow& row) {
                                            rows.push_back(row);
                                            return true;
                                        });
    std::filesystem::remove(path);
    REQUIRE_FALSE(error);
    REQUIRE(rows.size() == phones.size() + 1);
    for (std::size_t i = 0; i < phones.size(); ++i) {
        INFO("row " << i + 1);
        CHECK(rows[i + 1].cells.at(1) + " " + rows[i + 1].cells.at(0) == phones[i]);
    }
}

TEST_CASE("a page says which columns sort and which sort its rows are in") {
    SortedTables t;
    const std::map<std::string, std::vector<std::string>> sortable = {
        {"unmanaged", {"started_at", "last_message_at"}},
        {"waiting", {"waiting_since", "last_message_at"}},
        {"active", {"started_at", "last_message_at"}},
        {"history", {"started_at", "closed_at"}},
        {"templates_sent", {}},
        {"campaigns", {"created_at", "scheduled_at", "recipients"}},
    };
    const std::map<std::string, std::string> default_sort = {
        {"unmanaged", "-last_message_at"}, {"waiting", ""},        {"active", "-started_at"},
        {"history", "-closed_at"},         {"templates_sent", ""}, {"campaigns", ""},
    };
    for (const auto& [table, columns] : sortable) {
        INFO(table);
        const auto page = t.s.get("/api/tables/" + table);
        std::vector<std::string> marked;
        for (const auto& column : page["columns"]) {
            if (column["sortable"] == true) {
                marked.push_back(column["key"]);
            }
        }
        CHECK(marked == columns);
        CHECK(page["sort"] == default_sort.at(table));
        CHECK(page["default_sort"] == default_sort.at(table));
    }
}

TEST_CASE("the sort a table's own order already is reads the same pages and cursors as no sort") {
    SortedTables t;
    for (const auto& [table, sort] :
         std::vector<std::pair<std::string, std::string>>{{"active", "-started_at"},
                                                          {"history", "-closed_at"},
                                                          {"unmanaged", "-last_message_at"}}) {
        INFO(table);
        const auto plain = t.s.get("/api/tables/" + table + "?page=2");
        const auto sorted = t.s.get("/api/tables/" + table + "?page=2&sort=" + sort);
        CHECK(sorted["rows"] == plain["rows"]);
        CHECK(sorted["next"] == plain["next"]);
        CHECK(sorted["sort"] == sort);
        const auto next = t.s.get("/api/tables/" + table + "?sort=" + sort +
                                  "&cursor=" + plain["next"].get<std::string>());
        CHECK(next["rows"] == t.s.get("/api/tables/" + table + "?page=3")["rows"]);
    }
}

TEST_CASE("a cursor is refused under any other sort than the one it came from") {
    SortedTables t;
    const auto plain = t.s.get("/api/tables/active");
    const auto ascending = t.s.get("/api/tables/active?sort=started_at");
    const auto by_message = t.s.get("/api/tables/active?sort=last_message_at");
    const std::string plain_next = plain["next"];
    const std::string ascending_next = ascending["next"];
    CHECK(ascending_next.rfind("a:started_at.", 0) == 0);
    const std::vector<std::string> mismatched = {
        "/api/tables/active?cursor=" + ascending_next,
        "/api/tables/active?sort=-started_at&cursor=" + ascending_next,
        "/api/tables/active?sort=last_message_at&cursor=" + ascending_next,
        "/api/tables/active?sort=started_at&cursor=" + plain_next,
        "/api/tables/active?sort=started_at&cursor=" + by_message["next"].get<std::string>(),
    };
    for (const auto& path : mismatched) {
        CHECK(t.s.get_refused(path)["field"] == "cursor");
    }
}

TEST_CASE("an unknown sort is refused naming the field and the sorts there are") {
    SortedTables t;
    struct Case {
        const char* path;
        const char* message;
    };
    const Case cases[] = {
        {"/api/tables/active?sort=customer",
         "sort is not a sort of the active table: one of started_at, last_message_at, with - "
         "first for descending"},
        {"/api/tables/active?sort=started_at%20DESC",
         "sort is not a sort of the active table: one of started_at, last_message_at, with - "
         "first for descending"},
        {"/api/tables/active?sort=--started_at",
         "sort is not a sort of the active table: one of started_at, last_message_at, with - "
         "first for descending"},
        {"/api/tables/active.xlsx?sort=c.id",
         "sort is not a sort of the active table: one of started_at, last_message_at, with - "
         "first for descending"},
        {"/api/tables/templates_sent?sort=sent_at",
         "sort is not a sort of the templates_sent table: it has none"},
    };
    for (const auto& c : cases) {
        const auto error = t.s.get_refused(c.path);
        CHECK(error["message"] == c.message);
        CHECK(error["field"] == "sort");
    }
}

TEST_CASE("queue positions are the same whatever the waiting table is sorted by") {
    SortedTables t;
    const auto positions = [&](const std::string& sort) {
        std::map<std::int64_t, nlohmann::json> by_id;
        for (int number = 1;; ++number) {
            const auto page =
                t.s.get("/api/tables/waiting?page_size=100&page=" + std::to_string(number) + sort);
            for (const auto& row : page["rows"]) {
                by_id[row["id"]] = row["position"];
            }
            if (page["next"].is_null()) {
                return by_id;
            }
        }
    };
    const auto queue_order = positions("");
    REQUIRE(queue_order.size() > 10);
    CHECK(positions("&sort=-waiting_since") == queue_order);
    CHECK(positions("&sort=last_message_at") == queue_order);
}
