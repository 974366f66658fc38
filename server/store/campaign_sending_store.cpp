// The campaign sender's SQL.
#include "server/store/campaign_sending_store.hpp"

namespace waconsole {

int start_due_campaigns(Connection& db, std::int64_t now) {
    db.prepare("UPDATE campaigns SET status = 'queued' WHERE status = 'scheduled' AND "
               "scheduled_at <= ?")
        .bind(1, now)
        .run();
    return db.changes();
}

std::optional<std::int64_t> next_scheduled_start(Connection& db) {
    auto query = db.prepare("SELECT MIN(scheduled_at) FROM campaigns WHERE status = 'scheduled'");
    query.step();
    return query.get_optional_int(0);
}

std::vector<std::int64_t> campaigns_to_feed(Connection& db) {
    auto query = db.prepare(
        "SELECT id FROM campaigns WHERE status IN ('queued', 'sending', 'paused') ORDER BY id");
    std::vector<std::int64_t> ids;
    while (query.step()) {
        ids.push_back(query.get_int(0));
    }
    return ids;
}

bool take_campaign_lease(Connection& db, std::int64_t campaign_id, const std::string& owner,
                         std::int64_t now, std::int64_t until) {
    db.prepare("UPDATE campaigns SET lease_owner = ?1, lease_until = ?2 WHERE id = ?3 AND "
               "(lease_owner IS NULL OR lease_owner = ?1 OR lease_until < ?4)")
        .bind(1, owner)
        .bind(2, until)
        .bind(3, campaign_id)
        .bind(4, now)
        .run();
    return db.changes() == 1;
}

void release_campaign_lease(Connection& db, std::int64_t campaign_id, const std::string& owner) {
    db.prepare("UPDATE campaigns SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND "
               "lease_owner = ?")
        .bind(1, campaign_id)
        .bind(2, owner)
        .run();
}

std::vector<RecipientToFeed> recipients_to_feed(Connection& db, std::int64_t campaign_id,
                                                int limit) {
    auto query = db.prepare(
        "SELECT id, row_number, phone, customer_id, customer_name, rendered_text, parameters "
        "FROM campaign_recipients INDEXED BY campaign_recipients_by_state "
        "WHERE campaign_id = ? AND state = 'queued' ORDER BY id LIMIT ?");
    query.bind(1, campaign_id).bind(2, limit);
    std::vector<RecipientToFeed> recipients;
    while (query.step()) {
        recipients.push_back({query.get_int(0), query.get_int(1), query.get_text(2),
                              query.get_optional_int(3), query.get_text(4), query.get_text(5),
                              query.get_text(6)});
    }
    return recipients;
}

void mark_recipient_fed(Connection& db, std::int64_t recipient_id, std::int64_t message_id) {
    // Only a recipient still queued: fed twice, the second would fail on message_id's UNIQUE or
    // change nothing here; the caller checks changes().
    db.prepare("UPDATE campaign_recipients SET state = 'fed', message_id = ? WHERE id = ? AND "
               "state = 'queued'")
        .bind(1, message_id)
        .bind(2, recipient_id)
        .run();
}

void mark_recipient_skipped(Connection& db, std::int64_t recipient_id, const std::string& reason) {
    db.prepare("UPDATE campaign_recipients SET state = 'skipped', skip_reason = ? WHERE id = ? "
               "AND state = 'queued'")
        .bind(1, reason)
        .bind(2, recipient_id)
        .run();
}

std::int64_t recipients_in_flight(Connection& db, std::int64_t campaign_id) {
    // From the queue's side, through its partial indexes: the cost is the size of the queue,
    // not of the campaign (a 100,000-recipient campaign is asked this every step). CROSS JOIN
    // keeps messages the outer loop: left free, the planner walked the pending count from the
    // campaign's recipients, every one of them each time.
    auto query =
        db.prepare("SELECT (SELECT COUNT(*) FROM messages m INDEXED BY messages_queued_by_retry "
                   "CROSS JOIN campaign_recipients r ON r.message_id = m.id "
                   "WHERE m.status = 'queued' AND r.campaign_id = ?1) + "
                   "(SELECT COUNT(*) FROM messages m INDEXED BY messages_pending "
                   "CROSS JOIN campaign_recipients r ON r.message_id = m.id "
                   "WHERE m.status = 'pending' AND r.campaign_id = ?1)");
    query.bind(1, campaign_id);
    query.step();
    return query.get_int(0);
}

bool has_recipients_to_feed(Connection& db, std::int64_t campaign_id) {
    auto query = db.prepare("SELECT 1 FROM campaign_recipients WHERE campaign_id = ? AND "
                            "state = 'queued' LIMIT 1");
    query.bind(1, campaign_id);
    return query.step();
}

std::optional<CampaignStatus> campaign_status(Connection& db, std::int64_t campaign_id) {
    auto query = db.prepare("SELECT status, resume_at, template_name, template_language, "
                            "parameter_format FROM campaigns WHERE id = ?");
    query.bind(1, campaign_id);
    if (!query.step()) {
        return std::nullopt;
    }
    return CampaignStatus{query.get_text(0), query.get_optional_int(1), query.get_text(2),
                          query.get_text(3), query.get_text(4)};
}

std::optional<std::int64_t> next_resume(Connection& db) {
    auto query = db.prepare("SELECT MIN(resume_at) FROM campaigns WHERE status = 'paused'");
    query.step();
    return query.get_optional_int(0);
}

void pause_campaign(Connection& db, std::int64_t campaign_id, std::int64_t resume_at,
                    const std::string& reason) {
    db.prepare("UPDATE campaigns SET status = 'paused', resume_at = ?, pause_reason = ? "
               "WHERE id = ?")
        .bind(1, resume_at)
        .bind(2, reason)
        .bind(3, campaign_id)
        .run();
}

DayReach reach_since(Connection& db, std::int64_t since) {
    auto query = db.prepare(
        "SELECT COUNT(DISTINCT customer_id), MIN(created_at) FROM messages "
        "INDEXED BY messages_templates_by_time "
        "WHERE direction = 'out' AND kind = 'template' AND created_at >= ? AND status != 'failed'");
    query.bind(1, since);
    query.step();
    return {query.get_int(0), query.get_optional_int(1)};
}

void set_campaign_status(Connection& db, std::int64_t campaign_id, const std::string& status,
                         std::int64_t now) {
    db.prepare("UPDATE campaigns SET status = ?1, resume_at = NULL, pause_reason = NULL, "
               "started_at = CASE WHEN ?1 = 'sending' THEN COALESCE(started_at, ?2) "
               "ELSE started_at END, "
               "finished_at = CASE WHEN ?1 IN ('completed', 'cancelled') THEN ?2 "
               "ELSE finished_at END WHERE id = ?3")
        .bind(1, status)
        .bind(2, now)
        .bind(3, campaign_id)
        .run();
}

std::int64_t cancel_unsent_recipients(Connection& db, std::int64_t campaign_id, std::int64_t now) {
    db.prepare("UPDATE campaign_recipients SET state = 'cancelled' WHERE campaign_id = ? AND "
               "state = 'queued'")
        .bind(1, campaign_id)
        .run();
    std::int64_t cancelled = db.changes();
    // Messages still in the send queue have not gone to Meta: they will not now. A message
    // `pending` is with Meta this instant and keeps its course.
    db.prepare("UPDATE messages SET status = 'failed', failed_at = ?1, error_code = 0, "
               "error_title = 'cancelled', error_retryable = 0, error_details = 'the campaign was "
               "cancelled before "
               "this message was sent', retry_at_ms = NULL WHERE status = 'queued' AND id IN "
               "(SELECT message_id FROM campaign_recipients WHERE campaign_id = ?2 AND "
               "state = 'fed')")
        .bind(1, now)
        .bind(2, campaign_id)
        .run();
    cancelled += db.changes();
    return cancelled;
}

} // namespace waconsole
