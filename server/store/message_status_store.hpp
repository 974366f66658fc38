// Delivery statuses from Meta's webhooks. Every event is kept (message_status_events) so the
// timetable shows each time even when it came late or twice; the message itself only moves
// forward: queued, pending, unknown, unresolved < accepted < sent < failed < delivered < read.
// A status for a wamid we do not know yet names its message by biz_opaque_callback_data: a
// message sent without learning its wamid (answer lost, crash) gets it from the status. Events
// of wamids still unknown after that are flagged `unmatched` and forgotten after a while
// (prune_unmatched_status_events), since Meta may retry them for days. So a late `delivered` never
// undoes `read`, a repeated `sent` never revives a failed message, and a `failed` after
// `delivered` is kept as an event but does not undo the delivery (the phone has the message).
// A `delivered` or `read` after `failed` wins, since it proves the message arrived. `read`
// implies delivered and sent, `delivered` implies sent: their times are filled from it when
// missing, and an earlier time arriving later replaces it.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace waconsole {

struct StatusUpdate {
    std::string wamid;
    std::string status; // sent, delivered, read, failed (others are kept as events only)
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
// of statuses costs two bound statement runs each. The caller owns the transaction.
class StatusWriter {
public:
    explicit StatusWriter(Connection& db);

    // Stores the event and applies it to its message. False when the same event (wamid, status,
    // timestamp) was already stored: nothing changes the second time.
    bool apply(const StatusUpdate& event, std::int64_t received_at);
    // Applies every stored event of `wamid` to its message: for statuses that arrived before the
    // send's answer gave us the wamid.
    void replay(const std::string& wamid);

private:
    // Whether an outbound message has `event.wamid` (false for statuses that move nothing).
    bool update_message(const StatusUpdate& event);
    // Gives `event.wamid` to the message its callback data names, if that one has none yet.
    bool name_message(const StatusUpdate& event);

    Statement m_insert_event;
    Statement m_update_message;
    Statement m_select_events;
    Statement m_find_message;
    Statement m_name_message;
    Statement m_flag_unmatched;
    Connection& m_db;
};

// Forgets status events of messages we never knew that arrived before `cutoff` (epoch seconds).
// Returns how many.
int prune_unmatched_status_events(Connection& db, std::int64_t cutoff);

// The order above; -1 for a status that does not move a message.
int status_rank(const std::string& status);

} // namespace waconsole
