// Finding the campaign recipient a customer's message answers, and marking it replied. No
// transactions here: the webhook's ingest holds one.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace waconsole {

// The recipient of row `row_number` of a campaign, if its message went to `customer_id`.
std::optional<std::int64_t> recipient_by_row(Connection& db, std::int64_t campaign_id,
                                             std::int64_t row_number, std::int64_t customer_id);
// The recipient whose message has this wamid, if it went to `customer_id`.
std::optional<std::int64_t> recipient_by_wamid(Connection& db, const std::string& wamid,
                                               std::int64_t customer_id);
// The newest recipient whose message went to `customer_id` at or after `since` (epoch seconds)
// and has not been answered yet.
std::optional<std::int64_t> newest_unanswered_recipient(Connection& db, std::int64_t customer_id,
                                                        std::int64_t since);
// Sets replied_at unless it is set already; true when it changed.
bool mark_recipient_replied(Connection& db, std::int64_t recipient_id, std::int64_t at);

} // namespace waconsole
