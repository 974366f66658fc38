// Queue ranks counted through the queue indexes of migration 6.
#include "server/tables/queue_positions.hpp"

#include <string>

namespace waconsole {

QueuePositions::QueuePositions(Connection& db, bool whole_queues)
    : m_db(db), m_whole_queues(whole_queues) {}

// Rows of the queue ahead of `spot`: higher priority, or the same priority and queued earlier,
// or both the same and a lower id — three ranges of the index, so the count reads only them.
long long QueuePositions::count_ahead(const char* index, const char* queue_condition,
                                      std::int64_t queue, const QueueSpot& spot) {
    const std::string head = std::string("SELECT COUNT(*) FROM conversations INDEXED BY ") + index +
                             " WHERE " + queue_condition + " AND ";
    const char* ranges[] = {
        "queue_priority > ?2",
        "queue_priority = ?2 AND COALESCE(queued_at, started_at) < ?3",
        "queue_priority = ?2 AND COALESCE(queued_at, started_at) = ?3 AND id < ?4",
    };
    const std::int64_t values[] = {queue, spot.queue_priority, spot.queue_time, spot.id};
    long long ahead = 0;
    for (int r = 0; r < 3; ++r) {
        auto query = m_db.prepare(head + ranges[r]);
        for (int p = 0; p < r + 2; ++p) { // range r uses the parameters ?1 to ?(r + 2)
            query.bind(p + 1, values[p]);
        }
        query.step();
        ahead += query.get_int(0);
    }
    return ahead;
}

std::optional<long long> QueuePositions::position(const QueueSpot& spot) {
    if (spot.agent_id) {
        return std::nullopt; // assigned: with an agent, out of the queue
    }
    if (spot.reserved_for_user_id) {
        // A personal queue spans skillsets, so its rows are not together in table order.
        return count_ahead("conversations_personal_queue_order",
                           "state = 'waiting' AND agent_id IS NULL AND reserved_for_user_id IS "
                           "NOT NULL AND reserved_for_user_id = ?1",
                           *spot.reserved_for_user_id, spot) +
               1;
    }
    const auto last = m_last_waitlist_rank.find(spot.skillset_key);
    long long rank = 0;
    if (m_whole_queues && last != m_last_waitlist_rank.end()) {
        rank = last->second + 1;
    } else {
        rank = count_ahead("conversations_waitlist_order",
                           "state = 'waiting' AND agent_id IS NULL AND reserved_for_user_id IS "
                           "NULL AND COALESCE(skillset_id, 0) = ?1",
                           spot.skillset_key, spot) +
               1;
    }
    m_last_waitlist_rank[spot.skillset_key] = rank;
    return rank;
}

} // namespace waconsole
