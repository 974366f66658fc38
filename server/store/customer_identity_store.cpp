// SQL for identity matching.
#include "server/store/customer_identity_store.hpp"

namespace waconsole {
namespace {

std::optional<std::int64_t> by_column(Connection& db, const char* column,
                                      const std::string& value) {
    auto query = db.prepare(std::string("SELECT id FROM customers WHERE ") + column +
                            " = ? ORDER BY id LIMIT 1");
    query.bind(1, value);
    return query.first_int();
}

bool held_by_other(Connection& db, const char* column, const std::string& value,
                   std::int64_t customer_id) {
    auto query = db.prepare(std::string("SELECT 1 FROM customers WHERE ") + column +
                            " = ? AND id <> ? LIMIT 1");
    query.bind(1, value).bind(2, customer_id);
    return query.step();
}

void set_column(Connection& db, const char* column, const std::string& value,
                std::int64_t customer_id) {
    db.prepare(std::string("UPDATE customers SET ") + column + " = ? WHERE id = ?")
        .bind(1, value)
        .bind(2, customer_id)
        .run();
}

} // namespace

std::optional<std::int64_t> find_customer_by_identity(Connection& db,
                                                      const CustomerIdentity& identity) {
    for (const auto& [key, value] : lookup_keys(identity)) {
        std::optional<std::int64_t> found;
        switch (key) {
        case IdentityKey::user_id:
            found = by_column(db, "user_id", value);
            break;
        case IdentityKey::wa_id:
            found = by_column(db, "wa_id", value);
            if (!found) {
                if (const auto phone = phone_of_wa_id(value)) {
                    found = customer_of_alias(db, *phone);
                }
            }
            break;
        case IdentityKey::phone:
            found = customer_of_alias(db, value);
            if (!found) {
                found = by_column(db, "phone", value);
            }
            break;
        case IdentityKey::parent_user_id:
            found = by_column(db, "parent_user_id", value);
            break;
        case IdentityKey::username:
            found = by_column(db, "username", value);
            break;
        }
        if (found) {
            return found;
        }
    }
    return std::nullopt;
}

CustomerIdentity customer_identity(Connection& db, std::int64_t customer_id) {
    auto query = db.prepare(
        "SELECT user_id, parent_user_id, username, wa_id, phone FROM customers WHERE id = ?");
    query.bind(1, customer_id);
    CustomerIdentity identity;
    if (query.step()) {
        identity.user_id = query.get_optional_text(0);
        identity.parent_user_id = query.get_optional_text(1);
        identity.username = query.get_optional_text(2);
        identity.wa_id = query.get_optional_text(3);
        identity.phone = query.get_optional_text(4);
    }
    return identity;
}

void record_customer_identity(Connection& db, std::int64_t customer_id,
                              const CustomerIdentity& identity) {
    const auto stored = customer_identity(db, customer_id);
    struct Attribute {
        const char* column;
        const std::optional<std::string>& value;
        const std::optional<std::string>& current;
        bool unique; // one person's: never taken from the customer who holds it
    };
    const Attribute attributes[] = {
        {"user_id", identity.user_id, stored.user_id, true},
        {"wa_id", identity.wa_id, stored.wa_id, true},
        {"parent_user_id", identity.parent_user_id, stored.parent_user_id, false},
        {"username", identity.username, stored.username, false},
    };
    for (const auto& attribute : attributes) {
        if (attribute.value && !attribute.value->empty() && attribute.value != attribute.current &&
            !(attribute.unique &&
              held_by_other(db, attribute.column, *attribute.value, customer_id))) {
            set_column(db, attribute.column, *attribute.value, customer_id);
        }
    }
    // A phone is kept once known; a hidden one later does not erase it.
    if (identity.phone && !stored.phone) {
        set_column(db, "phone", *identity.phone, customer_id);
    }
}

std::int64_t create_customer_with_identity(Connection& db, const CustomerIdentity& identity,
                                           const std::string& name, std::int64_t now) {
    db.prepare("INSERT INTO customers (user_id, parent_user_id, username, wa_id, phone, name, "
               "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, identity.user_id)
        .bind(2, identity.parent_user_id)
        .bind(3, identity.username)
        .bind(4, identity.wa_id)
        .bind(5, identity.phone)
        .bind(6, name)
        .bind(7, now)
        .run();
    return db.last_insert_id();
}

void add_phone_alias(Connection& db, const std::string& phone, std::int64_t customer_id,
                     std::int64_t now) {
    db.prepare("INSERT INTO phone_aliases (phone, customer_id, created_at) VALUES (?, ?, ?) "
               "ON CONFLICT(phone) DO UPDATE SET customer_id = excluded.customer_id")
        .bind(1, phone)
        .bind(2, customer_id)
        .bind(3, now)
        .run();
}

std::optional<std::int64_t> customer_of_alias(Connection& db, const std::string& phone) {
    auto query = db.prepare("SELECT customer_id FROM phone_aliases WHERE phone = ?");
    query.bind(1, phone);
    return query.first_int();
}

std::optional<std::int64_t> change_user_id(Connection& db, const std::string& previous,
                                           const std::string& current,
                                           const std::optional<std::string>& parent_user_id) {
    const auto customer = by_column(db, "user_id", previous);
    if (!customer) {
        return std::nullopt;
    }
    if (!current.empty() && !held_by_other(db, "user_id", current, *customer)) {
        set_column(db, "user_id", current, *customer);
    }
    if (parent_user_id && !parent_user_id->empty()) {
        set_column(db, "parent_user_id", *parent_user_id, *customer);
    }
    return customer;
}

} // namespace waconsole
