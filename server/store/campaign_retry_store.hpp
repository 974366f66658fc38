// What "Retry failed" reads and writes: a campaign's failed recipients with what they were sent
// and why it failed, and the link from the retry's draft (then its campaign) to the original.
// No transactions here.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace waconsole {

struct FailedRecipient {
    std::int64_t row_number = 0;
    std::string phone; // E.164
    std::string customer_name;
    std::string parameters_json;
    std::int64_t error_code = 0;
    std::int64_t failed_at = 0;
};
// Recipients whose message failed, in row order.
void for_each_failed_recipient(Connection& db, std::int64_t campaign_id,
                               const std::function<void(const FailedRecipient&)>& on_recipient);

void set_draft_retry_of(Connection& db, std::int64_t draft_id, std::int64_t campaign_id);
std::optional<std::int64_t> draft_retry_of(Connection& db, std::int64_t draft_id);
void set_campaign_retry_of(Connection& db, std::int64_t campaign_id, std::int64_t original_id);

} // namespace waconsole
