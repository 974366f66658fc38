// Idempotency keys in SQLite: claimed once, answered from the store, per user, and a claim left
// by a stopped run is told from one in flight.
#include "server/store/idempotency_store.hpp"
#include "server/store/migrations.hpp"
#include "server/store/users_store.hpp"
#include "test_server.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

namespace {

struct KeysDb {
    testing::TempDir dir;
    Connection db{(dir.path / "keys.db").string()};
    std::int64_t ana = 0;
    std::int64_t bruno = 0;
    KeysDb() {
        apply_migrations(db);
        ana = create_user(db, {"Ana", "ana@example.com", Role::admin, "ana-password"}, 1);
        bruno = create_user(db, {"Bruno", "bruno@example.com", Role::agent, "bruno-password"}, 1);
    }
    // The state a run that stopped mid-request leaves: claimed by another run, no answer.
    void left_by_stopped_run(std::int64_t user, const std::string& key,
                             std::optional<std::int64_t> message_id) {
        db.prepare("UPDATE idempotency_keys SET claimed_by = 'a-stopped-run', "
                   "response_status = NULL, response_body = NULL, message_id = ? "
                   "WHERE user_id = ? AND key = ?")
            .bind(1, message_id)
            .bind(2, user)
            .bind(3, key)
            .run();
    }
};

} // namespace

TEST_CASE("a key is claimed once and then answers from the store") {
    KeysDb t;
    CHECK(claim_idempotency_key(t.db, t.ana, "k1", "hash-a", 10).claim ==
          IdempotencyClaim::claimed);
    CHECK(claim_idempotency_key(t.db, t.ana, "k1", "hash-a", 11).claim ==
          IdempotencyClaim::in_flight);
    CHECK(claim_idempotency_key(t.db, t.ana, "k1", "hash-b", 11).claim ==
          IdempotencyClaim::mismatch);
    complete_idempotency_key(t.db, t.ana, "k1", 202, R"({"message":{"id":7}})");
    const auto replay = claim_idempotency_key(t.db, t.ana, "k1", "hash-a", 12);
    CHECK(replay.claim == IdempotencyClaim::replay);
    CHECK(replay.record.response_status == 202);
    CHECK(replay.record.response_body == R"({"message":{"id":7}})");
    // Another user's key of the same name is theirs.
    CHECK(claim_idempotency_key(t.db, t.bruno, "k1", "hash-b", 12).claim ==
          IdempotencyClaim::claimed);
}

TEST_CASE("a claim left by a stopped run answers from its message, or is taken over when it "
          "stored none") {
    KeysDb t;
    claim_idempotency_key(t.db, t.ana, "with-message", "h", 10);
    t.left_by_stopped_run(t.ana, "with-message", 42);
    const auto orphaned = claim_idempotency_key(t.db, t.ana, "with-message", "h", 20);
    CHECK(orphaned.claim == IdempotencyClaim::orphaned);
    CHECK(orphaned.record.message_id == 42);

    claim_idempotency_key(t.db, t.ana, "nothing-stored", "h", 10);
    t.left_by_stopped_run(t.ana, "nothing-stored", std::nullopt);
    CHECK(claim_idempotency_key(t.db, t.ana, "nothing-stored", "h", 20).claim ==
          IdempotencyClaim::claimed);
    CHECK(claim_idempotency_key(t.db, t.ana, "nothing-stored", "h", 21).claim ==
          IdempotencyClaim::in_flight);
}

TEST_CASE("keys older than their day are forgotten") {
    KeysDb t;
    claim_idempotency_key(t.db, t.ana, "old", "h", 100);
    claim_idempotency_key(t.db, t.ana, "new", "h", 200);
    CHECK(prune_idempotency_keys(t.db, 150) == 1);
    CHECK(claim_idempotency_key(t.db, t.ana, "old", "other", 300).claim ==
          IdempotencyClaim::claimed);
    CHECK(claim_idempotency_key(t.db, t.ana, "new", "other", 300).claim ==
          IdempotencyClaim::mismatch);
}
