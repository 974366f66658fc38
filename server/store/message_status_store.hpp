// Delivery statuses from Meta's webhooks. Every event is kept (message_status_events) so the
// timetable shows each time even when it came late or twice; the message itself only moves
// forward: pending < accepted < sent < failed < delivered < read. So a late `delivered` never
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
    std::optional<int> error_code;
    std::string error_title;
    std::string error_details;
    std::optional<std::string> pricing_category;
    std::optional<bool> billable;
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
    void update_message(const StatusUpdate& event);

    Statement m_insert_event;
    Statement m_update_message;
    Statement m_select_events;
    Connection& m_db;
};

// The order above; -1 for a status that does not move a message.
int status_rank(const std::string& status);

} // namespace waconsole
