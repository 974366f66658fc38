// Presence, accept, reply and close.
#include "server/center/agent_desk.hpp"

#include "server/clock.hpp"
#include "server/services.hpp"
#include "server/store/conversations_store.hpp"
#include "server/store/customers_store.hpp"
#include "server/store/messages_store.hpp"
#include "server/store/team_store.hpp"
#include "shared/conversation_rules.hpp"

#include <iostream>
#include <map>

namespace waconsole {
namespace {

// The conversation if this agent has it (waiting-assigned or active); else why not.
std::variant<ConversationRecord, ApiError> agents_conversation(Connection& db, std::int64_t user_id,
                                                               std::int64_t conversation_id) {
    const auto conversation = find_conversation(db, conversation_id);
    if (!conversation) {
        return make_error(404, "not_found", "there is no such conversation");
    }
    if (conversation->agent_id != user_id ||
        (conversation->state != "waiting" && conversation->state != "active")) {
        return make_error(409, "not_assigned_to_you",
                          conversation->state == "closed"
                              ? "this conversation is closed"
                              : "this conversation is not assigned to you");
    }
    return *conversation;
}

void changed(Services& services) {
    services.changes.bump({Topic::conversations, Topic::team});
    services.center.routing.notify();
}

} // namespace

int return_conversations_of(Connection& db, std::int64_t agent_id) {
    const auto conversations = conversations_of_agent(db, agent_id);
    std::map<std::pair<std::int64_t, std::int64_t>, std::int64_t> head; // queue -> priority
    for (const auto& conversation : conversations) {
        QueuePlacement placement;
        placement.skillset_id = conversation.skillset_id;
        placement.reserved_for_user_id = conversation.reserved_for_user_id;
        if (!placement.skillset_id && !placement.reserved_for_user_id) {
            placement.reserved_for_user_id = agent_id;
        }
        // One head priority per queue, so the returned ones keep their order among themselves.
        const auto queue =
            placement.reserved_for_user_id
                ? std::pair<std::int64_t, std::int64_t>{1, *placement.reserved_for_user_id}
                : std::pair<std::int64_t, std::int64_t>{0, *placement.skillset_id};
        if (!head.count(queue)) {
            head[queue] = queue.first == 1 ? head_priority_of_user(db, queue.second)
                                           : head_priority_of_skillset(db, queue.second);
        }
        placement.queue_priority = head[queue];
        placement.queued_at = conversation.queued_at.value_or(conversation.started_at);
        place_in_queue(db, conversation.id, placement);
    }
    return static_cast<int>(conversations.size());
}

std::variant<nlohmann::json, ApiError> set_agent_presence(Services& services, std::int64_t user_id,
                                                          const std::string& presence) {
    if (!presence_from_string(presence)) {
        return validation_error("presence", "must be ready, busy, away or offline", 422);
    }
    std::optional<AgentRecord> agent;
    {
        auto db = services.pool.acquire();
        std::lock_guard write_lock(services.meta.store_write_mutex);
        Transaction transaction(*db);
        set_presence(*db, user_id, presence, now_seconds());
        if (presence == "offline") {
            return_conversations_of(*db, user_id);
        }
        agent = find_agent(*db, user_id);
        transaction.commit();
    }
    changed(services);
    if (!agent) {
        return make_error(404, "not_found", "there is no such user");
    }
    return agent_json(*agent);
}

nlohmann::json agent_conversations(Services& services, std::int64_t user_id) {
    auto db = services.pool.acquire();
    nlohmann::json list = nlohmann::json::array();
    for (const auto& conversation : conversations_of_agent(*db, user_id)) {
        list.push_back(conversation_json(*db, conversation, now_seconds(), false));
    }
    return {{"conversations", list}};
}

std::variant<nlohmann::json, ApiError> accept_conversation(Services& services, std::int64_t user_id,
                                                           std::int64_t conversation_id) {
    nlohmann::json answer;
    {
        auto db = services.pool.acquire();
        std::lock_guard write_lock(services.meta.store_write_mutex);
        Transaction transaction(*db);
        auto found = agents_conversation(*db, user_id, conversation_id);
        if (auto* error = std::get_if<ApiError>(&found)) {
            return *error;
        }
        activate_conversation(*db, conversation_id, user_id, now_seconds());
        answer = {{"conversation", conversation_json(*db, conversation_id, now_seconds())}};
        transaction.commit();
    }
    changed(services);
    return answer;
}

std::variant<ReplyDone, ApiError> reply_to_conversation(Services& services, std::int64_t user_id,
                                                        std::int64_t conversation_id,
                                                        const std::string& text) {
    std::string phone;
    {
        auto db = services.pool.acquire();
        auto found = agents_conversation(*db, user_id, conversation_id);
        if (auto* error = std::get_if<ApiError>(&found)) {
            return *error;
        }
        const auto customer = find_customer(*db, std::get<ConversationRecord>(found).customer_id);
        if (!customer || !customer->phone) {
            return make_error(409, "no_phone",
                              "the customer hides their phone number; replies by user id are "
                              "not supported yet");
        }
        phone = *customer->phone;
    }
    TextSendRequest request;
    request.to = phone;
    request.text = text;
    request.sender.user_id = user_id;
    auto sent = send_text_message(services, request);
    if (auto* error = std::get_if<ApiError>(&sent)) {
        return *error;
    }
    ReplyDone done{std::get<SendOutcome>(sent), false};
    std::optional<std::string> wamid;
    {
        auto db = services.pool.acquire();
        std::lock_guard write_lock(services.meta.store_write_mutex);
        Transaction transaction(*db);
        if (done.message.status != "failed") {
            record_agent_reply(*db, conversation_id, now_seconds());
        }
        wamid = newest_inbound_wamid(*db, conversation_id);
        transaction.commit();
    }
    changed(services);
    // Read receipts (blue ticks) for everything the customer wrote up to the newest message.
    if (wamid && done.message.status != "failed") {
        const auto error = services.meta.client.mark_read(*wamid);
        done.marked_read = !error.has_value();
        if (error) {
            std::cerr << "waconsole-server: marking " << *wamid << " read failed: " << error->title
                      << std::endl;
        }
    }
    return done;
}

std::variant<nlohmann::json, ApiError> close_agent_conversation(Services& services,
                                                                std::int64_t user_id,
                                                                std::int64_t conversation_id,
                                                                const std::string& reason) {
    if (reason.empty()) {
        return validation_error("reason", "is required", 422);
    }
    if (reason.size() > 500) {
        return validation_error("reason", "must be at most 500 bytes", 422);
    }
    nlohmann::json answer;
    {
        auto db = services.pool.acquire();
        std::lock_guard write_lock(services.meta.store_write_mutex);
        Transaction transaction(*db);
        auto found = agents_conversation(*db, user_id, conversation_id);
        if (auto* error = std::get_if<ApiError>(&found)) {
            return *error;
        }
        const auto close = close_reason_for(reason);
        close_conversation(*db, conversation_id, close.reason, close.note, now_seconds());
        answer = {{"conversation", conversation_json(*db, conversation_id, now_seconds())}};
        transaction.commit();
    }
    changed(services);
    return answer;
}

} // namespace waconsole
