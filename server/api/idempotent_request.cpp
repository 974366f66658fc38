// Claim, run, store; or replay.
#include "server/api/idempotent_request.hpp"

#include "server/api/http_util.hpp"
#include "server/clock.hpp"
#include "server/store/idempotency_store.hpp"

#include <sodium.h>

namespace waconsole {
namespace {

constexpr const char* kHeader = "Idempotency-Key";

bool valid_key(const std::string& key) {
    if (key.empty() || key.size() > 255) {
        return false;
    }
    for (const unsigned char c : key) {
        if (c < 0x21 || c > 0x7e) {
            return false;
        }
    }
    return true;
}

// The request's fingerprint: route and body, the body as canonical JSON when it is JSON, so a
// repeat that only reorders keys or spacing is still the same request.
std::string request_hash(const httplib::Request& req) {
    const auto parsed = nlohmann::json::parse(req.body, nullptr, false);
    const auto text =
        req.method + " " + req.path + "\n" + (parsed.is_discarded() ? req.body : parsed.dump());
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

void complete(RequestContext& context, const std::string& key, const httplib::Response& res) {
    auto db = context.services.pool.acquire();
    std::lock_guard write_lock(context.services.meta.store_write_mutex);
    complete_idempotency_key(*db, context.user.id, key, res.status, res.body);
}

} // namespace

void run_idempotent(const httplib::Request& req, httplib::Response& res, RequestContext& context,
                    const std::function<void(const std::optional<std::string>& key)>& handler,
                    const std::function<void(std::int64_t message_id)>& answer_orphaned) {
    if (!req.has_header(kHeader)) {
        return handler(std::nullopt);
    }
    const auto key = req.get_header_value(kHeader);
    if (!valid_key(key)) {
        return send_error(res,
                          validation_error(kHeader, "must be 1 to 255 visible ASCII characters "
                                                    "(letters, digits, punctuation; no spaces)"));
    }
    IdempotencyLookup lookup;
    {
        auto db = context.services.pool.acquire();
        std::lock_guard write_lock(context.services.meta.store_write_mutex);
        lookup = claim_idempotency_key(*db, context.user.id, key, request_hash(req), now_seconds());
    }
    switch (lookup.claim) {
    case IdempotencyClaim::mismatch:
        return send_error(res, make_error(422, "idempotency_key_reused",
                                          "this Idempotency-Key was already used for another "
                                          "request; use a new key for a new request"));
    case IdempotencyClaim::in_flight:
        return send_error(res, make_error(409, "idempotency_key_in_flight",
                                          "the first request with this Idempotency-Key is still "
                                          "being processed; repeat it once that one has been "
                                          "answered to get its answer"));
    case IdempotencyClaim::replay:
        res.status = *lookup.record.response_status;
        res.set_content(lookup.record.response_body, "application/json");
        res.set_header("Idempotent-Replayed", "true");
        return;
    case IdempotencyClaim::orphaned:
        answer_orphaned(*lookup.record.message_id);
        complete(context, key, res);
        res.set_header("Idempotent-Replayed", "true");
        return;
    case IdempotencyClaim::claimed:
        break;
    }
    try {
        handler(key);
    } catch (...) {
        // The request may have sent something: a repeat must not run it again.
        send_error(res, make_error(500, "internal",
                                   "the server failed while answering this request; with this "
                                   "Idempotency-Key it will not be run again"));
        complete(context, key, res);
        throw;
    }
    complete(context, key, res);
}

} // namespace waconsole
