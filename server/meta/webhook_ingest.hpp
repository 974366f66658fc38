// Applies one webhook POST to the database in one transaction: inbound messages (customer
// matched on any part of their identity, conversation found or opened, then the listener — the
// bot — decides in the same transaction), identity changes, statuses (forward only, every time
// kept) and template status changes. A repeated POST changes nothing.
#pragma once

#include "server/meta/webhook_payload.hpp"
#include "server/store/database.hpp"

#include <cstdint>
#include <vector>

namespace waconsole {

struct IngestResult {
    int messages_stored = 0;
    int duplicate_messages = 0;
    int statuses_applied = 0;
    int duplicate_statuses = 0;
    int templates_updated = 0;
    int identity_changes = 0;
    int opt_out_changes = 0;          // customers opted out or back in (131050, user_preferences)
    bool daily_limit_changed = false; // business_capability_update
};

// Told of each inbound message as it is stored, inside the ingest transaction, so what it
// decides commits (or rolls back) with the message.
class InboundListener {
public:
    virtual ~InboundListener() = default;
    virtual void on_inbound(Connection& db, std::int64_t customer_id, const InboundMessage& message,
                            const StoredInbound& stored, std::int64_t now) = 0;
};

// Tells several listeners, in order.
class InboundListeners : public InboundListener {
public:
    explicit InboundListeners(std::vector<InboundListener*> listeners)
        : m_listeners(std::move(listeners)) {}
    void on_inbound(Connection& db, std::int64_t customer_id, const InboundMessage& message,
                    const StoredInbound& stored, std::int64_t now) override {
        for (auto* listener : m_listeners) {
            listener->on_inbound(db, customer_id, message, stored, now);
        }
    }

private:
    std::vector<InboundListener*> m_listeners;
};

// Whether the batch has anything to write (not only account errors or other numbers' changes).
bool has_writes(const WebhookBatch& batch);

IngestResult apply_webhook_batch(Connection& db, const WebhookBatch& batch, std::int64_t now,
                                 InboundListener* listener = nullptr);
// The same in the caller's transaction (or savepoint).
IngestResult apply_webhook_batch_in(Connection& db, const WebhookBatch& batch, std::int64_t now,
                                    InboundListener* listener = nullptr);

} // namespace waconsole
