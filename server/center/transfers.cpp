// Placing a transferred conversation in its new queue.
#include "server/center/transfers.hpp"

#include "server/routing/routing_engine.hpp"
#include "server/services.hpp"
#include "server/store/conversations_store.hpp"
#include "server/store/settings_store.hpp"
#include "server/store/team_store.hpp"
#include "server/store/transfers_store.hpp"

namespace waconsole {
namespace {

std::optional<ApiError> refusal_of(const ConversationRecord& conversation) {
    const auto state = conversation_state_from_string(conversation.state);
    const auto refusal = state ? transfer_refusal(*state) : std::nullopt;
    if (!refusal) {
        return std::nullopt;
    }
    return make_error(
        409, *state == ConversationState::closed ? "conversation_closed" : "conversation_active",
        *refusal);
}

std::optional<std::int64_t> timeout_end(const BotSettings& settings, std::int64_t now) {
    if (!settings.exclusive_timeout_seconds) {
        return std::nullopt;
    }
    return now + *settings.exclusive_timeout_seconds;
}

// To a user: immediate hands it over now (past the user's capacity if need be: an
// administrator decided); exclusive reserves it in the user's personal queue.
std::variant<TransferDone, ApiError> to_user(Connection& db, const ConversationRecord& conversation,
                                             std::int64_t user_id, TransferMode mode,
                                             const BotSettings& settings, std::int64_t now) {
    const auto user = find_agent(db, user_id);
    if (!user) {
        return validation_error("to_user_id", "is not a user", 422);
    }
    if (user->disabled) {
        return validation_error("to_user_id", "is disabled", 422);
    }
    TransferDone done;
    QueuePlacement placement;
    placement.skillset_id = conversation.skillset_id;
    placement.queued_at = conversation.queued_at.value_or(now);
    if (mode == TransferMode::immediate) {
        if (user->presence == "offline") {
            return validation_error("to_user_id",
                                    user->name + " is offline; an immediate transfer needs a "
                                                 "logged-in user (an exclusive one waits for them)",
                                    422);
        }
        // Without a skillset its only queue is the user's own, should the user go offline.
        if (!placement.skillset_id) {
            placement.reserved_for_user_id = user_id;
        }
        place_in_queue(db, conversation.id, placement);
        assign_conversation(db, conversation.id, user_id, user->licence_type, now * 1000);
        return done;
    }
    placement.reserved_for_user_id = user_id;
    placement.exclusive_until = timeout_end(settings, now);
    place_in_queue(db, conversation.id, placement);
    if (user->presence == "offline") {
        done.warning = user->name + " is offline; the conversation waits in their queue";
    }
    return done;
}

// To a skillset: immediate goes to the head of its queue; exclusive joins the queue for that
// skillset's agents only, falling back to the skillset it came from after the timeout.
std::variant<TransferDone, ApiError> to_skillset(Connection& db,
                                                 const ConversationRecord& conversation,
                                                 std::int64_t skillset_id, TransferMode mode,
                                                 const BotSettings& settings, std::int64_t now) {
    const auto skillset = find_skillset(db, skillset_id);
    if (!skillset) {
        return validation_error("to_skillset_id", "is not a skillset", 422);
    }
    QueuePlacement placement;
    placement.skillset_id = skillset_id;
    if (mode == TransferMode::immediate) {
        placement.queue_priority = head_priority_of_skillset(db, skillset_id);
        placement.queued_at = conversation.queued_at.value_or(now);
    } else {
        placement.queued_at = now;
        if (conversation.skillset_id && conversation.skillset_id != skillset_id) {
            placement.exclusive_until = timeout_end(settings, now);
            if (placement.exclusive_until) {
                placement.fallback_skillset_id = conversation.skillset_id;
            }
        }
    }
    place_in_queue(db, conversation.id, placement);
    TransferDone done;
    if (skillset->logged_in_agents == 0) {
        done.warning = "no agent of " + skillset->name + " is logged in";
    }
    return done;
}

} // namespace

std::variant<TransferDone, ApiError>
transfer_conversation(Services& services, const TransferRequest& request, std::int64_t now) {
    if (request.to_user_id.has_value() == request.to_skillset_id.has_value()) {
        return validation_error(request.to_user_id ? "to_skillset_id" : "to_user_id",
                                "give exactly one of to_user_id and to_skillset_id", 422);
    }
    std::variant<TransferDone, ApiError> result;
    {
        auto db = services.pool.acquire();
        std::lock_guard write_lock(services.meta.store_write_mutex);
        Transaction transaction(*db);
        const auto conversation = find_conversation(*db, request.conversation_id);
        if (!conversation) {
            return make_error(404, "not_found", "there is no such conversation");
        }
        if (auto refused = refusal_of(*conversation)) {
            return *refused;
        }
        const auto settings = load_bot_settings(*db);
        result = request.to_user_id
                     ? to_user(*db, *conversation, *request.to_user_id, request.mode, settings, now)
                     : to_skillset(*db, *conversation, *request.to_skillset_id, request.mode,
                                   settings, now);
        if (std::holds_alternative<ApiError>(result)) {
            return result; // rolled back: nothing changed
        }
        TransferRecord record;
        record.conversation_id = conversation->id;
        record.by_user_id = request.by_user_id;
        record.at = now;
        record.from_agent_id = conversation->agent_id;
        record.from_skillset_id = conversation->skillset_id;
        record.to_user_id = request.to_user_id;
        record.to_skillset_id = request.to_skillset_id;
        record.mode = to_string(request.mode);
        insert_transfer(*db, record);
        transaction.commit();
    }
    services.changes.bump({Topic::conversations, Topic::team});
    services.center.routing.notify();
    return result;
}

} // namespace waconsole
