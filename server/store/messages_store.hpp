// Messages as the Meta layer writes them: an outbound message is inserted `pending` before the
// send, then marked `accepted` with its wamid or `failed` with Meta's error; inbound messages
// come from webhooks, at most once per wamid. Statuses are in message_status_store.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace waconsole {

struct OutboundMessage {
    std::int64_t customer_id = 0;
    std::optional<std::int64_t> conversation_id;
    std::string kind; // "template" or "text"
    std::string body; // the text as the customer sees it (template variables substituted)
    std::optional<std::int64_t> sent_by_user_id;
    std::optional<std::string> template_name;
    std::optional<std::string> template_language;
};

struct InboundMessage {
    std::string wamid;
    std::string kind;                   // Meta's message type: text, button, interactive, image ...
    std::string body;                   // text, button label, or a placeholder such as "[image]"
    std::optional<std::string> payload; // button payload or interactive reply id
    std::optional<std::string> context_wamid; // the message this one answers
    std::int64_t timestamp = 0;
};

struct SendFailure {
    int code = 0;
    std::string title;
    std::string details;
    bool retryable = false;
};

std::int64_t insert_outbound_message(Connection& db, const OutboundMessage& message,
                                     std::int64_t now);
void record_send_accepted(Connection& db, std::int64_t message_id, const std::string& wamid,
                          int attempts);
void record_send_failed(Connection& db, std::int64_t message_id, const SendFailure& failure,
                        int attempts, std::int64_t now);
// Moves a message to another customer (the same person, found by Meta's canonical wa_id).
void move_message_to_customer(Connection& db, std::int64_t message_id, std::int64_t customer_id);

// The time of the customer's latest inbound message, which opens the 24-hour window.
std::optional<std::int64_t> last_inbound_at(Connection& db, std::int64_t customer_id);
// The customer's conversation that is not closed (the newest), if any.
std::optional<std::int64_t> open_conversation_id(Connection& db, std::int64_t customer_id);
bool message_exists(Connection& db, const std::string& wamid);

// Stores an inbound message in the customer's open conversation (a new `bot` conversation when
// there is none) and updates the conversation's last customer message. Returns false, changing
// nothing, when the wamid is already stored (Meta repeats webhooks).
bool store_inbound_message(Connection& db, std::int64_t customer_id, const InboundMessage& message,
                           std::int64_t now);

} // namespace waconsole
