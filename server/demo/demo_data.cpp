// The demo contact center.
#include "server/demo/demo_data.hpp"

#include "server/store/settings_store.hpp"
#include "server/store/users_store.hpp"
#include "shared/service_window.hpp"

#include <array>
#include <string>
#include <vector>

namespace waconsole {
namespace {

constexpr std::array<const char*, 24> kFirstNames = {
    "Zoë",   "Алексей", "María", "Jean",   "Γιώργος", "Fatima", "Lukas", "Sofía",
    "Chloé", "Ольга",   "Pedro", "Aisha",  "Mateo",   "Inès",   "Björn", "Lucía",
    "Yusuf", "Hélène",  "Diego", "Ingrid", "Noé",     "Eleni",  "Tomás", "Dmitri"};
constexpr std::array<const char*, 20> kLastNames = {
    "Ñúñez",   "Смирнов", "García",    "Dupont", "Παπαδόπουλος", "Haddad", "Müller",
    "Álvarez", "Lefèvre", "Ivanova",   "Santos", "Rahman",       "Rossi",  "Østergaard",
    "Peña",    "Kovač",   "Fernández", "Şahin",  "Nakamura",     "Moreau"};
constexpr std::array<const char*, 8> kCountryPrefixes = {"+34", "+7",  "+52", "+33",
                                                         "+30", "+49", "+55", "+39"};
constexpr std::array<const char*, 10> kCustomerTexts = {
    "Hola, quiero saber el estado de mi pedido",
    "Can I change my delivery address?",
    "Bonjour, ma facture est incorrecte",
    "Добрый день, не приходит код подтверждения",
    "I was charged twice this month",
    "¿Tienen el modelo en color azul?",
    "Thanks! And when will it arrive?",
    "Γεια σας, θέλω να ακυρώσω την παραγγελία",
    "My card was declined, what can I do?",
    "Ok 👍 perfect"};
constexpr std::array<const char*, 4> kCloseReasons = {"Resolved", "Customer left",
                                                      "Transferred to email", "Duplicate"};

// A small deterministic generator so demo data is identical on every machine.
struct DemoRandom {
    std::uint32_t state = 20261123;
    std::uint32_t next() {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint32_t>(n)); }
};

std::int64_t insert_customer(Connection& db, DemoRandom& random, int index, std::int64_t now) {
    std::string name =
        std::string(kFirstNames[static_cast<std::size_t>(index) % kFirstNames.size()]) + " " +
        kLastNames[static_cast<std::size_t>(index) % kLastNames.size()];
    // The first two customers are the ones the tests look for by name.
    std::string prefix = kCountryPrefixes[static_cast<std::size_t>(random.below(8))];
    std::string digits = std::to_string(600000000 + index * 7919 + random.below(1000));
    std::string phone = prefix + digits;
    std::string email = "customer" + std::to_string(index + 1) + "@example.com";
    db.prepare("INSERT INTO customers (wa_id, phone, name, email, custom_fields, created_at) "
               "VALUES (?,?,?,?,?,?)")
        .bind(1, phone.substr(1))
        .bind(2, phone)
        .bind(3, name)
        .bind(4, email)
        .bind(5, std::string(R"({"city":"Madrid","plan":"gold"})"))
        .bind(6, now - 90 * 86400 + index * 600)
        .run();
    return db.last_insert_id();
}

struct DemoConversation {
    std::int64_t customer_id = 0;
    const char* state = "active";
    std::optional<std::int64_t> skillset_id;
    std::optional<std::int64_t> agent_id;
    std::optional<std::int64_t> reserved_for_user_id;
    bool handled = false;
    std::int64_t started_at = 0;
    std::int64_t last_customer_message_at = 0;
    std::string last_text;
    std::optional<std::int64_t> closed_at;
    std::optional<std::string> close_reason;
};

void insert_conversation(Connection& db, const DemoConversation& c, DemoRandom& random) {
    db.prepare("INSERT INTO conversations (customer_id, state, skillset_id, agent_id, started_at, "
               "queued_at, assigned_at, last_customer_message_at, last_customer_text, closed_at, "
               "close_reason, licence_type, reserved_for_user_id, handled, menus_sent, "
               "first_agent_reply_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?)")
        .bind(1, c.customer_id)
        .bind(2, c.state)
        .bind(3, c.skillset_id)
        .bind(4, c.agent_id)
        .bind(5, c.started_at)
        .bind(6, c.skillset_id ? std::optional<std::int64_t>(c.started_at + 30) : std::nullopt)
        .bind(7, c.agent_id ? std::optional<std::int64_t>(c.started_at + 60) : std::nullopt)
        .bind(8, c.last_customer_message_at)
        .bind(9, c.last_text)
        .bind(10, c.closed_at)
        .bind(11, c.close_reason)
        .bind(12, std::string("standard"))
        .bind(13, c.reserved_for_user_id)
        .bind(14, c.handled ? 1 : 0)
        .bind(15, c.handled && std::string(c.state) != "waiting"
                      ? std::optional<std::int64_t>(c.started_at + 90)
                      : std::nullopt)
        .run();
    const auto conversation_id = db.last_insert_id();

    auto message =
        db.prepare("INSERT INTO messages (conversation_id, customer_id, direction, kind, "
                   "body, sent_by_user_id, status, created_at, sent_at, delivered_at, "
                   "read_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    auto add = [&](const char* direction, const std::string& body, std::optional<std::int64_t> by,
                   std::int64_t at) {
        const bool inbound = std::string(direction) == "in";
        message.reset();
        message.bind(1, conversation_id)
            .bind(2, c.customer_id)
            .bind(3, direction)
            .bind(4, "text")
            .bind(5, body)
            .bind(6, by)
            .bind(7, inbound ? "received" : "read")
            .bind(8, at)
            .bind(9, inbound ? std::nullopt : std::optional<std::int64_t>(at))
            .bind(10, inbound ? std::nullopt : std::optional<std::int64_t>(at + 2))
            .bind(11, inbound ? std::nullopt : std::optional<std::int64_t>(at + 20))
            .run();
    };
    add("in", kCustomerTexts[static_cast<std::size_t>(random.below(10))], std::nullopt,
        c.started_at);
    add("out", "Hi! Type 1 for Sales, 2 for Support, 3 for Billing.", std::nullopt,
        c.started_at + 1);
    if (c.skillset_id) {
        add("in", std::to_string(*c.skillset_id), std::nullopt, c.started_at + 25);
    }
    if (c.agent_id && std::string(c.state) != "waiting") {
        add("out", "Hello, thanks for waiting. How can I help you?", c.agent_id, c.started_at + 90);
    }
    add("in", c.last_text, std::nullopt, c.last_customer_message_at);
}

} // namespace

bool seed_demo_data(Connection& db, std::int64_t now, const DemoCounts& counts) {
    Transaction transaction(db);
    if (count_users(db) > 0) {
        return false;
    }
    DemoRandom random;

    create_user(
        db, {"Ana Admin", kDemoAdminEmail, Role::admin, kDemoAdminPassword, Presence::offline, 0},
        now);
    const std::vector<std::pair<const char*, int>> skillsets = {
        {"Sales", 1}, {"Support", 2}, {"Billing", 3}};
    std::vector<std::int64_t> skillset_ids;
    for (const auto& [name, digit] : skillsets) {
        db.prepare("INSERT INTO skillsets (name, menu_digit) VALUES (?,?)")
            .bind(1, name)
            .bind(2, digit)
            .run();
        skillset_ids.push_back(db.last_insert_id());
    }
    struct DemoAgent {
        const char* name;
        const char* email;
        Presence presence;
        std::vector<int> skills; // indexes into skillset_ids
    };
    const std::vector<DemoAgent> agents = {
        {"Bruno Díaz", "bruno@waconsole.local", Presence::ready, {0, 1}},
        {"Carla Méndez", "carla@waconsole.local", Presence::ready, {1}},
        {"Dmitri Volkov", "dmitri@waconsole.local", Presence::busy, {1, 2}},
        {"Elena Petrova", "elena@waconsole.local", Presence::away, {0}},
        {"Farid Haddad", "farid@waconsole.local", Presence::ready, {2}},
        {"Greta Nilsson", "greta@waconsole.local", Presence::offline, {0, 2}},
    };
    std::vector<std::int64_t> agent_ids;
    std::vector<std::vector<std::int64_t>> agents_of_skillset(skillset_ids.size());
    for (const auto& agent : agents) {
        const auto id = create_user(
            db, {agent.name, agent.email, Role::agent, kDemoAgentPassword, agent.presence, 4}, now);
        agent_ids.push_back(id);
        for (const int skill : agent.skills) {
            agents_of_skillset[static_cast<std::size_t>(skill)].push_back(id);
            db.prepare("INSERT INTO user_skillsets (user_id, skillset_id) VALUES (?,?)")
                .bind(1, id)
                .bind(2, skillset_ids[static_cast<std::size_t>(skill)])
                .run();
        }
    }

    std::vector<std::int64_t> customer_ids;
    for (int i = 0; i < counts.customers; ++i) {
        customer_ids.push_back(insert_customer(db, random, i, now));
    }
    std::size_t next_customer = 0;
    auto take_customer = [&] { return customer_ids[next_customer++ % customer_ids.size()]; };
    auto text = [&] {
        return std::string(kCustomerTexts[static_cast<std::size_t>(random.below(10))]);
    };
    auto pick = [&](const std::vector<std::int64_t>& ids) {
        return ids[static_cast<std::size_t>(random.below(static_cast<int>(ids.size())))];
    };

    auto skilled_agent = [&](std::int64_t skillset_id) {
        for (std::size_t i = 0; i < skillset_ids.size(); ++i) {
            if (skillset_ids[i] == skillset_id) {
                return pick(agents_of_skillset[i]);
            }
        }
        return pick(agent_ids);
    };

    for (int i = 0; i < counts.active; ++i) {
        DemoConversation c;
        c.customer_id = take_customer();
        c.state = "active";
        c.skillset_id = pick(skillset_ids);
        c.agent_id = skilled_agent(*c.skillset_id);
        c.handled = true;
        // Most chats are current; every fifth has gone quiet for more than a day (window closed).
        c.started_at = now - 600 - i * 1800 - (i % 5 == 4 ? 2 * 86400 : 0);
        c.last_customer_message_at = c.started_at + 300 + random.below(600);
        c.last_text = text();
        insert_conversation(db, c, random);
    }
    for (int i = 0; i < counts.waiting; ++i) {
        DemoConversation c;
        c.customer_id = take_customer();
        c.state = "waiting";
        c.skillset_id = pick(skillset_ids);
        // A third each: assigned and not answered yet, reserved for one agent, in the waitlist.
        if (i % 3 == 0) {
            c.agent_id = skilled_agent(*c.skillset_id);
            c.handled = true;
        } else if (i % 3 == 1) {
            c.reserved_for_user_id = skilled_agent(*c.skillset_id);
        }
        c.started_at = now - 120 - i * 240;
        c.last_customer_message_at = c.started_at + 40;
        c.last_text = text();
        insert_conversation(db, c, random);
    }
    for (int i = 0; i < counts.unmanaged; ++i) {
        DemoConversation c;
        c.customer_id = take_customer();
        c.state = "bot";
        c.started_at = now - 300 - i * 3000; // all inside their 24-hour window
        c.last_customer_message_at = c.started_at + 5;
        c.last_text = text();
        insert_conversation(db, c, random);
    }
    for (int i = 0; i < counts.unmanaged_closed; ++i) {
        // Bot-only until the window closed: unmanaged, closed, never an agent's.
        DemoConversation c;
        c.customer_id = take_customer();
        c.state = "closed";
        c.started_at = now - 2 * 86400 - i * 7200;
        c.last_customer_message_at = c.started_at + 5;
        c.last_text = text();
        c.closed_at = c.last_customer_message_at + kServiceWindowSeconds;
        c.close_reason = "window_expired";
        insert_conversation(db, c, random);
    }
    std::vector<std::int64_t> history_customers;
    for (int i = 0; i < counts.closed; ++i) {
        DemoConversation c;
        c.customer_id = take_customer();
        c.state = "closed";
        c.skillset_id = pick(skillset_ids);
        c.agent_id = skilled_agent(*c.skillset_id);
        c.handled = true;
        c.started_at = now - 86400 - i * 5400;
        c.last_customer_message_at = c.started_at + 900;
        c.last_text = text();
        c.closed_at = c.started_at + 1800;
        c.close_reason = kCloseReasons[static_cast<std::size_t>(random.below(4))];
        insert_conversation(db, c, random);
        history_customers.push_back(c.customer_id);
    }
    // Single templates agents sent to customers of the history, newer than anything they wrote.
    for (int i = 0; i < counts.templates_sent && !history_customers.empty(); ++i) {
        const auto customer =
            history_customers[history_customers.size() - 1 -
                              static_cast<std::size_t>(i) % history_customers.size()];
        const auto at = now - 1800 - i * 3600;
        const bool read = i % 2 == 0;
        db.prepare("INSERT INTO messages (customer_id, direction, kind, body, sent_by_user_id, "
                   "template_name, template_language, wamid, status, created_at, sent_at, "
                   "delivered_at, read_at) VALUES (?, 'out', 'template', ?, ?, 'order_update', "
                   "'es_MX', ?, ?, ?, ?, ?, ?)")
            .bind(1, customer)
            .bind(2, std::string("Hola, tu pedido A-10") + std::to_string(40 + i) +
                         " está en camino. ¿Quieres cambiar la entrega?")
            .bind(3, pick(agent_ids))
            .bind(4, "wamid.demo-template-" + std::to_string(i + 1))
            .bind(5, read ? "read" : "delivered")
            .bind(6, at)
            .bind(7, at + 1)
            .bind(8, at + 3)
            .bind(9, read ? std::optional<std::int64_t>(at + 120) : std::nullopt)
            .run();
    }
    // A few customers asked for no campaigns (the wizard's review rejects them), and the
    // portfolio's daily limit is known, as a real account's would be once read from Meta.
    db.prepare("UPDATE customers SET opted_out = 1 WHERE id % 15 = 0").run();
    save_setting(db, kMessagingLimitSetting, "TIER_1K", now);
    transaction.commit();
    return true;
}

} // namespace waconsole
