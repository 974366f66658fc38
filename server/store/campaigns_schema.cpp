// The SQL of migration 7; like every migration, never edited once released.
#include "server/store/campaigns_schema.hpp"

namespace waconsole {

const char* const kCampaignsSchema = R"sql(
-- AUTOINCREMENT: a deleted draft's id is never given to a new one, so a browser tab that still
-- holds an old id finds nothing rather than someone else's draft.
CREATE TABLE campaign_drafts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    template_id INTEGER NOT NULL,
    template_name TEXT NOT NULL,
    template_language TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('excel', 'customers')),
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    settings TEXT NOT NULL DEFAULT '{}',
    variables TEXT NOT NULL DEFAULT '{}',
    fields TEXT NOT NULL DEFAULT '[]',
    upload_name TEXT,
    row_count INTEGER NOT NULL DEFAULT 0,
    next_row INTEGER NOT NULL DEFAULT 1,
    review TEXT
);
CREATE INDEX campaign_drafts_by_update ON campaign_drafts(updated_at);

-- An upload's rows (cells under the draft's fields, length-prefixed: server/campaigns/
-- draft_cells) or the chosen customers.
CREATE TABLE campaign_draft_rows (
    id INTEGER PRIMARY KEY,
    draft_id INTEGER NOT NULL REFERENCES campaign_drafts(id) ON DELETE CASCADE,
    row_number INTEGER NOT NULL,
    phone TEXT NOT NULL,
    customer_id INTEGER REFERENCES customers(id) ON DELETE CASCADE,
    cells TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX campaign_draft_rows_order ON campaign_draft_rows(draft_id, row_number);
CREATE UNIQUE INDEX campaign_draft_rows_customer ON campaign_draft_rows(draft_id, customer_id)
    WHERE customer_id IS NOT NULL;

-- The last review: one verdict per row (accepted: the E.164 number and the text; rejected: the
-- number as written and the reason).
CREATE TABLE campaign_draft_review (
    id INTEGER PRIMARY KEY,
    draft_id INTEGER NOT NULL REFERENCES campaign_drafts(id) ON DELETE CASCADE,
    row_number INTEGER NOT NULL,
    accepted INTEGER NOT NULL,
    phone TEXT NOT NULL,
    customer TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL
);
CREATE INDEX campaign_draft_review_order ON campaign_draft_review(draft_id, accepted, row_number);

CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    template_id INTEGER,
    template_name TEXT NOT NULL,
    template_language TEXT NOT NULL,
    template_category TEXT NOT NULL,
    template_components TEXT NOT NULL,
    parameter_format TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('excel', 'customers')),
    upload_name TEXT,
    mode TEXT NOT NULL CHECK (mode IN ('immediate', 'scheduled')),
    scheduled_at INTEGER,
    time_zone TEXT NOT NULL DEFAULT '',
    include_active_conversations INTEGER NOT NULL,
    variables TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'queued', 'sending', 'paused',
                                           'completed', 'cancelled')),
    recipient_count INTEGER NOT NULL,
    rejected_count INTEGER NOT NULL,
    started_at INTEGER,
    finished_at INTEGER,
    -- Which server process feeds the campaign's recipients to the send queue, until when: two
    -- processes on one database by mistake never feed one campaign at once.
    lease_owner TEXT,
    lease_until INTEGER
);
CREATE INDEX campaigns_by_created ON campaigns(created_at, id);
CREATE INDEX campaigns_by_status ON campaigns(status, scheduled_at);

-- What the sender sends: one row per accepted recipient, with the exact text and parameters.
CREATE TABLE campaign_recipients (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    row_number INTEGER NOT NULL,
    phone TEXT NOT NULL,
    customer_id INTEGER REFERENCES customers(id),
    customer_name TEXT NOT NULL DEFAULT '',
    rendered_text TEXT NOT NULL,
    parameters TEXT NOT NULL,
    -- queued: waiting to be fed; fed: its message (message_id) is in the send queue or sent and
    -- the message's status is the recipient's; cancelled: the campaign was cancelled first;
    -- skipped: not sent, for skip_reason (the customer opted out meanwhile).
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'fed', 'cancelled',
                                                          'skipped')),
    skip_reason TEXT,
    message_id INTEGER UNIQUE REFERENCES messages(id),
    UNIQUE (campaign_id, row_number)
);
CREATE INDEX campaign_recipients_by_state ON campaign_recipients(campaign_id, state, id);

CREATE TABLE campaign_rejections (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    row_number INTEGER NOT NULL,
    phone TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (campaign_id, row_number)
) WITHOUT ROWID;
)sql";

} // namespace waconsole
