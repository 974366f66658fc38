// The bot's decisions and its menu message.
#include "server/center/bot.hpp"

#include "server/meta/message_payloads.hpp"
#include "server/meta/send_recording.hpp"
#include "server/store/conversations_store.hpp"
#include "server/store/customers_store.hpp"
#include "server/store/settings_store.hpp"
#include "server/store/team_store.hpp"
#include "shared/opt_out.hpp"

#include <iostream>

namespace waconsole {
namespace {

// Stores the menu as an outbound text `queued` for the send worker, due now.
bool queue_menu(Connection& db, std::int64_t customer_id, std::int64_t conversation_id,
                const std::string& text, std::int64_t now) {
    const auto customer = find_customer(db, customer_id);
    if (!customer || !customer->phone) {
        // A user who hides the phone is reached by user id, which this layer does not send to.
        std::cerr << "waconsole-server: the bot cannot answer customer " << customer_id
                  << ": no phone number" << std::endl;
        return false;
    }
    OutboundMessage message;
    message.customer_id = customer_id;
    message.conversation_id = conversation_id;
    message.kind = "text";
    message.body = text;
    const auto id = next_message_id(db);
    auto payload = text_payload(*customer->phone, text);
    payload["biz_opaque_callback_data"] = callback_data_for_message(id);
    insert_queued_outbound_message(db, id, message, payload.dump(), "the bot's menu, on its way",
                                   now_milliseconds(), now);
    return true;
}

} // namespace

void BotListener::on_inbound(Connection& db, std::int64_t customer_id,
                             const InboundMessage& message, const StoredInbound& stored,
                             std::int64_t now) {
    if (stored.opened_conversation) {
        ++conversations_opened;
    }
    // STOP / START opt the customer out of campaigns or back in; the bot does not answer them
    // with its menu (a customer who asked for silence is not prompted).
    if (const auto request =
            message.kind == "text" ? opt_out_request(message.body) : OptOutRequest::none;
        request != OptOutRequest::none) {
        set_customer_opted_out(db, customer_id, request == OptOutRequest::stop);
        ++opt_out_changes;
        return;
    }
    const auto conversation = find_conversation(db, stored.conversation_id);
    if (!conversation || conversation->state != "bot") {
        return;
    }
    if (!m_settings) {
        m_settings = load_bot_settings(db);
    }
    std::vector<MenuEntry> entries;
    std::vector<int> digits;
    for (const auto& skillset : list_skillsets(db)) {
        if (skillset.menu_digit) {
            entries.push_back({*skillset.menu_digit, skillset.name});
            digits.push_back(*skillset.menu_digit);
        }
    }
    const auto step = bot_step(conversation->menus_sent, m_settings->reprompt_limit,
                               menu_choice(message.kind, message.body, message.payload), digits);
    switch (step.action) {
    case BotAction::queue:
        if (const auto skillset = find_skillset_by_digit(db, *step.digit)) {
            queue_for_skillset(db, conversation->id, skillset->id, now);
            ++conversations_queued;
        }
        break;
    case BotAction::send_menu:
        if (queue_menu(db, customer_id, conversation->id,
                       menu_text(m_settings->menu_intro, entries), now)) {
            set_menus_sent(db, conversation->id, conversation->menus_sent + 1);
            ++menus_queued;
        }
        break;
    case BotAction::stay_silent:
        break;
    }
}

} // namespace waconsole
