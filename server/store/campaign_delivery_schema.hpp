// Migration 8 (issue 9): what delivery adds to campaigns. Each campaign's counts kept by
// triggers as its recipients' messages move (the history page reads them instead of scanning
// every recipient), replies, the pause of the daily messaging limit, and retries.
#pragma once

namespace waconsole {

extern const char* const kCampaignDeliverySchema;

} // namespace waconsole
