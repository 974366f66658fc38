// "Retry failed": a new campaign of an ended campaign's retryable failures, through the same
// wizard and review as any other. The retry is a draft whose rows are the failed recipients with
// the values each was sent (one column per variable, every variable bound to its column), so the
// review renders the same text, checks every number, opt-out and active conversation again, and
// Confirm stores a new campaign that remembers the one it retries (campaigns.retry_of).
// Retryable: Meta's transient refusals (rate limits, its own trouble, the spam rate limit 131048)
// and the per-user marketing cap 131049 once 24 hours have passed since the failure. Never:
// undeliverable (131026), outside the window (131047), stopped marketing (131050), template and
// parameter errors (132xxx, 131008, 131009), account and number errors, cancelled sends.
#pragma once

#include "server/campaigns/campaign_drafts.hpp"

#include <cstdint>

namespace waconsole {

// Whether a failure with Meta's `code` may be sent again `seconds_since_failure` later.
bool is_retryable_failure(std::int64_t code, std::int64_t seconds_since_failure);

// 200 {"draft":{...as get_draft},"retry":{"of","recipients","held_back":[{"code","count",
// "reason"}]}}; 404 no such campaign; 409 still sending or scheduled; 422 nothing to retry.
DraftAnswer retry_failed(Connection& db, std::int64_t campaign_id, std::int64_t user_id,
                         std::int64_t now);

} // namespace waconsole
