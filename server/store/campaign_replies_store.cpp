// The SQL of replies.
#include "server/store/campaign_replies_store.hpp"

namespace waconsole {

std::optional<std::int64_t> recipient_by_row(Connection& db, std::int64_t campaign_id,
                                             std::int64_t row_number, std::int64_t customer_id) {
    auto query = db.prepare("SELECT r.id FROM campaign_recipients r JOIN messages m "
                            "ON m.id = r.message_id WHERE r.campaign_id = ? AND r.row_number = ? "
                            "AND m.customer_id = ?");
    query.bind(1, campaign_id).bind(2, row_number).bind(3, customer_id);
    return query.first_int();
}

std::optional<std::int64_t> recipient_by_wamid(Connection& db, const std::string& wamid,
                                               std::int64_t customer_id) {
    auto query = db.prepare("SELECT r.id FROM messages m JOIN campaign_recipients r "
                            "ON r.message_id = m.id WHERE m.wamid = ? AND m.customer_id = ?");
    query.bind(1, wamid).bind(2, customer_id);
    return query.first_int();
}

std::optional<std::int64_t> newest_unanswered_recipient(Connection& db, std::int64_t customer_id,
                                                        std::int64_t since) {
    // messages_by_customer walks this customer's messages newest first.
    auto query = db.prepare(
        "SELECT r.id FROM messages m JOIN campaign_recipients r ON r.message_id = m.id "
        "WHERE m.customer_id = ? AND m.direction = 'out' AND m.kind = 'template' "
        "AND m.created_at >= ? AND r.replied_at IS NULL "
        "AND m.status IN ('accepted', 'sent', 'delivered', 'read', 'unknown', 'unresolved') "
        "ORDER BY m.id DESC LIMIT 1");
    query.bind(1, customer_id).bind(2, since);
    return query.first_int();
}

bool mark_recipient_replied(Connection& db, std::int64_t recipient_id, std::int64_t at) {
    db.prepare("UPDATE campaign_recipients SET replied_at = ? WHERE id = ? AND replied_at IS NULL")
        .bind(1, at)
        .bind(2, recipient_id)
        .run();
    return db.changes() == 1;
}

} // namespace waconsole
