// The SQL of retries.
#include "server/store/campaign_retry_store.hpp"

namespace waconsole {

void for_each_failed_recipient(Connection& db, std::int64_t campaign_id,
                               const std::function<void(const FailedRecipient&)>& on_recipient) {
    auto query = db.prepare(
        "SELECT r.row_number, r.phone, r.customer_name, r.parameters, "
        "COALESCE(m.error_code, 0), COALESCE(m.failed_at, 0) FROM campaign_recipients r "
        "JOIN messages m ON m.id = r.message_id WHERE r.campaign_id = ? AND r.state = 'fed' "
        "AND m.status = 'failed' ORDER BY r.row_number");
    query.bind(1, campaign_id);
    while (query.step()) {
        on_recipient({query.get_int(0), query.get_text(1), query.get_text(2), query.get_text(3),
                      query.get_int(4), query.get_int(5)});
    }
}

void set_draft_retry_of(Connection& db, std::int64_t draft_id, std::int64_t campaign_id) {
    db.prepare("UPDATE campaign_drafts SET retry_of = ? WHERE id = ?")
        .bind(1, campaign_id)
        .bind(2, draft_id)
        .run();
}

std::optional<std::int64_t> draft_retry_of(Connection& db, std::int64_t draft_id) {
    auto query = db.prepare("SELECT retry_of FROM campaign_drafts WHERE id = ?");
    query.bind(1, draft_id);
    if (!query.step()) {
        return std::nullopt;
    }
    return query.get_optional_int(0);
}

void set_campaign_retry_of(Connection& db, std::int64_t campaign_id, std::int64_t original_id) {
    db.prepare("UPDATE campaigns SET retry_of = ? WHERE id = ?")
        .bind(1, original_id)
        .bind(2, campaign_id)
        .run();
}

} // namespace waconsole
