// The section tables over loopback HTTP on a real SQLite file, with rows made for each test:
// what each lists, its columns, order, statuses, filters, totals and its Excel download.
#include "section_data.hpp"
#include "server/clock.hpp"
#include "xlsx_reader.hpp"

#include <catch2/catch.hpp>
#include <fstream>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

std::vector<std::int64_t> ids_of(const nlohmann::json& page) {
    std::vector<std::int64_t> ids;
    for (const auto& row : page["rows"]) {
        ids.push_back(row["id"]);
    }
    return ids;
}

std::vector<std::string> column_keys(const nlohmann::json& page) {
    std::vector<std::string> keys;
    for (const auto& column : page["columns"]) {
        keys.push_back(column["key"]);
    }
    return keys;
}

// The first sheet of a download, or REQUIRE fails.
std::string download_sheet(SectionServer& s, const std::string& path, const TempDir& dir) {
    auto result = s.raw_get(path);
    REQUIRE(result);
    REQUIRE(result->status == 200);
    const auto file = (dir.path / "download.xlsx").string();
    std::ofstream(file, std::ios::binary) << result->body;
    auto sheet = read_zip_part(file, "xl/worksheets/sheet1.xml");
    REQUIRE(sheet);
    return *sheet;
}

// People: agents "Agent 01 Ana" .. "Agent 04 Dmitri", skillsets Sales, Support, Billing and
// customers "Customer 001" (+34600000000) ...
struct Fixture {
    SectionServer s;
    std::int64_t now = now_seconds();
    SectionPeople people;
    Fixture() {
        auto db = s.server.services().pool.acquire();
        people = seed_people(*db, 4, 10, now);
    }
    std::int64_t add(const ConversationRow& row) {
        auto db = s.server.services().pool.acquire();
        return insert_conversation(*db, row);
    }
    std::int64_t customer(int n) const { return people.customers[static_cast<std::size_t>(n - 1)]; }
    std::int64_t agent(int n) const { return people.agents[static_cast<std::size_t>(n - 1)]; }
    std::int64_t skillset(int n) const { return people.skillsets[static_cast<std::size_t>(n - 1)]; }
};

} // namespace

TEST_CASE("unmanaged lists the bot's conversations and the closed ones no agent had, newest "
          "customer message first, with window status and transfer fields") {
    Fixture f;
    const auto open = f.add(bot_row(f.customer(1), f.now - 600, f.now - 60));
    const auto expired = f.add(bot_row(f.customer(2), f.now - 3 * 86400, f.now - 2 * 86400));
    ConversationRow never_handled = closed_row(f.customer(3), {}, f.now - 4 * 86400);
    never_handled.last_customer_message_at = f.now - 5 * 86400 + 30;
    never_handled.close_reason = "window_expired";
    const auto closed = f.add(never_handled);
    ConversationRow handled = never_handled;
    handled.handled = 1;
    handled.agent_id = f.agent(1);
    f.add(handled);                                                     // history only
    f.add(active_row(f.customer(4), f.skillset(1), f.agent(1), f.now)); // active only
    f.add(waiting_row(f.customer(5), f.skillset(1), f.now));            // waiting only

    const auto page = f.s.get("/api/tables/unmanaged?page_size=10");
    CHECK(page["total"] == 3);
    CHECK(ids_of(page) == std::vector<std::int64_t>{open, expired, closed});
    CHECK(column_keys(page) == std::vector<std::string>{"status", "customer", "phone", "started_at",
                                                        "last_message", "last_message_at"});
    const auto& rows = page["rows"];
    CHECK(rows[0]["status"] == "window_open");
    CHECK(rows[0]["can_transfer"] == true);
    CHECK(rows[0]["transfer_refusal"].is_null());
    CHECK(rows[0]["customer"] == "Customer 001");
    CHECK(rows[0]["phone"] == "+34600000000");
    CHECK(rows[0]["last_message"] == "hola");
    CHECK(rows[0]["last_message_at"] == f.now - 60);
    CHECK(rows[0].count("state") == 0); // read for the status, not sent
    for (const int i : {1, 2}) {
        CHECK(rows[i]["status"] == "closed");
    }
    // Past its window but not yet closed by the timer, the engine still takes a transfer.
    CHECK(rows[1]["can_transfer"] == true);
    CHECK(rows[2]["can_transfer"] == false);
    CHECK(rows[2]["transfer_refusal"] == "this conversation is closed; it cannot be transferred");
    const auto phone = f.s.get("/api/tables/unmanaged?customer=600000002");
    CHECK(ids_of(phone) == std::vector<std::int64_t>{closed});
    CHECK(phone["total"] == 1);
    const auto name = f.s.get("/api/tables/unmanaged?customer=customer%20002");
    CHECK(ids_of(name) == std::vector<std::int64_t>{expired});
}

TEST_CASE("waiting lists the queues skillset by skillset in queue order, with each "
          "conversation's status, position in its queue and time waited") {
    Fixture f;
    const auto sales = f.skillset(1);
    const auto support = f.skillset(2);
    // Sales' waitlist: priority first, then the longest waiting.
    const auto late = f.add(waiting_row(f.customer(1), sales, f.now - 300));
    const auto early = f.add(waiting_row(f.customer(2), sales, f.now - 600));
    ConversationRow urgent = waiting_row(f.customer(3), sales, f.now - 100);
    urgent.queue_priority = 5;
    const auto head = f.add(urgent);
    // Assigned to Ana, not answered yet: out of the queue.
    ConversationRow assigned = waiting_row(f.customer(4), sales, f.now - 500);
    assigned.agent_id = f.agent(1);
    assigned.handled = 1;
    const auto with_ana = f.add(assigned);
    // Reserved for Bruno: his personal queue spans skillsets.
    ConversationRow reserved = waiting_row(f.customer(5), support, f.now - 900);
    reserved.reserved_for_user_id = f.agent(2);
    const auto bruno_first = f.add(reserved);
    reserved = waiting_row(f.customer(6), sales, f.now - 250);
    reserved.reserved_for_user_id = f.agent(2);
    const auto bruno_second = f.add(reserved);

    const auto page = f.s.get("/api/tables/waiting?page_size=10");
    CHECK(page["total"] == 6);
    CHECK(column_keys(page) ==
          std::vector<std::string>{"status", "position", "customer", "phone", "skillset", "agent",
                                   "waiting_since", "waited", "last_message", "last_message_at"});
    CHECK(ids_of(page) ==
          std::vector<std::int64_t>{head, early, with_ana, late, bruno_second, bruno_first});
    struct Expected {
        const char* status;
        std::optional<int> position;
        const char* agent;
        std::int64_t waited;
    };
    const Expected expected[] = {
        {"waitlist", 1, nullptr, 100},
        {"waitlist", 2, nullptr, 600},
        {"assigned", {}, "Agent 01 Ana", 500},
        {"waitlist", 3, nullptr, 300},
        {"agent_queue", 2, "Agent 02 Bruno", 250},
        {"agent_queue", 1, "Agent 02 Bruno", 900},
    };
    for (std::size_t i = 0; i < 6; ++i) {
        const auto& row = page["rows"][i];
        INFO("row " << i << ": " << row.dump());
        CHECK(row["status"] == expected[i].status);
        if (expected[i].position) {
            CHECK(row["position"] == *expected[i].position);
        } else {
            CHECK(row["position"].is_null());
        }
        if (expected[i].agent) {
            CHECK(row["agent"] == expected[i].agent);
        } else {
            CHECK(row["agent"].is_null());
        }
        CHECK(row["waited"].get<std::int64_t>() >= expected[i].waited);
        CHECK(row["waited"].get<std::int64_t>() <= expected[i].waited + 5);
        CHECK(row["can_transfer"] == true);
        CHECK(row["transfer_refusal"].is_null());
        CHECK(row.count("queue_priority") == 0);
    }
    CHECK(page["rows"][0]["skillset"] == "Sales");
    CHECK(page["rows"][5]["skillset"] == "Support");
    CHECK(page["rows"][0]["waiting_since"] == f.now - 100);

    // Filters keep each position in the whole queue.
    const auto support_only = f.s.get("/api/tables/waiting?skillset=support");
    CHECK(support_only["total"] == 1);
    CHECK(ids_of(support_only) == std::vector<std::int64_t>{bruno_first});
    const auto one_customer = f.s.get("/api/tables/waiting?customer=Customer%20001");
    CHECK(ids_of(one_customer) == std::vector<std::int64_t>{late});
    CHECK(one_customer["rows"][0]["position"] == 3);
    CHECK(f.s.get("/api/tables/waiting?skillset=Nobody")["total"] == 0);

    // One page holds them all: no cursor either way.
    CHECK(page["next"].is_null());
    CHECK(page["prev"].is_null());
}

TEST_CASE("history filters by agent name or id, by days on the administrator's clock and by "
          "customer, newest closed first") {
    Fixture f;
    // 2026-03-01 00:00 in Madrid (CET, UTC+1) is 2026-02-28 23:00 UTC.
    const std::int64_t madrid_march_1 = 1772319600;
    auto closed = [&](int customer, std::int64_t agent, std::int64_t at) {
        ConversationRow row = closed_row(f.customer(customer), agent, at);
        row.skillset_id = f.skillset(1);
        row.licence_type = "premium";
        return f.add(row);
    };
    const auto feb_28 = closed(1, f.agent(1), madrid_march_1 - 1);
    const auto march_1_first = closed(2, f.agent(2), madrid_march_1);
    const auto march_1_last = closed(3, f.agent(1), madrid_march_1 + 86400 - 1);
    const auto march_2 = closed(4, f.agent(2), madrid_march_1 + 86400);
    f.add(active_row(f.customer(5), f.skillset(1), f.agent(1), f.now));

    const auto all = f.s.get("/api/tables/history?page_size=10");
    CHECK(all["total"] == 4);
    CHECK(ids_of(all) == std::vector<std::int64_t>{march_2, march_1_last, march_1_first, feb_28});
    CHECK(column_keys(all) == std::vector<std::string>{"customer", "phone", "agent", "skillset",
                                                       "started_at", "closed_at", "close_reason",
                                                       "licence_type", "last_message"});
    CHECK(all["rows"][0]["agent"] == "Agent 02 Bruno");
    CHECK(all["rows"][0]["close_reason"] == "agent_closed");
    CHECK(all["rows"][0]["licence_type"] == "premium");
    CHECK(all["rows"][0]["closed_at"] == madrid_march_1 + 86400);

    struct Case {
        std::string query;
        std::vector<std::int64_t> ids;
    };
    const Case cases[] = {
        {"from=2026-03-01&to=2026-03-01&time_zone=Europe/Madrid", {march_1_last, march_1_first}},
        {"from=2026-03-01&time_zone=Europe/Madrid", {march_2, march_1_last, march_1_first}},
        {"to=2026-02-28&time_zone=Europe/Madrid", {feb_28}},
        // The same day in UTC starts an hour later.
        {"from=2026-03-01&to=2026-03-01&time_zone=UTC", {march_2, march_1_last}},
        {"from=2026-02-28&to=2026-02-28&time_zone=UTC", {march_1_first, feb_28}},
        {"agent=bruno", {march_2, march_1_first}},
        {"agent_id=" + std::to_string(f.agent(1)), {march_1_last, feb_28}},
        {"agent=Ana&from=2026-03-01&time_zone=Europe/Madrid", {march_1_last}},
        {"agent=Agent&to=2026-03-01&time_zone=Europe/Madrid",
         {march_1_last, march_1_first, feb_28}},
        {"agent=Nobody", {}},
        {"customer=Customer%20003", {march_1_last}},
        {"customer=34600000003&agent=Ana", {}},
        {"from=2026-03-05&time_zone=Europe/Madrid", {}},
    };
    for (const auto& c : cases) {
        INFO(c.query);
        const auto page = f.s.get("/api/tables/history?page_size=10&" + c.query);
        CHECK(ids_of(page) == c.ids);
        CHECK(page["total"] == c.ids.size());
    }
}

TEST_CASE("a history day across a daylight-saving change holds its 23 hours") {
    Fixture f;
    // Madrid, 2026-03-29: from 2026-03-28 23:00 UTC to 2026-03-29 22:00 UTC.
    const std::int64_t day_start = 1774738800;
    const std::int64_t day_end = 1774821600;
    std::vector<std::int64_t> inside;
    for (const auto at : {day_start - 1, day_start, day_end - 1, day_end}) {
        const auto id = f.add(closed_row(f.customer(1), f.agent(1), at));
        if (at >= day_start && at < day_end) {
            inside.insert(inside.begin(), id);
        }
    }
    const auto page =
        f.s.get("/api/tables/history?from=2026-03-29&to=2026-03-29&time_zone=Europe/Madrid");
    CHECK(ids_of(page) == inside);
    CHECK(page["total"] == 2);
}

TEST_CASE("templates sent lists agents' single templates the customer has not answered, newest "
          "first, and drops one when the customer writes") {
    Fixture f;
    auto db = f.s.server.services().pool.acquire();
    const auto conversation = f.add(active_row(f.customer(1), f.skillset(1), f.agent(1), f.now));
    auto message = [&](std::int64_t customer, const char* direction, const char* kind,
                       std::optional<std::int64_t> agent, const char* status) {
        db->prepare("INSERT INTO messages (conversation_id, customer_id, direction, kind, body, "
                    "sent_by_user_id, template_name, status, created_at, sent_at, delivered_at, "
                    "read_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
            .bind(1, customer == f.customer(1) ? std::optional(conversation) : std::nullopt)
            .bind(2, customer)
            .bind(3, direction)
            .bind(4, kind)
            .bind(5, std::string(kind) == "template" ? "Your order A-1 has shipped" : "hola")
            .bind(6, agent)
            .bind(7, std::string(kind) == "template" ? std::optional<std::string>("order_update")
                                                     : std::nullopt)
            .bind(8, status)
            .bind(9, f.now - 100)
            .bind(10, f.now - 99)
            .bind(11, std::string(status) == "read" ? std::optional(f.now - 90) : std::nullopt)
            .bind(12, std::string(status) == "read" ? std::optional(f.now - 80) : std::nullopt)
            .run();
        return db->last_insert_id();
    };
    message(f.customer(1), "out", "template", f.agent(1), "read"); // answered below
    message(f.customer(1), "in", "text", {}, "received");          // the answer
    const auto after_answer = message(f.customer(1), "out", "template", f.agent(1), "read");
    const auto to_second = message(f.customer(2), "out", "template", f.agent(2), "delivered");
    message(f.customer(2), "out", "text", {}, "sent");     // not a template
    message(f.customer(3), "out", "template", {}, "sent"); // not sent by an agent

    auto page = f.s.get("/api/tables/templates_sent");
    CHECK(page["total"] == 2);
    CHECK(ids_of(page) == std::vector<std::int64_t>{to_second, after_answer});
    CHECK(column_keys(page) == std::vector<std::string>{"customer", "phone", "agent", "template",
                                                        "text", "sent_at", "delivered_at",
                                                        "read_at", "status"});
    const auto& second = page["rows"][1];
    CHECK(second["conversation_id"] == conversation);
    CHECK(second["customer"] == "Customer 001");
    CHECK(second["agent"] == "Agent 01 Ana");
    CHECK(second["template"] == "order_update");
    CHECK(second["text"] == "Your order A-1 has shipped");
    CHECK(second["sent_at"] == f.now - 99);
    CHECK(second["delivered_at"] == f.now - 90);
    CHECK(second["read_at"] == f.now - 80);
    CHECK(second["status"] == "read");
    CHECK(page["rows"][0]["conversation_id"].is_null());
    CHECK(f.s.get("/api/tables/templates_sent?agent=bruno")["total"] == 1);
    CHECK(ids_of(f.s.get("/api/tables/templates_sent?customer=Customer%20001")) ==
          std::vector<std::int64_t>{after_answer});

    message(f.customer(2), "in", "text", {}, "received"); // the second customer answers
    page = f.s.get("/api/tables/templates_sent");
    CHECK(ids_of(page) == std::vector<std::int64_t>{after_answer});
    CHECK(page["total"] == 1);
}

TEST_CASE("each section downloads as Excel with the rows its filters select") {
    Fixture f;
    for (int i = 1; i <= 3; ++i) {
        f.add(bot_row(f.customer(i), f.now - i * 60, f.now - i * 60));
        f.add(waiting_row(f.customer(i), f.skillset(i), f.now - i * 60));
        f.add(closed_row(f.customer(i), f.agent(i), f.now - 3600 * i));
    }
    TempDir dir;
    struct Case {
        const char* path;
        int rows;
        const char* header;
        const char* cell;
    };
    const Case cases[] = {
        {"/api/tables/unmanaged.xlsx", 3, "Last customer message", "Window open"},
        {"/api/tables/unmanaged.xlsx?customer=Customer%20002", 1, "Status", "Customer 002"},
        {"/api/tables/waiting.xlsx", 3, "Waiting since", "Waitlist"},
        {"/api/tables/waiting.xlsx?skillset=Billing", 1, "Position", "Billing"},
        {"/api/tables/history.xlsx?agent=Bruno&time_zone=Europe/Madrid", 1, "Close reason",
         "Agent 02 Bruno"},
        {"/api/tables/history.xlsx", 3, "Licence type", "Customer 003"},
        {"/api/tables/templates_sent.xlsx", 0, "Delivered", "Template"},
    };
    for (const auto& c : cases) {
        INFO(c.path);
        const auto sheet = download_sheet(f.s, c.path, dir);
        CHECK(count_occurrences(sheet, "<row ") == c.rows + 1);
        CHECK(sheet.find(c.header) != std::string::npos);
        CHECK(sheet.find(c.cell) != std::string::npos);
    }
}

TEST_CASE("bad table parameters are refused with 400 naming the field") {
    Fixture f;
    struct Case {
        const char* path;
        const char* field;
    };
    const Case cases[] = {
        {"/api/tables/history?from=2026-02-30", "from"},
        {"/api/tables/history?to=2026-3-1", "to"},
        {"/api/tables/history?from=2026-03-02&to=2026-03-01", "to"},
        {"/api/tables/history?agent_id=ana", "agent_id"},
        {"/api/tables/history?time_zone=Mars/Olympus", "time_zone"},
        {"/api/tables/history.xlsx?from=yesterday", "from"},
        {"/api/tables/waiting?cursor=zzz", "cursor"},
        {"/api/tables/waiting?cursor=a.1.2", "cursor"}, // the waiting order has four keys
        {"/api/tables/history?cursor=a.1.x", "cursor"},
        {"/api/tables/unmanaged?agent=Ana", "agent"},
        {"/api/tables/templates_sent?skillset=Sales", "skillset"},
    };
    for (const auto& c : cases) {
        CHECK(f.s.get_refused(c.path)["field"] == c.field);
    }
}
