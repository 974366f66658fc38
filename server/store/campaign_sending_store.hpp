// What the campaign sender reads and writes: campaigns due to start, the lease that lets one
// server process feed a campaign, the recipients still to feed and their link to the message
// that carries them (after which the message's status is the recipient's), the campaign's end.
// No transactions opened here: the sender holds one around each step.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

// Scheduled campaigns whose time has come become queued. Returns how many.
int start_due_campaigns(Connection& db, std::int64_t now);
// The earliest start of a scheduled campaign, if any.
std::optional<std::int64_t> next_scheduled_start(Connection& db);
// Campaigns queued, sending or paused by the daily limit, oldest first.
std::vector<std::int64_t> campaigns_to_feed(Connection& db);
// The earliest resume time of a paused campaign, if any.
std::optional<std::int64_t> next_resume(Connection& db);
// Paused by the daily messaging limit until `resume_at`, saying why.
void pause_campaign(Connection& db, std::int64_t campaign_id, std::int64_t resume_at,
                    const std::string& reason);
// Distinct customers that business-initiated templates (not failed) reached since `since`, and
// the time of the oldest such template: the daily messaging limit's moving window.
struct DayReach {
    std::int64_t customers = 0;
    std::optional<std::int64_t> oldest;
};
DayReach reach_since(Connection& db, std::int64_t since);

// Takes or renews the lease of `owner` on the campaign until `until`; false when another owner
// holds an unexpired one.
bool take_campaign_lease(Connection& db, std::int64_t campaign_id, const std::string& owner,
                         std::int64_t now, std::int64_t until);
void release_campaign_lease(Connection& db, std::int64_t campaign_id, const std::string& owner);

struct RecipientToFeed {
    std::int64_t id = 0;
    std::int64_t row_number = 0;
    std::string phone; // E.164
    std::optional<std::int64_t> customer_id;
    std::string customer_name;
    std::string rendered_text;
    std::string parameters_json;
};
std::vector<RecipientToFeed> recipients_to_feed(Connection& db, std::int64_t campaign_id,
                                                int limit);
void mark_recipient_fed(Connection& db, std::int64_t recipient_id, std::int64_t message_id);
void mark_recipient_skipped(Connection& db, std::int64_t recipient_id, const std::string& reason);
// Fed recipients whose message is still queued or with Meta (pending).
std::int64_t recipients_in_flight(Connection& db, std::int64_t campaign_id);
bool has_recipients_to_feed(Connection& db, std::int64_t campaign_id);

struct CampaignStatus {
    std::string status;
    std::optional<std::int64_t> resume_at;
    std::string template_name;
    std::string template_language;
    std::string parameter_format;
};
std::optional<CampaignStatus> campaign_status(Connection& db, std::int64_t campaign_id);
// sending (started_at set once), completed or cancelled (finished_at); any pause ends.
void set_campaign_status(Connection& db, std::int64_t campaign_id, const std::string& status,
                         std::int64_t now);
// Cancels what is not sent yet: queued recipients, and the messages of fed ones still waiting in
// the send queue (failed, "cancelled"). Returns how many recipients will not be sent.
std::int64_t cancel_unsent_recipients(Connection& db, std::int64_t campaign_id, std::int64_t now);

} // namespace waconsole
