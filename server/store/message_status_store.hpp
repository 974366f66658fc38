// Delivery statuses from Meta's webhooks, applied to their message, which only moves forward:
// queued, pending, unknown, unresolved < accepted < sent < failed < delivered < read. The message
// keeps the earliest time of each status (sent, delivered, read, failed) and Meta's error. So a
// late `delivered` never undoes `read`, a repeated `sent` never revives a failed message, and a
// `failed` after `delivered` sets the failure's time but not its error and does not undo the
// delivery (the phone has the message). A `delivered` or `read` after `failed` wins, since it
// proves the message arrived. `read` implies delivered and sent, `delivered` implies sent: their
// times are filled from it when missing, and an earlier time arriving later replaces it.
// A status for a wamid we do not know yet names its message by biz_opaque_callback_data: a
// message sent without learning its wamid (answer lost, crash) gets it from the status. Statuses
// no message can take yet are kept in message_status_events (unmatched) until the send's answer
// names their message, which then takes them (replay_early_status_events); those never matched
// are forgotten after a while (prune_unmatched_status_events), since Meta may retry them for
// days. Statuses applied to their message are not kept as events: the message holds what they
// said (three rows a message forever, each an insert into two b-trees keyed by random wamids,
// cost CPU at every status and grew without bound).
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace waconsole {

struct StatusUpdate {
    std::string wamid;
    std::string status; // sent, delivered, read, failed (others move no message)
    std::int64_t timestamp = 0;
    std::string recipient_id;
    std::string recipient_user_id; // business-scoped user id, when Meta sends it
    std::optional<int> error_code;
    std::string error_title;
    std::string error_details;
    std::optional<std::string> pricing_category;
    std::optional<bool> billable;
    // Our message id, read from biz_opaque_callback_data.
    std::optional<std::int64_t> message_id;
};

// Holds its prepared statements for the life of one webhook POST (one transaction), so a batch
// of statuses costs one bound statement run each in the usual case. The caller owns the
// transaction.
class StatusWriter {
public:
    explicit StatusWriter(Connection& db);

    // Applies the event to its message, or keeps it until its message is known. False when it
    // changed nothing: its message had it already, or it was kept already.
    bool apply(const StatusUpdate& event, std::int64_t received_at);

private:
    // Whether the outbound message with `event.wamid` took something new from it, by `update`:
    // one of the three below; `rank` is status_rank(event.status); by_id: it matches the
    // message its callback data names.
    bool update_message(const StatusUpdate& event, int rank, Statement& update, bool by_id);

    // By the rowid our callback data names, where the wamid's index would be a random read of
    // a b-tree that outgrows the page cache (Meta's ids are random); the wamid must match too.
    Statement m_update_by_id;
    Statement m_update_by_wamid;
    // The message its callback data names, if it has no wamid yet: it takes this one.
    Statement m_name_by_id;
    Statement m_find_by_id;
    Statement m_find_message;
    Statement m_keep_unmatched;
    Connection& m_db;
};

// Applies the kept statuses of `wamid` to its message, now that the send's answer named it, and
// forgets them. In the caller's transaction.
void replay_early_status_events(Connection& db, const std::string& wamid);

// Forgets status events of messages we never knew that arrived before `cutoff` (epoch seconds).
// Returns how many.
int prune_unmatched_status_events(Connection& db, std::int64_t cutoff);

// The order above; -1 for a status that does not move a message.
int status_rank(const std::string& status);

} // namespace waconsole
