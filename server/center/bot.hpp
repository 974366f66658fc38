// The Softbot, as the webhook ingest's listener: inside the ingest transaction it looks at each
// inbound message of an unmanaged (`bot`) conversation and, by the rules of
// shared/bot_menu.hpp, queues the conversation for the chosen skillset, or stores the menu as a
// text message `queued` for the send worker (durable, off the webhook's thread; inside the
// window, since the customer just wrote), or stays silent after the re-prompt limit. After the
// commit the caller wakes the send worker (menus_queued) and the routing engine (conversations
// queued).
#pragma once

#include "server/meta/webhook_ingest.hpp"
#include "shared/bot_menu.hpp"

#include <optional>

namespace waconsole {

class BotListener : public InboundListener {
public:
    void on_inbound(Connection& db, std::int64_t customer_id, const InboundMessage& message,
                    const StoredInbound& stored, std::int64_t now) override;

    int menus_queued = 0;
    int conversations_queued = 0;
    int conversations_opened = 0;
    int opt_out_changes = 0; // STOP / START messages

private:
    std::optional<BotSettings> m_settings; // read once per batch
};

} // namespace waconsole
