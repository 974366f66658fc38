// Queue positions for the waiting table: a conversation's 1-based rank in its queue — its
// skillset's waitlist, or the personal queue of the user an exclusive transfer reserved it for —
// in queue order (queue_priority DESC, queued_at, id). Assigned conversations have left their
// queue and have none.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <map>
#include <optional>

namespace waconsole {

// Where a waiting conversation stands in the queue order.
struct QueueSpot {
    std::int64_t id = 0;
    std::int64_t skillset_key = 0; // COALESCE(skillset_id, 0)
    std::optional<std::int64_t> agent_id;
    std::optional<std::int64_t> reserved_for_user_id;
    std::int64_t queue_priority = 0;
    std::int64_t queue_time = 0; // COALESCE(queued_at, started_at)
};

class QueuePositions {
public:
    // `whole_queues`: the rows asked about come in table order and, between two rows of a
    // waitlist, no row of that waitlist was left out (no filter but the skillset). Then a row's
    // rank is the previous one's plus one; otherwise each rank is counted.
    QueuePositions(Connection& db, bool whole_queues);
    std::optional<long long> position(const QueueSpot& spot);

private:
    long long count_ahead(const char* index, const char* queue_condition, std::int64_t queue,
                          const QueueSpot& spot);

    Connection& m_db;
    bool m_whole_queues;
    std::map<std::int64_t, long long> m_last_waitlist_rank; // by skillset key
};

} // namespace waconsole
