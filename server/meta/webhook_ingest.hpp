// Applies one webhook POST to the database in one transaction: inbound messages (customer found
// or created by wa_id, conversation found or opened), statuses (forward only, every time kept)
// and template status changes. A repeated POST changes nothing.
#pragma once

#include "server/meta/webhook_payload.hpp"
#include "server/store/database.hpp"

#include <cstdint>

namespace waconsole {

struct IngestResult {
    int messages_stored = 0;
    int duplicate_messages = 0;
    int statuses_applied = 0;
    int duplicate_statuses = 0;
    int templates_updated = 0;
};

IngestResult apply_webhook_batch(Connection& db, const WebhookBatch& batch, std::int64_t now);

} // namespace waconsole
