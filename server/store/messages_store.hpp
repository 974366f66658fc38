// Messages as the Meta layer writes them. An outbound message is inserted `pending` (with the
// Graph request it will send) before the send, then gets one outcome: `accepted` with its
// wamid, `failed` with Meta's error, `queued` for a retry by the send worker (which holds it
// `pending` again while it tries), or `unknown` when Meta may have it and we did not get its
// id; an `unknown` message left so for the configured time becomes `unresolved`. Every outcome
// is recorded only on a message still `pending`: a status webhook that identified the message
// first (through biz_opaque_callback_data) wins. Inbound messages come from webhooks, at most
// once per wamid. Statuses are in message_status_store.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

struct OutboundMessage {
    std::int64_t customer_id = 0;
    std::optional<std::int64_t> conversation_id;
    std::string kind; // "template" or "text"
    std::string body; // the text as the customer sees it (template variables substituted)
    std::optional<std::int64_t> sent_by_user_id;
    std::optional<std::string> template_name;
    std::optional<std::string> template_language;
    std::optional<std::int64_t> campaign_id; // the campaign whose recipient this message is
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

// An outbound message as the send API and the send worker report it.
struct OutboundState {
    std::int64_t id = 0;
    std::int64_t customer_id = 0;
    std::optional<std::int64_t> sent_by_user_id;
    std::optional<std::string> wamid;
    std::string status;
    std::optional<std::string> status_reason;
    int attempts = 0;
    std::optional<std::int64_t> retry_at_ms;
    std::optional<int> error_code;
    std::string error_title;
    std::string error_details;
    bool error_retryable = false;
};

// A queued message the send worker has just claimed (it is `pending` now).
struct QueuedSend {
    std::int64_t message_id = 0;
    std::int64_t customer_id = 0;
    int attempts = 0;
    std::string request;
};

std::int64_t insert_outbound_message(Connection& db, const OutboundMessage& message,
                                     std::int64_t now);
// The Graph request body the message is sent with (and sent again with, when queued). Kept in
// message_requests, not in the message's row, until Meta has the message: a row that held a
// few hundred bytes of request and then lost them filled a fifth of its page, so each status,
// claim and answer of a campaign wrote several times the pages it needed.
void set_send_request(Connection& db, std::int64_t message_id, const std::string& request);
std::optional<std::string> stored_send_request(Connection& db, std::int64_t message_id);
void record_send_accepted(Connection& db, std::int64_t message_id, const std::string& wamid,
                          int attempts);
void record_send_failed(Connection& db, std::int64_t message_id, const SendFailure& failure,
                        int attempts, std::int64_t now);
void record_send_unknown(Connection& db, std::int64_t message_id, const std::string& reason,
                         int attempts, std::int64_t now);
void record_send_queued(Connection& db, std::int64_t message_id, const SendFailure& last_error,
                        const std::string& reason, int attempts, std::int64_t retry_at_ms);
// The id the next message inserted in the caller's write transaction gets, so that its Graph
// request (which names it in biz_opaque_callback_data) can be stored with it in one INSERT.
std::int64_t next_message_id(Connection& db);
// A new message handed to the send worker: inserted `queued` with its request, due at
// `due_at_ms`, under the id next_message_id() gave.
void insert_queued_outbound_message(Connection& db, std::int64_t id, const OutboundMessage& message,
                                    const std::string& request, const std::string& reason,
                                    std::int64_t due_at_ms, std::int64_t now);
std::optional<OutboundState> find_outbound_state(Connection& db, std::int64_t message_id);

// The send worker's queue, in the caller's write transaction (or none): at most `limit` queued
// messages due at `now_ms`, the first due first, moved to `pending`. A message a status webhook
// has named (wamid set) reached Meta after all and is never claimed.
std::vector<QueuedSend> claim_queued_sends(Connection& db, std::int64_t now_ms, int limit);
std::optional<std::int64_t> next_queued_send_at_ms(Connection& db);
// At start-up: messages still `pending` were with Meta when the server stopped. Returns how many
// became `unknown`.
int mark_interrupted_sends_unknown(Connection& db, std::int64_t now);
// Messages `unknown` since before `cutoff` become `unresolved`. Returns how many.
int mark_unknown_sends_unresolved(Connection& db, std::int64_t cutoff, std::int64_t now);

// Moves a message to another customer (the same person, found by Meta's canonical wa_id) with
// its conversation: into `to_customer`'s open conversation when there is one, else the
// conversation (with everything in it) goes to `to_customer` too.
void move_message_to_customer(Connection& db, std::int64_t message_id, std::int64_t from_customer,
                              std::int64_t to_customer);

// The time of the customer's latest inbound message, which opens the 24-hour window.
std::optional<std::int64_t> last_inbound_at(Connection& db, std::int64_t customer_id);
// The customer's conversation that is not closed (the newest), if any.
std::optional<std::int64_t> open_conversation_id(Connection& db, std::int64_t customer_id);
bool message_exists(Connection& db, const std::string& wamid);
// The customer an outbound message went to, found by its wamid or else by our id.
std::optional<std::int64_t> customer_of_outbound(Connection& db, const std::string& wamid,
                                                 std::optional<std::int64_t> message_id);

struct StoredInbound {
    std::int64_t message_id = 0;
    std::int64_t conversation_id = 0;
    bool opened_conversation = false; // the message opened a new `bot` conversation
};

// Stores an inbound message in the customer's open conversation (a new `bot` conversation when
// there is none) and updates the conversation's last customer message. Returns nullopt,
// changing nothing, when the wamid is already stored (Meta repeats webhooks).
std::optional<StoredInbound> store_inbound_message(Connection& db, std::int64_t customer_id,
                                                   const InboundMessage& message, std::int64_t now);
// The newest inbound message of a conversation that has a wamid (what a mark-as-read names).
std::optional<std::string> newest_inbound_wamid(Connection& db, std::int64_t conversation_id);

} // namespace waconsole
