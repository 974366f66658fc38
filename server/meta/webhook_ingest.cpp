// One transaction per POST; statuses share their prepared statements.
#include "server/meta/webhook_ingest.hpp"

#include "server/store/customers_store.hpp"
#include "server/store/templates_store.hpp"

namespace waconsole {

IngestResult apply_webhook_batch(Connection& db, const WebhookBatch& batch, std::int64_t now) {
    IngestResult result;
    if (batch.messages.empty() && batch.statuses.empty() && batch.template_changes.empty()) {
        return result;
    }
    Transaction transaction(db);
    for (const auto& item : batch.messages) {
        // Checked first so a repeated message does not even create its customer.
        if (message_exists(db, item.message.wamid)) {
            ++result.duplicate_messages;
            continue;
        }
        const auto customer_id =
            find_or_create_customer_by_wa_id(db, item.from, item.profile_name, now);
        if (store_inbound_message(db, customer_id, item.message, now)) {
            ++result.messages_stored;
        } else {
            ++result.duplicate_messages;
        }
    }
    if (!batch.statuses.empty()) {
        StatusWriter writer(db);
        for (const auto& event : batch.statuses) {
            if (writer.apply(event, now)) {
                ++result.statuses_applied;
            } else {
                ++result.duplicate_statuses;
            }
        }
    }
    for (const auto& change : batch.template_changes) {
        result.templates_updated += set_template_status(db, change.meta_id, change.name,
                                                        change.language, change.status, now);
    }
    transaction.commit();
    return result;
}

} // namespace waconsole
