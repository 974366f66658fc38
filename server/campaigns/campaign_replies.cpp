// Replies tied to their campaign recipient.
#include "server/campaigns/campaign_replies.hpp"

#include "server/store/campaign_replies_store.hpp"
#include "server/store/settings_store.hpp"
#include "shared/paging.hpp"

namespace waconsole {
namespace {

// The digits after `prefix` at `at`, moving `at` past them.
std::optional<std::int64_t> number_after(const std::string& text, std::size_t& at, char prefix) {
    if (at >= text.size() || text[at] != prefix) {
        return std::nullopt;
    }
    const auto start = ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
        ++at;
    }
    return parse_whole_number(text.substr(start, at - start));
}

} // namespace

std::optional<QuickReplyPayload> parse_quick_reply_payload(const std::string& payload) {
    std::size_t at = 0;
    const auto campaign = number_after(payload, at, 'c');
    if (!campaign || at >= payload.size() || payload[at++] != '.') {
        return std::nullopt;
    }
    const auto row = number_after(payload, at, 'r');
    if (!row || at >= payload.size() || payload[at++] != '.') {
        return std::nullopt;
    }
    const auto button = number_after(payload, at, 'b');
    if (!button || at != payload.size() || *button > 9) {
        return std::nullopt;
    }
    return QuickReplyPayload{static_cast<std::int64_t>(*campaign), static_cast<std::int64_t>(*row),
                             static_cast<int>(*button)};
}

void CampaignReplyListener::on_inbound(Connection& db, std::int64_t customer_id,
                                       const InboundMessage& message, const StoredInbound&,
                                       std::int64_t now) {
    std::optional<std::int64_t> recipient;
    if (message.payload) {
        if (const auto tap = parse_quick_reply_payload(*message.payload)) {
            recipient = recipient_by_row(db, tap->campaign_id, tap->row_number, customer_id);
        }
    }
    if (!recipient && message.context_wamid) {
        recipient = recipient_by_wamid(db, *message.context_wamid, customer_id);
    }
    if (!recipient) {
        if (!m_window_seconds) {
            const auto hours = load_setting(db, kReplyWindowSetting);
            m_window_seconds = (hours && hours->is_number_integer() && hours->get<int>() > 0
                                    ? hours->get<std::int64_t>()
                                    : kDefaultReplyWindowHours) *
                               3600;
        }
        recipient = newest_unanswered_recipient(db, customer_id, now - *m_window_seconds);
    }
    const auto at = message.timestamp > 0 ? message.timestamp : now;
    if (recipient && mark_recipient_replied(db, *recipient, at)) {
        ++replies;
    }
}

} // namespace waconsole
