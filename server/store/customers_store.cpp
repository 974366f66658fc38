// SQL for finding and creating customers by their WhatsApp identity.
#include "server/store/customers_store.hpp"

#include "shared/phone.hpp"

namespace waconsole {
namespace {

constexpr const char* kColumns = "SELECT id, wa_id, phone, name, opted_out FROM customers ";

CustomerRecord read_customer(const Statement& row) {
    return {row.get_int(0), row.get_optional_text(1), row.get_optional_text(2), row.get_text(3),
            row.get_int(4) != 0};
}

std::optional<CustomerRecord> first(Statement& query) {
    if (!query.step()) {
        return std::nullopt;
    }
    return read_customer(query);
}

} // namespace

std::optional<CustomerRecord> find_customer_for_number(Connection& db, const std::string& e164) {
    auto by_wa_id = db.prepare(std::string(kColumns) + "WHERE wa_id = ?");
    by_wa_id.bind(1, phone_digits(e164));
    if (auto found = first(by_wa_id)) {
        return found;
    }
    // A number Meta rewrote for someone we know (phone_aliases).
    auto by_alias =
        db.prepare(std::string(kColumns) +
                   "WHERE id = (SELECT customer_id FROM phone_aliases WHERE phone = ?)");
    by_alias.bind(1, e164);
    if (auto found = first(by_alias)) {
        return found;
    }
    auto by_phone = db.prepare(std::string(kColumns) + "WHERE phone = ? ORDER BY id LIMIT 1");
    by_phone.bind(1, e164);
    return first(by_phone);
}

std::optional<CustomerRecord> find_customer(Connection& db, std::int64_t id) {
    auto query = db.prepare(std::string(kColumns) + "WHERE id = ?");
    query.bind(1, id);
    return first(query);
}

std::int64_t create_customer(Connection& db, const std::optional<std::string>& wa_id,
                             const std::optional<std::string>& phone, const std::string& name,
                             std::int64_t now) {
    db.prepare("INSERT INTO customers (wa_id, phone, name, created_at) VALUES (?, ?, ?, ?)")
        .bind(1, wa_id)
        .bind(2, phone)
        .bind(3, name)
        .bind(4, now)
        .run();
    return db.last_insert_id();
}

std::int64_t adopt_canonical_wa_id(Connection& db, std::int64_t customer_id,
                                   const std::string& wa_id) {
    if (wa_id.empty()) {
        return customer_id;
    }
    auto owner = db.prepare("SELECT id FROM customers WHERE wa_id = ?");
    owner.bind(1, wa_id);
    if (owner.step()) {
        return owner.get_int(0);
    }
    db.prepare("UPDATE customers SET wa_id = ? WHERE id = ?")
        .bind(1, wa_id)
        .bind(2, customer_id)
        .run();
    return customer_id;
}

void delete_customer_if_unused(Connection& db, std::int64_t customer_id) {
    db.prepare("DELETE FROM customers WHERE id = ? "
               "AND NOT EXISTS (SELECT 1 FROM messages WHERE customer_id = customers.id) "
               "AND NOT EXISTS (SELECT 1 FROM conversations WHERE customer_id = customers.id)")
        .bind(1, customer_id)
        .run();
}

void set_customer_opted_out(Connection& db, std::int64_t customer_id, bool opted_out) {
    db.prepare("UPDATE customers SET opted_out = ? WHERE id = ?")
        .bind(1, opted_out ? 1 : 0)
        .bind(2, customer_id)
        .run();
}

} // namespace waconsole
