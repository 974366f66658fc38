// Idempotency keys of POST /api/messages/*, per user, kept in SQLite so they outlive a restart.
// The first request with a key claims it; its answer is stored when it is given, and every
// repeat (same body) gets that answer back. A claim left by a run of the server that stopped
// mid-request is recognised by its run id: if its message was stored the message's present
// state answers, otherwise nothing was sent and the key may be claimed again.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace waconsole {

struct IdempotencyRecord {
    std::string request_hash;
    std::optional<int> response_status; // nullopt while the first request is in flight
    std::string response_body;
    std::optional<std::int64_t> message_id; // the message the first request stored, if any
};

enum class IdempotencyClaim {
    claimed,   // ours now: run the request, then complete_idempotency_key
    replay,    // answered before: send record.response_* back
    in_flight, // the first request is still running in this server
    mismatch,  // the key was used for another request
    orphaned,  // claimed by a run that stopped mid-request after storing record.message_id
};

struct IdempotencyLookup {
    IdempotencyClaim claim = IdempotencyClaim::claimed;
    IdempotencyRecord record;
};

// A random id of this run of the server.
const std::string& this_run_id();

// Claims (user, key) for a request whose fingerprint is `request_hash`, in its own write
// transaction. The caller holds no transaction.
IdempotencyLookup claim_idempotency_key(Connection& db, std::int64_t user_id,
                                        const std::string& key, const std::string& request_hash,
                                        std::int64_t now);
// Inside the transaction that stores the request's message.
void link_idempotency_key(Connection& db, std::int64_t user_id, const std::string& key,
                          std::int64_t message_id);
void complete_idempotency_key(Connection& db, std::int64_t user_id, const std::string& key,
                              int response_status, const std::string& response_body);
// Keys first used before `cutoff` (epoch seconds) are forgotten.
int prune_idempotency_keys(Connection& db, std::int64_t cutoff);

} // namespace waconsole
