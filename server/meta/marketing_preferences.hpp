// Meta's word that a customer stopped or resumed marketing messages, by either of its routes: a
// send that failed with 131050 (in the send's answer or its `failed` status webhook) and the
// `user_preferences` webhook ("stop" / "resume"). Either marks the customer opted out of
// campaigns (or back in), like the STOP / START words the bot hears; later campaigns reject
// them with that reason and a running campaign skips them.
#pragma once

#include "server/meta/webhook_payload.hpp"
#include "server/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

constexpr int kMarketingStoppedCode = 131050;

// In the caller's transaction. Returns how many customers changed.
int apply_marketing_preferences(Connection& db, const std::vector<MarketingPreference>& preferences,
                                std::int64_t now);
// A send to the customer of this message failed with `error_code`: 131050 opts them out.
// True when it did.
bool opt_out_on_failure(Connection& db, std::optional<int> error_code, const std::string& wamid,
                        std::optional<std::int64_t> message_id);

} // namespace waconsole
