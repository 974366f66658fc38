// Migration runner and the migrations themselves.
#include "server/store/migrations.hpp"

#include "server/store/campaign_counts_schema.hpp"
#include "server/store/campaign_delivery_schema.hpp"
#include "server/store/campaign_draft_blocks_schema.hpp"
#include "server/store/campaign_feed_schema.hpp"
#include "server/store/campaigns_schema.hpp"
#include "server/store/message_indexes_schema.hpp"
#include "server/store/section_tables_schema.hpp"
#include "server/store/status_counts_schema.hpp"
#include "server/store/table_sorts_schema.hpp"

namespace waconsole {
namespace {

// Times are Unix epoch seconds (UTC). Customers are keyed by our own id; wa_id and phone are
// attributes, because Meta may rewrite the number (Brazil's ninth digit, Mexico's 521) and is
// introducing user ids without a phone.
const char* const kInitialSchema = R"sql(
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'agent')),
    password_hash TEXT NOT NULL,
    presence TEXT NOT NULL DEFAULT 'offline' CHECK (presence IN ('ready', 'busy', 'away', 'offline')),
    presence_since INTEGER NOT NULL DEFAULT 0,
    max_concurrent_chats INTEGER NOT NULL DEFAULT 3 CHECK (max_concurrent_chats >= 0),
    licence_type TEXT NOT NULL DEFAULT 'standard',
    created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions(expires_at);

CREATE TABLE skillsets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    menu_digit INTEGER UNIQUE CHECK (menu_digit BETWEEN 0 AND 9)
);

CREATE TABLE user_skillsets (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    skillset_id INTEGER NOT NULL REFERENCES skillsets(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, skillset_id)
);

CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    wa_id TEXT UNIQUE,
    phone TEXT,
    name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    custom_fields TEXT NOT NULL DEFAULT '{}',
    opted_out INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX customers_by_phone ON customers(phone);
CREATE INDEX customers_by_name ON customers(name);

CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    state TEXT NOT NULL CHECK (state IN ('bot', 'waiting', 'active', 'closed')),
    skillset_id INTEGER REFERENCES skillsets(id),
    agent_id INTEGER REFERENCES users(id),
    -- a conversation reserved for one agent (exclusive transfer) waits only for that agent
    reserved_for_user_id INTEGER REFERENCES users(id),
    started_at INTEGER NOT NULL,
    queued_at INTEGER,
    assigned_at INTEGER,
    first_agent_reply_at INTEGER,
    last_customer_message_at INTEGER,
    last_customer_text TEXT,
    closed_at INTEGER,
    close_reason TEXT,
    licence_type TEXT
);
CREATE INDEX conversations_by_state_started ON conversations(state, started_at DESC, id DESC);
CREATE INDEX conversations_by_state_queued ON conversations(state, queued_at, id);
CREATE INDEX conversations_by_state_closed ON conversations(state, closed_at DESC, id DESC);
CREATE INDEX conversations_by_customer ON conversations(customer_id, state);
CREATE INDEX conversations_by_agent ON conversations(agent_id, state);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER REFERENCES conversations(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    kind TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    sent_by_user_id INTEGER REFERENCES users(id),
    template_name TEXT,
    wamid TEXT UNIQUE,
    context_wamid TEXT,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted', 'sent', 'delivered', 'read', 'failed', 'received')),
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    delivered_at INTEGER,
    read_at INTEGER,
    failed_at INTEGER,
    error_code INTEGER,
    error_title TEXT,
    error_details TEXT
);
CREATE INDEX messages_by_conversation ON messages(conversation_id, id);
CREATE INDEX messages_by_customer ON messages(customer_id, id);
CREATE INDEX messages_by_context ON messages(context_wamid);

-- every status Meta reported, even the ones that arrive late or twice, for the timetable
CREATE TABLE message_status_events (
    wamid TEXT NOT NULL,
    status TEXT NOT NULL,
    timestamp INTEGER NOT NULL,
    error_code INTEGER,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (wamid, status, timestamp)
);

CREATE TABLE transfers (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    by_user_id INTEGER REFERENCES users(id),
    at INTEGER NOT NULL,
    from_agent_id INTEGER REFERENCES users(id),
    from_skillset_id INTEGER REFERENCES skillsets(id),
    to_user_id INTEGER REFERENCES users(id),
    to_skillset_id INTEGER REFERENCES skillsets(id),
    mode TEXT NOT NULL CHECK (mode IN ('immediate', 'exclusive')),
    CHECK ((to_user_id IS NULL) <> (to_skillset_id IS NULL))
);
CREATE INDEX transfers_by_conversation ON transfers(conversation_id, at);

-- the Meta template catalogue, synced from the account and kept current by webhooks
CREATE TABLE templates (
    id INTEGER PRIMARY KEY,
    meta_id TEXT,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    category TEXT NOT NULL,
    status TEXT NOT NULL,
    parameter_format TEXT NOT NULL DEFAULT 'POSITIONAL',
    components TEXT NOT NULL DEFAULT '[]',
    quality_score TEXT,
    rejected_reason TEXT,
    updated_at INTEGER NOT NULL,
    UNIQUE (name, language)
);
)sql";

// The Meta layer's additions: what an inbound reply carried (button payload, list row id), the
// template language sent, how a failure was classified and how many attempts a send took; and
// for each status event its error text and pricing, so a late status can be replayed in full.
const char* const kMetaLayerSchema = R"sql(
ALTER TABLE messages ADD COLUMN payload TEXT;
ALTER TABLE messages ADD COLUMN template_language TEXT;
ALTER TABLE messages ADD COLUMN error_retryable INTEGER;
ALTER TABLE messages ADD COLUMN send_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE message_status_events ADD COLUMN error_title TEXT;
ALTER TABLE message_status_events ADD COLUMN error_details TEXT;
ALTER TABLE message_status_events ADD COLUMN pricing_category TEXT;
ALTER TABLE message_status_events ADD COLUMN billable INTEGER;
CREATE INDEX messages_inbound_by_customer ON messages(customer_id, direction, created_at);
)sql";

// Sends that never go twice (issue 6). Messages gain the states `queued` (waiting for the send
// worker's retry, with the Graph request kept so a restart loses nothing), `unknown` (the
// request may have reached Meta but its answer was lost: never retried, resolved by status
// webhooks through biz_opaque_callback_data) and `unresolved` (still unknown after the
// configured time), each with a reason. SQLite cannot change a CHECK constraint, so the table is
// rebuilt with the same columns. Status events of messages we do not know are flagged so they
// can be forgotten after a while; idempotency keys of the send API are kept per user; a
// template's status changes carry a sequence number so a sync does not revert a newer webhook.
const char* const kSendsNeverTwiceSchema = R"sql(
CREATE TABLE messages_rebuilt (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER REFERENCES conversations(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    kind TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    sent_by_user_id INTEGER REFERENCES users(id),
    template_name TEXT,
    wamid TEXT UNIQUE,
    context_wamid TEXT,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('queued', 'pending', 'unknown', 'unresolved', 'accepted', 'sent',
                          'delivered', 'read', 'failed', 'received')),
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    delivered_at INTEGER,
    read_at INTEGER,
    failed_at INTEGER,
    error_code INTEGER,
    error_title TEXT,
    error_details TEXT,
    payload TEXT,
    template_language TEXT,
    error_retryable INTEGER,
    send_attempts INTEGER NOT NULL DEFAULT 0,
    -- why a message is queued, unknown or unresolved, for the administrator
    status_reason TEXT,
    -- when the send's outcome became unknown (epoch seconds)
    unknown_since INTEGER,
    -- when a queued message is tried again (epoch milliseconds)
    retry_at_ms INTEGER,
    -- the Graph API request body, kept until the outcome is known
    send_request TEXT
);
INSERT INTO messages_rebuilt (id, conversation_id, customer_id, direction, kind, body,
    sent_by_user_id, template_name, wamid, context_wamid, status, created_at, sent_at,
    delivered_at, read_at, failed_at, error_code, error_title, error_details, payload,
    template_language, error_retryable, send_attempts)
SELECT id, conversation_id, customer_id, direction, kind, body, sent_by_user_id, template_name,
    wamid, context_wamid, status, created_at, sent_at, delivered_at, read_at, failed_at,
    error_code, error_title, error_details, payload, template_language, error_retryable,
    send_attempts
FROM messages;
DROP TABLE messages;
ALTER TABLE messages_rebuilt RENAME TO messages;
CREATE INDEX messages_by_conversation ON messages(conversation_id, id);
CREATE INDEX messages_by_customer ON messages(customer_id, id);
CREATE INDEX messages_by_context ON messages(context_wamid);
CREATE INDEX messages_inbound_by_customer ON messages(customer_id, direction, created_at);
CREATE INDEX messages_queued_by_retry ON messages(retry_at_ms) WHERE status = 'queued';
CREATE INDEX messages_unknown_by_time ON messages(unknown_since) WHERE status = 'unknown';
CREATE INDEX messages_pending ON messages(id) WHERE status = 'pending';

ALTER TABLE message_status_events ADD COLUMN unmatched INTEGER NOT NULL DEFAULT 0;
CREATE INDEX message_status_events_unmatched ON message_status_events(received_at)
    WHERE unmatched = 1;

CREATE TABLE idempotency_keys (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    -- the run of the server that is answering it, while response_status is NULL
    claimed_by TEXT NOT NULL,
    message_id INTEGER,
    response_status INTEGER,
    response_body TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_by_time ON idempotency_keys(created_at);

ALTER TABLE templates ADD COLUMN status_seq INTEGER NOT NULL DEFAULT 0;
)sql";

// Users are disabled, never deleted: their name stays on the conversations and transfers they
// handled.
const char* const kDisabledUsersSchema = R"sql(
ALTER TABLE users ADD COLUMN disabled_at INTEGER;
)sql";

// The live contact center (issue 7). Customers gain Meta's business-scoped identity (user id,
// parent user id, username; a user id is one person, so it is unique) and phone_aliases keeps
// the numbers Meta rewrote (Brazil's ninth digit, Mexico's 521) for the customer who owns the
// canonical wa_id. Conversations gain `handled` (an agent ever had it), `queue_priority` (higher
// first within a queue; an immediate transfer to a skillset puts it at the head),
// `exclusive_until` (when an exclusive reservation falls back) and the skillset it falls back
// to, `menus_sent` (the bot's menus so far, for the re-prompt limit) and `close_note` (an
// agent's free-text reason). Users gain `last_assigned_at` (for longest-idle-first routing).
// Settings (the bot's) are rows of JSON values by key.
const char* const kContactCenterSchema = R"sql(
ALTER TABLE customers ADD COLUMN user_id TEXT;
ALTER TABLE customers ADD COLUMN parent_user_id TEXT;
ALTER TABLE customers ADD COLUMN username TEXT;
CREATE UNIQUE INDEX customers_by_user_id ON customers(user_id) WHERE user_id IS NOT NULL;
CREATE INDEX customers_by_parent_user_id ON customers(parent_user_id)
    WHERE parent_user_id IS NOT NULL;
CREATE INDEX customers_by_username ON customers(username) WHERE username IS NOT NULL;

CREATE TABLE phone_aliases (
    phone TEXT PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX phone_aliases_by_customer ON phone_aliases(customer_id);

ALTER TABLE conversations ADD COLUMN handled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN queue_priority INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN exclusive_until INTEGER;
ALTER TABLE conversations ADD COLUMN fallback_skillset_id INTEGER REFERENCES skillsets(id);
ALTER TABLE conversations ADD COLUMN menus_sent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN close_note TEXT;
UPDATE conversations SET handled = 1 WHERE agent_id IS NOT NULL;
-- the skillset queues and the personal queues, in queue order, of conversations no agent has
CREATE INDEX conversations_skillset_queue
    ON conversations(skillset_id, queue_priority DESC, queued_at, id)
    WHERE state = 'waiting' AND agent_id IS NULL AND reserved_for_user_id IS NULL;
CREATE INDEX conversations_personal_queue
    ON conversations(reserved_for_user_id, queue_priority DESC, queued_at, id)
    WHERE state = 'waiting' AND agent_id IS NULL AND reserved_for_user_id IS NOT NULL;
-- the timers: unmanaged windows and exclusive reservations, soonest first
CREATE INDEX conversations_bot_window ON conversations(last_customer_message_at)
    WHERE state = 'bot';
CREATE INDEX conversations_exclusive_until ON conversations(exclusive_until)
    WHERE state = 'waiting' AND exclusive_until IS NOT NULL;

ALTER TABLE users ADD COLUMN last_assigned_at INTEGER NOT NULL DEFAULT 0;

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
)sql";

void ensure_migrations_table(Connection& connection) {
    connection.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
}

} // namespace

const std::vector<Migration>& all_migrations() {
    static const std::vector<Migration> migrations = {
        {1,
         "initial schema: users, sessions, skillsets, customers, conversations, messages, "
         "transfers, templates",
         kInitialSchema},
        {2,
         "meta layer: reply payloads, template language, send attempts and error class; "
         "status event errors and pricing",
         kMetaLayerSchema},
        {3,
         "sends never twice: queued, unknown and unresolved messages with their reason and "
         "request; unmatched status events; idempotency keys; template status sequence",
         kSendsNeverTwiceSchema},
        {4, "users can be disabled", kDisabledUsersSchema},
        {5,
         "contact center: customer identity and phone aliases, queue order, exclusive "
         "reservations, bot menus, close notes, agent idle time, settings",
         kContactCenterSchema},
        {6,
         "conversation sections: an index "
         "per section order, exact totals kept by triggers, unanswered single templates",
         section_tables_schema()},
        {7,
         "campaigns: drafts of the wizard with their rows and last review; confirmed "
         "campaigns, their recipients' final messages and their rejected rows",
         kCampaignsSchema},
        {8, "campaign delivery: counts kept by triggers, replies, the daily limit's pause, retries",
         kCampaignDeliverySchema},
        {9, "campaign drafts: uploaded rows and reviews kept in blocks of rows",
         kCampaignDraftBlocksSchema},
        {10, "message statuses checked and counted without IN lists", kStatusCountsSchema,
         rewrite_message_status_check},
        {11, "section tables sorted by a column: an index for each sort", kTableSortsSchema},
        // Statuses applied to their message are no longer kept as events (see
        // message_status_store.hpp): the ones kept so far go.
        {12, "status events kept only until their message is known",
         "DELETE FROM message_status_events WHERE unmatched = 0;"},
        // messages.send_request stays, always NULL: dropping a column rewrites the whole table.
        {13, "send requests in a table of their own, out of the messages' rows",
         R"sql(
CREATE TABLE message_requests (
    message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    request TEXT NOT NULL
);
INSERT INTO message_requests (message_id, request)
    SELECT id, send_request FROM messages WHERE send_request IS NOT NULL;
UPDATE messages SET send_request = NULL WHERE send_request IS NOT NULL;
)sql"},
        {14, "campaign recipients fed without IN lists or sorts", kCampaignFeedSchema,
         rewrite_recipient_state_check},
        {15, "campaign counts in a table of their own; a campaign's messages name it",
         kCampaignCountsSchema},
        {16, "messages without the unused index of reply contexts; inbound ones indexed alone",
         kMessageIndexesSchema},
    };
    return migrations;
}

int applied_schema_version(Connection& connection) {
    ensure_migrations_table(connection);
    auto query = connection.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    query.step();
    return static_cast<int>(query.get_int(0));
}

int apply_migrations(Connection& connection, int up_to) {
    int applied = 0;
    for (const auto& migration : all_migrations()) {
        if (migration.version > up_to) {
            break;
        }
        Transaction transaction(connection);
        // Read inside the write transaction so two servers starting at once cannot both apply.
        if (migration.version <= applied_schema_version(connection)) {
            continue;
        }
        connection.exec(migration.sql);
        if (migration.after) {
            migration.after(connection);
        }
        connection
            .prepare("INSERT INTO schema_migrations (version, name, applied_at) "
                     "VALUES (?, ?, strftime('%s','now'))")
            .bind(1, migration.version)
            .bind(2, migration.name)
            .run();
        transaction.commit();
        ++applied;
    }
    return applied;
}

} // namespace waconsole
