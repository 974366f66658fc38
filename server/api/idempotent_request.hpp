// Idempotency-Key on a POST route: the first request with a key runs and its answer is stored
// (idempotency_store.hpp); a repeat with the same key and body gets that answer back with
// `Idempotent-Replayed: true` and runs nothing; the same key with another body is 422
// idempotency_key_reused; a repeat while the first is still running is 409
// idempotency_key_in_flight. Keys are per user, 1 to 255 visible ASCII characters. Without the
// header the handler simply runs.
#pragma once

#include "server/api/router.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace waconsole {

// `handler(key)` answers the request into `res`. `answer_orphaned(message_id)` answers a repeat
// whose first request was cut short by a stop of the server after it stored `message_id`.
void run_idempotent(const httplib::Request& req, httplib::Response& res, RequestContext& context,
                    const std::function<void(const std::optional<std::string>& key)>& handler,
                    const std::function<void(std::int64_t message_id)>& answer_orphaned);

} // namespace waconsole
