// The SQL of migration 9; like every migration, never edited once released.
#include "server/store/campaign_draft_blocks_schema.hpp"

namespace waconsole {

const char* const kCampaignDraftBlocksSchema = R"sql(
-- An upload's rows, in file order, a block of consecutive rows to a SQL row: `rows` holds each
-- row's number, phone and cells (server/campaigns/draft_blocks). A customers draft keeps its rows
-- in campaign_draft_rows (one per customer, added and removed one by one); so do uploads stored
-- before this migration.
CREATE TABLE campaign_draft_row_blocks (
    id INTEGER PRIMARY KEY,
    draft_id INTEGER NOT NULL REFERENCES campaign_drafts(id) ON DELETE CASCADE,
    first_row INTEGER NOT NULL,
    row_count INTEGER NOT NULL,
    rows BLOB NOT NULL
);
CREATE UNIQUE INDEX campaign_draft_row_blocks_order
    ON campaign_draft_row_blocks(draft_id, first_row);

-- The last review, the Messages tab's rows (accepted = 1: number in E.164, customer, text) and
-- the Rejected tab's (number as written, customer, reason), each tab in blocks in row order.
-- first_index: how many of the tab's rows come before the block's first, so a page by number
-- is found from the blocks' directory (the covering index) without reading the rows before it.
CREATE TABLE campaign_draft_review_blocks (
    id INTEGER PRIMARY KEY,
    draft_id INTEGER NOT NULL REFERENCES campaign_drafts(id) ON DELETE CASCADE,
    accepted INTEGER NOT NULL,
    first_index INTEGER NOT NULL,
    first_row INTEGER NOT NULL,
    last_row INTEGER NOT NULL,
    row_count INTEGER NOT NULL,
    rows BLOB NOT NULL
);
CREATE UNIQUE INDEX campaign_draft_review_blocks_directory
    ON campaign_draft_review_blocks(draft_id, accepted, first_index, first_row, last_row,
                                    row_count);

-- Reviews of the old shape are forgotten (the wizard reviews again); the rows stay.
DROP TABLE campaign_draft_review;
UPDATE campaign_drafts SET review = NULL;
)sql";

} // namespace waconsole
