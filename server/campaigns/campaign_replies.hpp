// Which campaign a customer's message answers. In order: a quick-reply tap carries the payload
// the campaign gave its button (`c<campaign>.r<row>.b<button>`); a message that quotes ours
// carries its wamid in context.id; otherwise any message of the customer within the reply window
// (setting `campaigns.reply_window_hours`, default 24) answers the newest campaign message they
// got in it. Each recipient is replied once, at the first answer.
#pragma once

#include "server/meta/webhook_ingest.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace waconsole {

constexpr const char* kReplyWindowSetting = "campaigns.reply_window_hours";
constexpr std::int64_t kDefaultReplyWindowHours = 24;

struct QuickReplyPayload {
    std::int64_t campaign_id = 0;
    std::int64_t row_number = 0;
    int button = 0;
};
// "c12.r3.b0" → {12, 3, 0}; nullopt for anything else.
std::optional<QuickReplyPayload> parse_quick_reply_payload(const std::string& payload);

// Told of each inbound message inside the webhook's transaction.
class CampaignReplyListener : public InboundListener {
public:
    void on_inbound(Connection& db, std::int64_t customer_id, const InboundMessage& message,
                    const StoredInbound& stored, std::int64_t now) override;
    int replies = 0; // recipients newly marked replied

private:
    std::optional<std::int64_t> m_window_seconds; // read once per webhook POST
};

} // namespace waconsole
