// The SQL of migration 8; like every migration, never edited once released.
#include "server/store/campaign_delivery_schema.hpp"

namespace waconsole {

const char* const kCampaignDeliverySchema = R"sql(
ALTER TABLE campaign_recipients ADD COLUMN replied_at INTEGER;
ALTER TABLE campaigns ADD COLUMN resume_at INTEGER;
ALTER TABLE campaigns ADD COLUMN pause_reason TEXT;
ALTER TABLE campaigns ADD COLUMN retry_of INTEGER REFERENCES campaigns(id);
ALTER TABLE campaign_drafts ADD COLUMN retry_of INTEGER REFERENCES campaigns(id);
ALTER TABLE campaigns ADD COLUMN sent_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE campaigns ADD COLUMN delivered_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE campaigns ADD COLUMN read_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE campaigns ADD COLUMN replied_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE campaigns ADD COLUMN failed_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE campaigns ADD COLUMN unknown_count INTEGER NOT NULL DEFAULT 0;

-- The business-initiated templates of a moving day, for the daily messaging limit.
CREATE INDEX messages_templates_by_time ON messages(created_at, customer_id)
    WHERE direction = 'out' AND kind = 'template';

-- The counts as the history showed them before, computed once for the campaigns that exist.
UPDATE campaigns SET
    sent_count = (SELECT COUNT(*) FROM campaign_recipients r JOIN messages m ON m.id = r.message_id
                  WHERE r.campaign_id = campaigns.id AND m.status IN ('sent', 'delivered', 'read')),
    delivered_count = (SELECT COUNT(*) FROM campaign_recipients r
                       JOIN messages m ON m.id = r.message_id
                       WHERE r.campaign_id = campaigns.id AND m.status IN ('delivered', 'read')),
    read_count = (SELECT COUNT(*) FROM campaign_recipients r JOIN messages m ON m.id = r.message_id
                  WHERE r.campaign_id = campaigns.id AND m.status = 'read'),
    failed_count = (SELECT COUNT(*) FROM campaign_recipients r
                    LEFT JOIN messages m ON m.id = r.message_id
                    WHERE r.campaign_id = campaigns.id
                      AND (m.status = 'failed' OR r.state = 'skipped')),
    unknown_count = (SELECT COUNT(*) FROM campaign_recipients r
                     JOIN messages m ON m.id = r.message_id
                     WHERE r.campaign_id = campaigns.id AND m.status IN ('unknown', 'unresolved'));

-- A recipient's message moving from one status to another moves its campaign's counts: the
-- old status's buckets lose one, the new one's gain one. A message of no campaign finds no row.
CREATE TRIGGER campaign_counts_follow_messages AFTER UPDATE OF status ON messages
WHEN NEW.status IS NOT OLD.status AND NEW.direction = 'out' AND NEW.kind = 'template'
BEGIN
    UPDATE campaigns SET
        sent_count = sent_count + (NEW.status IN ('sent', 'delivered', 'read'))
                                - (OLD.status IN ('sent', 'delivered', 'read')),
        delivered_count = delivered_count + (NEW.status IN ('delivered', 'read'))
                                          - (OLD.status IN ('delivered', 'read')),
        read_count = read_count + (NEW.status = 'read') - (OLD.status = 'read'),
        failed_count = failed_count + (NEW.status = 'failed') - (OLD.status = 'failed'),
        unknown_count = unknown_count + (NEW.status IN ('unknown', 'unresolved'))
                                      - (OLD.status IN ('unknown', 'unresolved'))
    WHERE id = (SELECT campaign_id FROM campaign_recipients WHERE message_id = NEW.id);
END;

-- A recipient skipped (opted out after Confirm) counts as failed, as the history always showed.
CREATE TRIGGER campaign_counts_follow_skips AFTER UPDATE OF state ON campaign_recipients
WHEN NEW.state = 'skipped' AND OLD.state IS NOT 'skipped'
BEGIN
    UPDATE campaigns SET failed_count = failed_count + 1 WHERE id = NEW.campaign_id;
END;

CREATE TRIGGER campaign_counts_follow_replies AFTER UPDATE OF replied_at ON campaign_recipients
WHEN OLD.replied_at IS NULL AND NEW.replied_at IS NOT NULL
BEGIN
    UPDATE campaigns SET replied_count = replied_count + 1 WHERE id = NEW.campaign_id;
END;
)sql";

} // namespace waconsole
