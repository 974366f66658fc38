// Section test data.
#include "section_data.hpp"

#include "server/clock.hpp"
#include "server/store/users_store.hpp"
#include "shared/paging.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <tuple>

namespace waconsole::testing {

SectionServer::SectionServer(ServerConfig config) : server(false, std::move(config)) {
    auto db = server.services().pool.acquire();
    NewUser admin;
    admin.name = "Section Admin";
    admin.email = "sections@example.com";
    admin.role = Role::admin;
    admin.password = "not-used-by-these-tests";
    const auto id = create_user(*db, admin, now_seconds());
    token = "section-test-session";
    create_session(*db, token, id, now_seconds(), now_seconds() + 3600);
}

httplib::Result SectionServer::raw_get(const std::string& path) {
    return server.client().Get(path.c_str(), server.bearer(token));
}

nlohmann::json SectionServer::get(const std::string& path) {
    auto result = raw_get(path);
    REQUIRE(result);
    INFO(path << " -> " << result->body);
    REQUIRE(result->status == 200);
    return nlohmann::json::parse(result->body);
}

std::vector<std::int64_t> query_ids(SectionServer& s, const std::string& sql) {
    auto db = s.server.services().pool.acquire();
    auto query = db->prepare(sql);
    std::vector<std::int64_t> ids;
    while (query.step()) {
        ids.push_back(query.get_int(0));
    }
    return ids;
}

void append_ids(const nlohmann::json& page, std::vector<std::int64_t>& ids) {
    for (const auto& row : page["rows"]) {
        ids.push_back(row["id"]);
    }
}

void check_pages_hold(SectionServer& s, const std::string& path,
                      const std::vector<std::int64_t>& expected) {
    std::vector<std::int64_t> forward;
    auto page = s.get(path);
    const long long total = page["total"];
    CHECK(total == static_cast<long long>(expected.size()));
    const int pages = page_count(total, 10);
    for (int number = 1;; ++number) {
        CHECK(page["page"] == number);
        CHECK(page["total"] == total);
        append_ids(page, forward);
        if (page["next"].is_null()) {
            CHECK(number == pages);
            break;
        }
        page = s.get(path + "&page=" + std::to_string(number + 1) +
                     "&cursor=" + page["next"].get<std::string>());
    }
    CHECK(forward == expected);

    std::vector<std::int64_t> backward;
    page = s.get(path + "&page=" + std::to_string(pages));
    for (int number = pages;; --number) {
        CHECK(page["page"] == number);
        std::vector<std::int64_t> ids;
        append_ids(page, ids);
        backward.insert(backward.begin(), ids.begin(), ids.end());
        if (page["prev"].is_null()) {
            CHECK(number == 1);
            break;
        }
        page = s.get(path + "&page=" + std::to_string(number - 1) +
                     "&cursor=" + page["prev"].get<std::string>());
    }
    CHECK(backward == expected);

    std::vector<std::int64_t> numbered;
    for (int number = 1; number <= pages + 1; ++number) {
        append_ids(s.get(path + "&page=" + std::to_string(number)), numbered);
    }
    CHECK(numbered == expected);
}

RandomTables::RandomTables(std::uint32_t seed, int conversations) {
    auto db = s.server.services().pool.acquire();
    const auto now = now_seconds();
    random = std::make_unique<RandomSections>(*db, seed_people(*db, 8, 40, now), seed, now);
    for (int i = 0; i < conversations; ++i) {
        random->insert_conversation();
        random->insert_message();
    }
}

void RandomTables::changes(int count) {
    auto db = s.server.services().pool.acquire();
    for (int i = 0; i < count; ++i) {
        random->any_change();
    }
}

nlohmann::json SectionServer::get_refused(const std::string& path) {
    auto result = raw_get(path);
    REQUIRE(result);
    INFO(path << " -> " << result->body);
    CHECK(result->status == 400);
    const auto body = nlohmann::json::parse(result->body);
    CHECK(body["error"]["code"] == "validation_failed");
    CHECK(body.count("rows") == 0);
    return body["error"];
}

SectionPeople seed_people(Connection& db, int agents, int customers, std::int64_t now) {
    static const char* const kNames[] = {"Ana", "Bruno", "Carla", "Dmitri", "Elena", "Farid"};
    SectionPeople people;
    for (const char* name : {"Sales", "Support", "Billing"}) {
        db.prepare("INSERT INTO skillsets (name) VALUES (?)").bind(1, name).run();
        people.skillsets.push_back(db.last_insert_id());
    }
    for (int i = 0; i < agents; ++i) {
        char name[64];
        std::snprintf(name, sizeof name, "Agent %02d %s", i + 1, kNames[i % 6]);
        db.prepare("INSERT INTO users (name, email, role, password_hash, created_at) "
                   "VALUES (?, ?, 'agent', 'x', ?)")
            .bind(1, name)
            .bind(2, "agent" + std::to_string(i + 1) + "@example.com")
            .bind(3, now)
            .run();
        people.agents.push_back(db.last_insert_id());
    }
    for (int i = 0; i < customers; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "Customer %03d", i + 1);
        const auto phone = std::to_string(34600000000LL + i);
        db.prepare("INSERT INTO customers (wa_id, phone, name, created_at) VALUES (?, ?, ?, ?)")
            .bind(1, phone)
            .bind(2, "+" + phone)
            .bind(3, name)
            .bind(4, now)
            .run();
        people.customers.push_back(db.last_insert_id());
    }
    return people;
}

std::int64_t insert_conversation(Connection& db, const ConversationRow& row) {
    db.prepare("INSERT INTO conversations (customer_id, state, skillset_id, agent_id, "
               "reserved_for_user_id, started_at, queued_at, last_customer_message_at, "
               "last_customer_text, closed_at, close_reason, licence_type, handled, "
               "queue_priority) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        .bind(1, row.customer_id)
        .bind(2, row.state)
        .bind(3, row.skillset_id)
        .bind(4, row.agent_id)
        .bind(5, row.reserved_for_user_id)
        .bind(6, row.started_at)
        .bind(7, row.queued_at)
        .bind(8, row.last_customer_message_at)
        .bind(9, row.last_customer_text)
        .bind(10, row.closed_at)
        .bind(11, row.close_reason)
        .bind(12, row.licence_type)
        .bind(13, row.handled)
        .bind(14, row.queue_priority)
        .run();
    return db.last_insert_id();
}

ConversationRow bot_row(std::int64_t customer, std::int64_t started_at,
                        std::int64_t last_customer_message_at) {
    ConversationRow row;
    row.customer_id = customer;
    row.started_at = started_at;
    row.last_customer_message_at = last_customer_message_at;
    return row;
}

ConversationRow waiting_row(std::int64_t customer, std::optional<std::int64_t> skillset,
                            std::int64_t queued_at) {
    ConversationRow row = bot_row(customer, queued_at - 60, queued_at - 30);
    row.state = "waiting";
    row.skillset_id = skillset;
    row.queued_at = queued_at;
    return row;
}

ConversationRow active_row(std::int64_t customer, std::int64_t skillset, std::int64_t agent,
                           std::int64_t started_at) {
    ConversationRow row = bot_row(customer, started_at, started_at);
    row.state = "active";
    row.skillset_id = skillset;
    row.agent_id = agent;
    row.handled = 1;
    return row;
}

ConversationRow closed_row(std::int64_t customer, std::optional<std::int64_t> agent,
                           std::int64_t closed_at) {
    ConversationRow row = bot_row(customer, closed_at - 3600, closed_at - 1800);
    row.state = "closed";
    row.agent_id = agent;
    row.handled = agent ? 1 : 0;
    row.closed_at = closed_at;
    row.close_reason = "agent_closed";
    return row;
}

RandomSections::RandomSections(Connection& db, SectionPeople people, std::uint32_t seed,
                               std::int64_t now)
    : m_db(db), m_people(std::move(people)), m_random(seed), m_now(now) {}

int RandomSections::below(int n) {
    return std::uniform_int_distribution<int>(0, n - 1)(m_random);
}

std::int64_t RandomSections::pick(const std::vector<std::int64_t>& ids) {
    return ids[static_cast<std::size_t>(below(static_cast<int>(ids.size())))];
}

std::optional<std::int64_t> RandomSections::pick_row(const char* table) {
    auto query = m_db.prepare(
        std::string("SELECT id FROM ") + table +
        " ORDER BY id LIMIT 1 OFFSET (ABS(?) % MAX(1, (SELECT COUNT(*) FROM " + table + ")))");
    query.bind(1, static_cast<std::int64_t>(m_random()));
    if (!query.step()) {
        return std::nullopt;
    }
    return query.get_int(0);
}

std::int64_t RandomSections::coarse_time() {
    return m_now - 1800 * below(40); // 40 distinct times over the last 20 hours
}

std::int64_t RandomSections::insert_conversation() {
    static const char* const kStates[] = {"bot", "waiting", "active", "closed", "closed"};
    const std::string state = kStates[below(5)];
    const auto started = coarse_time() - 86400 * below(3);
    std::optional<std::int64_t> skillset, agent, reserved, queued, closed, last;
    int handled = 0;
    int priority = 0;
    last = started + 600 * below(3);
    if (below(20) == 0) {
        last.reset();
    }
    if (state == "waiting") {
        skillset = below(10) == 0 ? std::nullopt : std::optional(pick(m_people.skillsets));
        queued = below(10) == 0 ? std::nullopt : std::optional(started + 60 * below(3));
        priority = below(4) == 0 ? 5 : 0;
        if (below(3) == 0) {
            agent = pick(m_people.agents);
            handled = 1;
        } else if (below(3) == 0) {
            reserved = pick(m_people.agents);
        }
    } else if (state == "active") {
        skillset = pick(m_people.skillsets);
        agent = pick(m_people.agents);
        handled = 1;
    } else if (state == "closed") {
        closed = below(30) == 0 ? std::nullopt : std::optional(coarse_time() - 86400 * below(4));
        if (below(2) == 0) {
            agent = pick(m_people.agents);
            skillset = pick(m_people.skillsets);
            handled = 1;
        }
    }
    ConversationRow row;
    row.customer_id = pick(m_people.customers);
    row.state = state;
    row.skillset_id = skillset;
    row.agent_id = agent;
    row.reserved_for_user_id = reserved;
    row.started_at = started;
    row.queued_at = queued;
    row.last_customer_message_at = last;
    row.last_customer_text = "text " + std::to_string(below(1000));
    row.closed_at = closed;
    if (closed) {
        row.close_reason = "agent_closed";
    }
    row.handled = handled;
    row.queue_priority = priority;
    return waconsole::testing::insert_conversation(m_db, row);
}

void RandomSections::change_conversation() {
    const auto id = pick_row("conversations");
    if (!id) {
        return;
    }
    // ?1 the conversation, ?2 a time, ?3 an agent, ?4 a skillset; `parameters`: the highest used.
    struct Change {
        const char* sql;
        int parameters;
    };
    static const Change kChanges[] = {
        {"UPDATE conversations SET state = 'waiting', queued_at = ?2, agent_id = NULL "
         "WHERE id = ?1",
         2},
        {"UPDATE conversations SET state = 'waiting', agent_id = ?3, handled = 1 WHERE id = ?1", 3},
        {"UPDATE conversations SET state = 'active', agent_id = ?3, handled = 1 WHERE id = ?1", 3},
        {"UPDATE conversations SET state = 'closed', closed_at = ?2 WHERE id = ?1", 2},
        {"UPDATE conversations SET state = 'closed', closed_at = NULL WHERE id = ?1", 1},
        {"UPDATE conversations SET state = 'bot', agent_id = NULL, handled = 0 WHERE id = ?1", 1},
        {"UPDATE conversations SET agent_id = ?3 WHERE id = ?1", 3},
        {"UPDATE conversations SET agent_id = NULL WHERE id = ?1", 1},
        {"UPDATE conversations SET skillset_id = ?4 WHERE id = ?1", 4},
        {"UPDATE conversations SET skillset_id = NULL WHERE id = ?1", 1},
        {"UPDATE conversations SET closed_at = ?2 WHERE id = ?1", 2},
        {"UPDATE conversations SET handled = 1 - handled WHERE id = ?1", 1},
        {"UPDATE conversations SET queue_priority = 9 WHERE id = ?1", 1},
        {"UPDATE conversations SET reserved_for_user_id = ?3 WHERE id = ?1", 3},
        {"UPDATE conversations SET last_customer_message_at = ?2 WHERE id = ?1", 2},
        {"UPDATE conversations SET state = state, agent_id = agent_id WHERE id = ?1", 1},
    };
    const auto& change = kChanges[below(16)];
    const std::int64_t values[] = {*id, coarse_time(), pick(m_people.agents),
                                   pick(m_people.skillsets)};
    auto update = m_db.prepare(change.sql);
    for (int p = 0; p < change.parameters; ++p) {
        update.bind(p + 1, values[p]);
    }
    update.run();
}

void RandomSections::delete_conversation() {
    const auto id = pick_row("conversations");
    if (!id) {
        return;
    }
    m_db.prepare("DELETE FROM transfers WHERE conversation_id = ?").bind(1, *id).run();
    m_db.prepare("DELETE FROM messages WHERE conversation_id = ?").bind(1, *id).run();
    m_db.prepare("DELETE FROM conversations WHERE id = ?").bind(1, *id).run();
}

void RandomSections::insert_message() {
    const auto customer = pick(m_people.customers);
    const int kind = below(4);
    const bool inbound = kind == 0;
    const bool bot_text = kind == 1;
    m_db.prepare("INSERT INTO messages (customer_id, direction, kind, body, sent_by_user_id, "
                 "template_name, status, created_at, sent_at) VALUES (?,?,?,?,?,?,?,?,?)")
        .bind(1, customer)
        .bind(2, inbound ? "in" : "out")
        .bind(3, inbound || bot_text ? "text" : "template")
        .bind(4, inbound ? "hola" : "Your order A-1 has shipped")
        .bind(5, inbound || bot_text ? std::nullopt : std::optional(pick(m_people.agents)))
        .bind(6, inbound || bot_text ? std::nullopt : std::optional<std::string>("order_update"))
        .bind(7, inbound ? "received" : "sent")
        .bind(8, coarse_time())
        .bind(9, inbound ? std::nullopt : std::optional(coarse_time()))
        .run();
}

void RandomSections::delete_message() {
    if (const auto id = pick_row("messages")) {
        m_db.prepare("DELETE FROM messages WHERE id = ?").bind(1, *id).run();
    }
}

void RandomSections::move_message() {
    if (const auto id = pick_row("messages")) {
        m_db.prepare("UPDATE messages SET customer_id = ? WHERE id = ?")
            .bind(1, pick(m_people.customers))
            .bind(2, *id)
            .run();
    }
}

void RandomSections::any_change() {
    switch (below(8)) {
    case 0:
    case 1:
        insert_conversation();
        break;
    case 2:
    case 3:
        change_conversation();
        break;
    case 4:
        delete_conversation();
        break;
    case 5:
        insert_message();
        break;
    case 6:
        delete_message();
        break;
    default:
        move_message();
        break;
    }
}

std::string counters_disagreement(Connection& db) {
    using Key = std::tuple<std::string, std::string, std::int64_t>;
    std::map<Key, std::int64_t> expected;
    const char* const kExpected[] = {
        "SELECT 'unmanaged', 'all', 0, COUNT(*) FROM conversations WHERE state = 'bot' OR "
        "(state = 'closed' AND handled = 0)",
        "SELECT 'waiting', 'all', 0, COUNT(*) FROM conversations WHERE state = 'waiting'",
        "SELECT 'waiting', 'skillset', COALESCE(skillset_id, 0), COUNT(*) FROM conversations "
        "WHERE state = 'waiting' GROUP BY 3",
        "SELECT 'active', 'all', 0, COUNT(*) FROM conversations WHERE state = 'active'",
        "SELECT 'active', 'skillset', COALESCE(skillset_id, 0), COUNT(*) FROM conversations "
        "WHERE state = 'active' GROUP BY 3",
        "SELECT 'active', 'agent', COALESCE(agent_id, 0), COUNT(*) FROM conversations "
        "WHERE state = 'active' GROUP BY 3",
        "SELECT 'history', 'all', 0, COUNT(*) FROM conversations WHERE state = 'closed'",
        "SELECT 'history', 'agent', COALESCE(agent_id, 0), COUNT(*) FROM conversations "
        "WHERE state = 'closed' GROUP BY 3",
        "SELECT 'history', 'day', COALESCE(closed_at, 0) / 86400, COUNT(*) FROM conversations "
        "WHERE state = 'closed' GROUP BY 3",
        "SELECT 'templates_sent', 'all', 0, COUNT(*) FROM messages m WHERE m.direction = 'out' "
        "AND m.kind = 'template' AND m.sent_by_user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
        "messages a WHERE a.customer_id = m.customer_id AND a.direction = 'in' AND a.id > m.id)",
        "SELECT 'templates_sent', 'agent', m.sent_by_user_id, COUNT(*) FROM messages m WHERE "
        "m.direction = 'out' AND m.kind = 'template' AND m.sent_by_user_id IS NOT NULL AND NOT "
        "EXISTS (SELECT 1 FROM messages a WHERE a.customer_id = m.customer_id AND a.direction = "
        "'in' AND a.id > m.id) GROUP BY 3",
    };
    for (const char* sql : kExpected) {
        auto query = db.prepare(sql);
        while (query.step()) {
            const auto n = query.get_int(3);
            if (n != 0) {
                expected[{query.get_text(0), query.get_text(1), query.get_int(2)}] = n;
            }
        }
    }
    std::map<Key, std::int64_t> counted;
    auto rows = db.prepare("SELECT section, dimension, key, n FROM table_counts WHERE n <> 0");
    while (rows.step()) {
        counted[{rows.get_text(0), rows.get_text(1), rows.get_int(2)}] = rows.get_int(3);
    }
    for (const auto& [key, n] : expected) {
        const auto it = counted.find(key);
        const auto got = it == counted.end() ? 0 : it->second;
        if (got != n) {
            return std::get<0>(key) + "/" + std::get<1>(key) + "/" +
                   std::to_string(std::get<2>(key)) + ": counted " + std::to_string(got) +
                   ", rows " + std::to_string(n);
        }
    }
    for (const auto& [key, n] : counted) {
        if (!expected.count(key)) {
            return std::get<0>(key) + "/" + std::get<1>(key) + "/" +
                   std::to_string(std::get<2>(key)) + ": counted " + std::to_string(n) +
                   ", no rows";
        }
    }
    auto listed =
        db.prepare("SELECT (SELECT COUNT(*) FROM unanswered_templates t JOIN messages m ON m.id = "
                   "t.message_id AND m.customer_id = t.customer_id AND m.sent_by_user_id = "
                   "t.sent_by_user_id), (SELECT COUNT(*) FROM unanswered_templates)");
    listed.step();
    if (listed.get_int(0) != listed.get_int(1)) {
        return "unanswered_templates holds rows that do not match their message";
    }
    return "";
}

} // namespace waconsole::testing
