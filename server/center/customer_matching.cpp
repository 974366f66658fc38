// Finding, recording and changing customer identities.
#include "server/center/customer_matching.hpp"

#include "server/store/customer_identity_store.hpp"
#include "server/store/messages_store.hpp"

namespace waconsole {

std::int64_t match_inbound_customer(Connection& db, const CustomerIdentity& identity,
                                    const std::string& profile_name, std::int64_t now) {
    const auto found = find_customer_by_identity(db, identity);
    if (!found) {
        return create_customer_with_identity(db, identity, profile_name, now);
    }
    record_customer_identity(db, *found, identity);
    if (!profile_name.empty()) {
        db.prepare("UPDATE customers SET name = ? WHERE id = ? AND name = ''")
            .bind(1, profile_name)
            .bind(2, *found)
            .run();
    }
    return *found;
}

bool apply_identity_change(Connection& db, const IdentityChange& change, std::int64_t now) {
    std::optional<std::int64_t> customer;
    if (change.previous.user_id && change.current.user_id) {
        customer = change_user_id(db, *change.previous.user_id, *change.current.user_id,
                                  change.current.parent_user_id);
    }
    if (!customer) {
        customer = find_customer_by_identity(db, change.previous);
    }
    if (!customer) {
        customer = find_customer_by_identity(db, change.current);
    }
    if (!customer) {
        return false;
    }
    const auto before = customer_identity(db, *customer);
    if (change.kind == "user_changed_number" && change.current.wa_id &&
        change.current.wa_id != before.wa_id) {
        // The old number no longer reaches them; the new one is their wa_id and phone.
        db.prepare("UPDATE customers SET wa_id = NULL, phone = NULL WHERE id = ?")
            .bind(1, *customer)
            .run();
    }
    record_customer_identity(db, *customer, change.current);
    if (!change.wamid.empty() && !message_exists(db, change.wamid)) {
        if (const auto conversation = open_conversation_id(db, *customer)) {
            db.prepare("INSERT INTO messages (conversation_id, customer_id, direction, kind, body, "
                       "wamid, status, created_at) VALUES (?, ?, 'in', 'system', ?, ?, "
                       "'received', ?)")
                .bind(1, *conversation)
                .bind(2, *customer)
                .bind(3, change.body.empty() ? change.kind : change.body)
                .bind(4, change.wamid)
                .bind(5, change.timestamp > 0 ? change.timestamp : now)
                .run();
        }
    }
    return true;
}

} // namespace waconsole
