// The contact center fixture.
#include "center_fixture.hpp"

#include "server/store/migrations.hpp"
#include "server/store/users_store.hpp"

namespace waconsole::testing {

CenterFixture::CenterFixture() {
    ServerConfig config;
    config.db_path = (m_dir.path / "center.db").string();
    m_services = std::make_unique<Services>(config);
    auto connection = db();
    apply_migrations(*connection);
}

CenterFixture::~CenterFixture() {
    m_services->center.routing.stop();
}

std::int64_t CenterFixture::skillset(const std::string& name, std::optional<int> digit) {
    auto connection = db();
    connection->prepare("INSERT INTO skillsets (name, menu_digit) VALUES (?, ?)")
        .bind(1, name)
        .bind(2, digit)
        .run();
    return connection->last_insert_id();
}

std::int64_t CenterFixture::agent(const std::string& name,
                                  const std::vector<std::int64_t>& skillsets, int capacity,
                                  const std::string& presence, std::int64_t idle_since_ms) {
    auto connection = db();
    // A fixed hash: hashing a password per agent would make big tests slow.
    connection
        ->prepare("INSERT INTO users (name, email, role, password_hash, presence, presence_since, "
                  "max_concurrent_chats, created_at, last_assigned_at) "
                  "VALUES (?, ?, 'agent', 'x', ?, 0, ?, 0, ?)")
        .bind(1, name)
        .bind(2, name + "@test.local")
        .bind(3, presence)
        .bind(4, capacity)
        .bind(5, idle_since_ms)
        .run();
    const auto id = connection->last_insert_id();
    for (const auto skillset : skillsets) {
        connection->prepare("INSERT INTO user_skillsets (user_id, skillset_id) VALUES (?, ?)")
            .bind(1, id)
            .bind(2, skillset)
            .run();
    }
    return id;
}

std::int64_t CenterFixture::customer(const std::string& phone) {
    auto connection = db();
    connection->prepare("INSERT INTO customers (wa_id, phone, name, created_at) VALUES (?,?,?,0)")
        .bind(1, phone.substr(1))
        .bind(2, phone)
        .bind(3, "Customer " + phone)
        .run();
    return connection->last_insert_id();
}

std::int64_t CenterFixture::waiting(std::int64_t skillset, std::int64_t queued_at,
                                    std::int64_t priority) {
    const auto customer_id = customer("+3460000" + std::to_string(1000 + m_next_phone++));
    auto connection = db();
    connection
        ->prepare("INSERT INTO conversations (customer_id, state, skillset_id, started_at, "
                  "queued_at, queue_priority, last_customer_message_at) "
                  "VALUES (?, 'waiting', ?, ?, ?, ?, ?)")
        .bind(1, customer_id)
        .bind(2, skillset)
        .bind(3, queued_at)
        .bind(4, queued_at)
        .bind(5, priority)
        .bind(6, queued_at)
        .run();
    return connection->last_insert_id();
}

std::int64_t CenterFixture::bot_conversation(std::int64_t customer_id,
                                             std::int64_t last_message_at) {
    auto connection = db();
    connection
        ->prepare("INSERT INTO conversations (customer_id, state, started_at, "
                  "last_customer_message_at) VALUES (?, 'bot', ?, ?)")
        .bind(1, customer_id)
        .bind(2, last_message_at)
        .bind(3, last_message_at)
        .run();
    return connection->last_insert_id();
}

routing::CycleResult CenterFixture::cycle(std::int64_t now_ms) {
    return m_services->center.routing.run_cycle(*m_services, now_ms);
}

std::int64_t CenterFixture::scalar(const std::string& sql) {
    return optional_scalar(sql).value_or(0);
}

std::optional<std::int64_t> CenterFixture::optional_scalar(const std::string& sql) {
    auto connection = db();
    auto query = connection->prepare(sql);
    if (!query.step()) {
        return std::nullopt;
    }
    return query.get_optional_int(0);
}

} // namespace waconsole::testing
