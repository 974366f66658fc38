// SQL for idempotency keys.
#include "server/store/idempotency_store.hpp"

#include <random>

namespace waconsole {

const std::string& this_run_id() {
    static const std::string id = [] {
        std::random_device random;
        std::mt19937_64 generator((static_cast<std::uint64_t>(random()) << 32) ^ random());
        return std::to_string(generator());
    }();
    return id;
}

IdempotencyLookup claim_idempotency_key(Connection& db, std::int64_t user_id,
                                        const std::string& key, const std::string& request_hash,
                                        std::int64_t now) {
    Transaction transaction(db);
    IdempotencyLookup lookup;
    std::string claimed_by;
    {
        auto query = db.prepare("SELECT request_hash, response_status, response_body, message_id, "
                                "claimed_by FROM idempotency_keys WHERE user_id = ? AND key = ?");
        query.bind(1, user_id).bind(2, key);
        if (!query.step()) {
            db.prepare("INSERT INTO idempotency_keys (user_id, key, request_hash, claimed_by, "
                       "created_at) VALUES (?, ?, ?, ?, ?)")
                .bind(1, user_id)
                .bind(2, key)
                .bind(3, request_hash)
                .bind(4, this_run_id())
                .bind(5, now)
                .run();
            transaction.commit();
            return lookup;
        }
        lookup.record.request_hash = query.get_text(0);
        if (const auto status = query.get_optional_int(1)) {
            lookup.record.response_status = static_cast<int>(*status);
        }
        lookup.record.response_body = query.get_text(2);
        lookup.record.message_id = query.get_optional_int(3);
        claimed_by = query.get_text(4);
    }
    if (lookup.record.request_hash != request_hash) {
        lookup.claim = IdempotencyClaim::mismatch;
    } else if (lookup.record.response_status) {
        lookup.claim = IdempotencyClaim::replay;
    } else if (claimed_by == this_run_id()) {
        lookup.claim = IdempotencyClaim::in_flight;
    } else if (lookup.record.message_id) {
        lookup.claim = IdempotencyClaim::orphaned;
    } else {
        // The run that claimed it stopped before storing a message: nothing was sent.
        db.prepare("UPDATE idempotency_keys SET claimed_by = ?, created_at = ? "
                   "WHERE user_id = ? AND key = ?")
            .bind(1, this_run_id())
            .bind(2, now)
            .bind(3, user_id)
            .bind(4, key)
            .run();
        lookup.claim = IdempotencyClaim::claimed;
    }
    transaction.commit();
    return lookup;
}

void link_idempotency_key(Connection& db, std::int64_t user_id, const std::string& key,
                          std::int64_t message_id) {
    db.prepare("UPDATE idempotency_keys SET message_id = ? WHERE user_id = ? AND key = ?")
        .bind(1, message_id)
        .bind(2, user_id)
        .bind(3, key)
        .run();
}

void complete_idempotency_key(Connection& db, std::int64_t user_id, const std::string& key,
                              int response_status, const std::string& response_body) {
    db.prepare("UPDATE idempotency_keys SET response_status = ?, response_body = ? "
               "WHERE user_id = ? AND key = ?")
        .bind(1, response_status)
        .bind(2, response_body)
        .bind(3, user_id)
        .bind(4, key)
        .run();
}

int prune_idempotency_keys(Connection& db, std::int64_t cutoff) {
    db.prepare("DELETE FROM idempotency_keys WHERE created_at < ?").bind(1, cutoff).run();
    return db.changes();
}

} // namespace waconsole
