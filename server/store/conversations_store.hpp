// Conversations as the contact center moves them: read one, queue, assign, return to a queue,
// reserve, close. SQL only: the rules (who may, when, what follows) are in server/center/ and
// server/routing/, and every function runs in the caller's transaction (none opens its own).
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

struct ConversationRecord {
    std::int64_t id = 0;
    std::int64_t customer_id = 0;
    std::string state;
    std::optional<std::int64_t> skillset_id;
    std::optional<std::int64_t> agent_id;
    std::optional<std::int64_t> reserved_for_user_id;
    std::int64_t started_at = 0;
    std::optional<std::int64_t> queued_at;
    std::optional<std::int64_t> assigned_at;
    std::optional<std::int64_t> first_agent_reply_at;
    std::optional<std::int64_t> last_customer_message_at;
    std::optional<std::string> last_customer_text;
    std::optional<std::int64_t> closed_at;
    std::optional<std::string> close_reason;
    std::optional<std::string> close_note;
    std::optional<std::string> licence_type;
    bool handled = false;
    std::int64_t queue_priority = 0;
    std::optional<std::int64_t> exclusive_until;
    std::optional<std::int64_t> fallback_skillset_id;
    int menus_sent = 0;
};

std::optional<ConversationRecord> find_conversation(Connection& db, std::int64_t id);

// bot -> waiting in `skillset_id`'s queue, at its tail (queued now, priority 0).
void queue_for_skillset(Connection& db, std::int64_t id, std::int64_t skillset_id,
                        std::int64_t now);
void set_menus_sent(Connection& db, std::int64_t id, int menus_sent);

// The priority that puts a conversation at the head of a queue: one more than the highest of
// the conversations waiting in it (a skillset's waitlist, or a user's personal queue).
std::int64_t head_priority_of_skillset(Connection& db, std::int64_t skillset_id);
std::int64_t head_priority_of_user(Connection& db, std::int64_t user_id);

// Where a conversation goes: state `waiting`, no agent, the given queue and order fields.
struct QueuePlacement {
    std::optional<std::int64_t> skillset_id;
    std::optional<std::int64_t> reserved_for_user_id;
    std::int64_t queue_priority = 0;
    std::int64_t queued_at = 0;
    std::optional<std::int64_t> exclusive_until;
    std::optional<std::int64_t> fallback_skillset_id;
};
void place_in_queue(Connection& db, std::int64_t id, const QueuePlacement& placement);

// Hands a waiting conversation to `agent_id` (state stays `waiting`: assigned, not answered).
// Only when it is still waiting with no agent; returns whether it was. `licence_type` is the
// agent's, recorded on the conversation. `assigned_at_ms` also becomes the agent's
// last_assigned_at (idle time for routing).
bool assign_conversation(Connection& db, std::int64_t id, std::int64_t agent_id,
                         const std::string& licence_type, std::int64_t assigned_at_ms);

// assign_conversation() for many, with its statements prepared once (routing passes).
class AssignmentWriter {
public:
    explicit AssignmentWriter(Connection& db);
    bool assign(std::int64_t id, std::int64_t agent_id, const std::string& licence_type,
                std::int64_t assigned_at_ms);

private:
    Connection& m_db;
    Statement m_conversation;
    Statement m_agent;
};

// The conversations an agent has (waiting-assigned and active), oldest assignment first.
std::vector<ConversationRecord> conversations_of_agent(Connection& db, std::int64_t agent_id);

// waiting (assigned) -> active, when `agent_id` has it. Returns whether it changed.
bool activate_conversation(Connection& db, std::int64_t id, std::int64_t agent_id,
                           std::int64_t now);
// The agent's first answer: active, first_agent_reply_at set once.
void record_agent_reply(Connection& db, std::int64_t id, std::int64_t now);

// Closes a conversation that is not closed yet; returns whether it was open.
bool close_conversation(Connection& db, std::int64_t id, const std::string& reason,
                        const std::optional<std::string>& note, std::int64_t closed_at);

// Unmanaged conversations whose 24-hour window ended at or before `now` are closed
// (window_expired, closed when the window ended). Returns how many.
int close_expired_bot_conversations(Connection& db, std::int64_t now, std::int64_t window_seconds);
// When the next unmanaged window ends, if any conversation is unmanaged.
std::optional<std::int64_t> next_bot_window_end(Connection& db, std::int64_t window_seconds);

// Exclusive reservations past their exclusive_until fall back to their skillset queue. Returns
// how many.
int expire_exclusive_reservations(Connection& db, std::int64_t now);
std::optional<std::int64_t> next_exclusive_deadline(Connection& db);

} // namespace waconsole
