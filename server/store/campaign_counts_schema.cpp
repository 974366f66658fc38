// The SQL of migration 15; like every migration, never edited once released.
#include "server/store/campaign_counts_schema.hpp"

namespace waconsole {

// messages.campaign_id has no REFERENCES clause: a foreign key would look the campaign up at
// every message inserted. Messages queued before this migration have none; the trigger finds
// their campaign through their recipient, as before.
const char* const kCampaignCountsSchema = R"sql(
CREATE TABLE campaign_counts (
    campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id),
    sent_count INTEGER NOT NULL DEFAULT 0,
    delivered_count INTEGER NOT NULL DEFAULT 0,
    read_count INTEGER NOT NULL DEFAULT 0,
    replied_count INTEGER NOT NULL DEFAULT 0,
    failed_count INTEGER NOT NULL DEFAULT 0,
    unknown_count INTEGER NOT NULL DEFAULT 0
);
INSERT INTO campaign_counts (campaign_id, sent_count, delivered_count, read_count, replied_count,
                             failed_count, unknown_count)
    SELECT id, sent_count, delivered_count, read_count, replied_count, failed_count, unknown_count
    FROM campaigns;

DROP TRIGGER campaign_counts_follow_messages;
DROP TRIGGER campaign_counts_follow_skips;
DROP TRIGGER campaign_counts_follow_replies;
ALTER TABLE campaigns DROP COLUMN sent_count;
ALTER TABLE campaigns DROP COLUMN delivered_count;
ALTER TABLE campaigns DROP COLUMN read_count;
ALTER TABLE campaigns DROP COLUMN replied_count;
ALTER TABLE campaigns DROP COLUMN failed_count;
ALTER TABLE campaigns DROP COLUMN unknown_count;

ALTER TABLE messages ADD COLUMN campaign_id INTEGER;

CREATE TRIGGER campaign_counts_of_new_campaigns AFTER INSERT ON campaigns
BEGIN
    INSERT INTO campaign_counts (campaign_id) VALUES (NEW.id);
END;

-- A recipient's message moving from one status to another moves its campaign's counts: the
-- old status's buckets lose one, the new one's gain one. A message of no campaign finds no row.
CREATE TRIGGER campaign_counts_follow_messages AFTER UPDATE OF status ON messages
WHEN NEW.status IS NOT OLD.status AND NEW.direction = 'out' AND NEW.kind = 'template'
BEGIN
    UPDATE campaign_counts SET
        sent_count = sent_count
            + (NEW.status = 'sent' OR NEW.status = 'delivered' OR NEW.status = 'read')
            - (OLD.status = 'sent' OR OLD.status = 'delivered' OR OLD.status = 'read'),
        delivered_count = delivered_count
            + (NEW.status = 'delivered' OR NEW.status = 'read')
            - (OLD.status = 'delivered' OR OLD.status = 'read'),
        read_count = read_count + (NEW.status = 'read') - (OLD.status = 'read'),
        failed_count = failed_count + (NEW.status = 'failed') - (OLD.status = 'failed'),
        unknown_count = unknown_count
            + (NEW.status = 'unknown' OR NEW.status = 'unresolved')
            - (OLD.status = 'unknown' OR OLD.status = 'unresolved')
    WHERE campaign_id = COALESCE(NEW.campaign_id, (SELECT campaign_id FROM campaign_recipients
                                                   WHERE message_id = NEW.id));
END;

-- A recipient skipped (opted out after Confirm) counts as failed, as the history always showed.
CREATE TRIGGER campaign_counts_follow_skips AFTER UPDATE OF state ON campaign_recipients
WHEN NEW.state = 'skipped' AND OLD.state IS NOT 'skipped'
BEGIN
    UPDATE campaign_counts SET failed_count = failed_count + 1
    WHERE campaign_id = NEW.campaign_id;
END;

CREATE TRIGGER campaign_counts_follow_replies AFTER UPDATE OF replied_at ON campaign_recipients
WHEN OLD.replied_at IS NULL AND NEW.replied_at IS NOT NULL
BEGIN
    UPDATE campaign_counts SET replied_count = replied_count + 1
    WHERE campaign_id = NEW.campaign_id;
END;
)sql";

} // namespace waconsole
