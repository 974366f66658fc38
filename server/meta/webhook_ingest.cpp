// One transaction per POST (or a savepoint in a shared one); statuses share their prepared
// statements.
#include "server/meta/webhook_ingest.hpp"

#include "server/center/customer_matching.hpp"
#include "server/meta/marketing_preferences.hpp"
#include "server/meta/messaging_limit.hpp"
#include "server/store/customer_identity_store.hpp"
#include "server/store/templates_store.hpp"

namespace waconsole {
namespace {

// A status names its recipient's business-scoped user id: recorded on the message's customer
// when it is not already theirs (the usual case: one read, no write). `customer_of` is
// "SELECT c.id, c.user_id FROM messages m JOIN customers c ...", prepared once for the batch.
void record_recipient_user_id(Connection& db, Statement& customer_of, const StatusUpdate& event) {
    if (event.recipient_user_id.empty()) {
        return;
    }
    customer_of.bind(1, event.wamid);
    if (!customer_of.step()) {
        customer_of.reset();
        return;
    }
    const auto customer = customer_of.get_int(0);
    const bool already = customer_of.get_text(1) == event.recipient_user_id;
    customer_of.reset();
    if (already) {
        return;
    }
    CustomerIdentity identity;
    identity.user_id = event.recipient_user_id;
    record_customer_identity(db, customer, identity);
}

} // namespace

IngestResult apply_webhook_batch(Connection& db, const WebhookBatch& batch, std::int64_t now,
                                 InboundListener* listener) {
    Transaction transaction(db);
    auto result = apply_webhook_batch_in(db, batch, now, listener);
    transaction.commit();
    return result;
}

bool has_writes(const WebhookBatch& batch) {
    return !batch.messages.empty() || !batch.statuses.empty() || !batch.template_changes.empty() ||
           !batch.identity_changes.empty() || !batch.preferences.empty() || batch.daily_limit;
}

IngestResult apply_webhook_batch_in(Connection& db, const WebhookBatch& batch, std::int64_t now,
                                    InboundListener* listener) {
    IngestResult result;
    if (!has_writes(batch)) {
        return result;
    }
    for (const auto& item : batch.messages) {
        // Checked first so a repeated message does not even create its customer.
        if (message_exists(db, item.message.wamid)) {
            ++result.duplicate_messages;
            continue;
        }
        const auto customer_id = match_inbound_customer(db, item.identity, item.profile_name, now);
        const auto stored = store_inbound_message(db, customer_id, item.message, now);
        if (!stored) {
            ++result.duplicate_messages;
            continue;
        }
        ++result.messages_stored;
        if (listener) {
            listener->on_inbound(db, customer_id, item.message, *stored, now);
        }
    }
    for (const auto& change : batch.identity_changes) {
        if (apply_identity_change(db, change, now)) {
            ++result.identity_changes;
        }
    }
    if (!batch.statuses.empty()) {
        StatusWriter writer(db);
        auto customer_of = db.prepare("SELECT c.id, COALESCE(c.user_id, '') FROM messages m "
                                      "JOIN customers c ON c.id = m.customer_id WHERE m.wamid = ?");
        for (const auto& event : batch.statuses) {
            if (writer.apply(event, now)) {
                ++result.statuses_applied;
                if (event.status == "failed" &&
                    opt_out_on_failure(db, event.error_code, event.wamid, event.message_id)) {
                    ++result.opt_out_changes;
                }
            } else {
                ++result.duplicate_statuses;
            }
            record_recipient_user_id(db, customer_of, event);
        }
    }
    for (const auto& change : batch.template_changes) {
        result.templates_updated += set_template_status(db, change.meta_id, change.name,
                                                        change.language, change.status, now);
    }
    result.opt_out_changes += apply_marketing_preferences(db, batch.preferences, now);
    if (batch.daily_limit) {
        save_daily_limit(db, *batch.daily_limit, now);
        result.daily_limit_changed = true;
    }
    return result;
}

} // namespace waconsole
