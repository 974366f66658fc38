// Migration 9 (issue 8's import figure): an Excel draft's uploaded rows and every draft's last
// review are kept in blocks of rows (server/campaigns/draft_blocks), one SQL row per block
// instead of one per file row, so a 100,000-row upload and its review are a few hundred inserts.
#pragma once

namespace waconsole {

extern const char* const kCampaignDraftBlocksSchema;

} // namespace waconsole
