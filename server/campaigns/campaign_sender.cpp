// The campaign sender's thread and steps. What a crash can do at each instant:
// - before a feed step commits: nothing of it happened; the next run feeds the same recipients.
// - after it commits: each fed recipient has exactly one queued message; the send worker sends it.
// - while the worker holds a message `pending` (its request with Meta): at start-up it becomes
//   `unknown`, never sent again, resolved by its status webhook (biz_opaque_callback_data).
#include "server/campaigns/campaign_sender.hpp"

#include "server/clock.hpp"
#include "server/meta/message_payloads.hpp"
#include "server/meta/messaging_limit.hpp"
#include "server/meta/send_recording.hpp"
#include "server/meta/simdjson_parser.hpp"
#include "server/services.hpp"
#include "server/store/campaign_sending_store.hpp"
#include "server/store/customers_store.hpp"
#include "server/store/messages_store.hpp"
#include "server/thread_name.hpp"

#include <iostream>
#include <random>
#include <unistd.h>

namespace waconsole {
namespace {

std::string process_owner() {
    std::random_device random;
    return "pid" + std::to_string(::getpid()) + "-" + std::to_string(random());
}

std::string string_member(const simdjson::dom::element& item, const char* key,
                          std::string_view otherwise = "") {
    std::string_view value = otherwise;
    if (item.at_key(key).get_string().get(value) != simdjson::SUCCESS) {
        value = otherwise;
    }
    return std::string(value);
}

std::vector<TemplateParameter> parameters_of(const simdjson::dom::object& parameters,
                                             const char* key) {
    std::vector<TemplateParameter> list;
    simdjson::dom::array items;
    if (parameters.at_key(key).get_array().get(items) == simdjson::SUCCESS) {
        for (const simdjson::dom::element item : items) {
            list.push_back({string_member(item, "name"), string_member(item, "text")});
        }
    }
    return list;
}

// The recipient's stored parameters (written by the review: {"body":[{"name","text"}],
// "header":[...],"buttons":[{"index","kind","value"}]}), read with simdjson: one a recipient on
// the sender's thread, where nlohmann's tree of it cost more than the rest of the request.
TemplateMessage message_for(const CampaignStatus& campaign, const RecipientToFeed& recipient) {
    TemplateMessage message;
    message.to = recipient.phone;
    message.name = campaign.template_name;
    message.language = campaign.template_language;
    std::optional<simdjson::dom::parser> own;
    const auto root = parse_json(recipient.parameters_json, own);
    simdjson::dom::object parameters;
    if (!root || root->get_object().get(parameters) != simdjson::SUCCESS) {
        return message;
    }
    message.body = parameters_of(parameters, "body");
    message.header = parameters_of(parameters, "header");
    simdjson::dom::array buttons;
    if (parameters.at_key("buttons").get_array().get(buttons) == simdjson::SUCCESS) {
        for (const simdjson::dom::element item : buttons) {
            ButtonParameter button;
            std::int64_t index = 0;
            if (item.at_key("index").get_int64().get(index) != simdjson::SUCCESS) {
                index = 0;
            }
            button.index = static_cast<int>(index);
            button_kind_from_string(string_member(item, "kind", "quick_reply"), button.kind);
            button.value = string_member(item, "value");
            message.buttons.push_back(button);
        }
    }
    return message;
}

// Queues one recipient's message in the caller's transaction; false when it was skipped.
bool queue_recipient(Connection& db, const CampaignStatus& campaign,
                     const RecipientToFeed& recipient, std::int64_t campaign_id, std::int64_t now) {
    std::optional<CustomerRecord> customer;
    if (recipient.customer_id) {
        customer = find_customer(db, *recipient.customer_id);
    }
    if (!customer) {
        customer = find_customer_for_number(db, recipient.phone);
    }
    if (customer && customer->opted_out) {
        mark_recipient_skipped(
            db, recipient.id, "the customer asked not to receive campaigns after it was confirmed");
        return false;
    }
    const auto customer_id =
        customer ? customer->id
                 : create_customer(db, std::nullopt, recipient.phone, recipient.customer_name, now);
    OutboundMessage message;
    message.customer_id = customer_id;
    message.conversation_id = open_conversation_id(db, customer_id);
    message.kind = "template";
    message.body = recipient.rendered_text;
    message.template_name = campaign.template_name;
    message.template_language = campaign.template_language;
    message.campaign_id = campaign_id;
    const auto message_id = next_message_id(db);
    insert_queued_outbound_message(
        db, message_id, message,
        template_request(message_for(campaign, recipient), callback_data_for_message(message_id)),
        "campaign " + std::to_string(campaign_id), now * 1000, now);
    mark_recipient_fed(db, recipient.id, message_id);
    if (db.changes() != 1) {
        // Fed meanwhile by someone else: the lease makes this impossible, and if it happens the
        // transaction is rolled back rather than send a second message.
        throw StoreError("campaign recipient " + std::to_string(recipient.id) + " fed twice", 0);
    }
    return true;
}

} // namespace

CampaignSender::CampaignSender(CampaignSenderOptions options)
    : m_options(options), m_owner(process_owner()) {}

CampaignSender::~CampaignSender() {
    stop();
}

void CampaignSender::start(Services& services) {
    m_services = &services;
    // A server bound to a fixed address is the same sender after a restart (no other process can
    // hold that address), so a crash does not leave its campaigns waiting for the lease to expire.
    if (services.config.port > 0) {
        m_owner = "server@" + services.config.host + ":" + std::to_string(services.config.port);
    }
    m_thread = std::thread([this] {
        name_this_thread("wa-campaigns");
        run();
    });
}

void CampaignSender::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void CampaignSender::wake() {
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_wake.notify_all();
}

void CampaignSender::run() {
    while (true) {
        std::chrono::milliseconds sleep{1000};
        try {
            sleep = step(*m_services, now_seconds());
        } catch (const std::exception& e) {
            std::cerr << "waconsole-server: campaign sender: " << e.what() << std::endl;
        }
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, sleep, [this] { return m_stopping || m_woken; });
        if (m_stopping) {
            return;
        }
        m_woken = false;
    }
}

std::chrono::milliseconds CampaignSender::step(Services& services, std::int64_t now) {
    std::vector<std::int64_t> campaigns;
    std::optional<std::int64_t> next_start;
    {
        auto db = services.pool.acquire_writer();
        std::lock_guard write_lock(services.meta.store_write_mutex);
        Transaction transaction(*db);
        const int started = start_due_campaigns(*db, now);
        campaigns = campaigns_to_feed(*db);
        next_start = next_scheduled_start(*db);
        if (const auto resume = next_resume(*db);
            resume && (!next_start || *resume < *next_start)) {
            next_start = resume;
        }
        transaction.commit();
        if (started > 0) {
            services.changes.bump(Topic::campaigns);
        }
    }
    bool busy = false;
    for (const auto id : campaigns) {
        busy = feed(services, id, now) || busy;
    }
    // Asleep until the next scheduled start or resume (or an hour; wake() comes sooner when
    // needed).
    std::chrono::milliseconds sleep{3600 * 1000};
    if (next_start) {
        sleep = std::min(sleep, std::chrono::milliseconds(
                                    std::max<std::int64_t>((*next_start - now) * 1000, 0)));
    }
    if (busy) {
        sleep = std::min(sleep, m_options.busy_pause);
    } else if (!campaigns.empty()) {
        // Held by another process's lease: look again before it could expire.
        sleep = std::min(sleep, std::chrono::milliseconds(m_options.lease_seconds * 1000 / 3));
    }
    return sleep;
}

CampaignSender::Allowance CampaignSender::daily_allowance(Connection& db, std::int64_t now) {
    Allowance allowance;
    const auto limit = load_daily_limit(db);
    if (!limit.customers) {
        return allowance;
    }
    const auto since = now - kDayWindowSeconds;
    // Counting the day's customers reads every template of the day: done afresh every few
    // seconds, or every step once the limit is near; in between, what this sender queued since
    // is added (templates sent by agents meanwhile are counted at the next recount).
    const auto estimated = m_reach.counted.customers + m_reach.fed_since;
    if (!m_reach.counted_at || now - *m_reach.counted_at >= m_options.reach_recount_seconds ||
        *limit.customers - estimated <= 2 * m_options.batch) {
        m_reach.counted = reach_since(db, since);
        m_reach.counted_at = now;
        m_reach.fed_since = 0;
    }
    allowance.customers_left = *limit.customers - (m_reach.counted.customers + m_reach.fed_since);
    if (*allowance.customers_left <= 0) {
        // Counted in this call: a limit reached is within two batches, which recounts above.
        const auto oldest = m_reach.counted.oldest;
        allowance.resume_at = (oldest ? *oldest : now) + kDayWindowSeconds;
        allowance.reason = "the daily messaging limit of " + std::to_string(*limit.customers) +
                           " customers is reached; the rest waits for the 24-hour window to move";
    }
    return allowance;
}

bool CampaignSender::feed(Services& services, std::int64_t campaign_id, std::int64_t now) {
    bool queued_any = false;
    bool working = true;
    {
        auto db = services.pool.acquire_writer();
        std::lock_guard write_lock(services.meta.store_write_mutex);
        Transaction transaction(*db);
        if (!take_campaign_lease(*db, campaign_id, m_owner, now, now + m_options.lease_seconds)) {
            return false; // another process feeds it
        }
        const auto campaign = campaign_status(*db, campaign_id);
        if (!campaign || (campaign->status != "queued" && campaign->status != "sending" &&
                          campaign->status != "paused")) {
            return false;
        }
        const auto in_flight = recipients_in_flight(*db, campaign_id);
        auto room = std::min<std::int64_t>(m_options.batch, m_options.max_in_flight - in_flight);
        const auto allowance = daily_allowance(*db, now);
        if (allowance.customers_left && *allowance.customers_left <= 0 &&
            has_recipients_to_feed(*db, campaign_id)) {
            if (campaign->status != "paused" || campaign->resume_at != allowance.resume_at) {
                pause_campaign(*db, campaign_id, allowance.resume_at, allowance.reason);
                services.changes.bump(Topic::campaigns);
            }
            transaction.commit();
            return false; // until the window moves (step() sleeps until the resume time)
        }
        if (allowance.customers_left) {
            room = std::min(room, *allowance.customers_left);
        }
        if (room > 0) {
            for (const auto& recipient :
                 recipients_to_feed(*db, campaign_id, static_cast<int>(room))) {
                if (queue_recipient(*db, *campaign, recipient, campaign_id, now)) {
                    queued_any = true;
                    ++m_reach.fed_since;
                }
            }
        }
        if (campaign->status == "queued" || campaign->status == "paused") {
            set_campaign_status(*db, campaign_id, "sending", now);
        }
        if (!has_recipients_to_feed(*db, campaign_id) &&
            recipients_in_flight(*db, campaign_id) == 0) {
            set_campaign_status(*db, campaign_id, "completed", now);
            release_campaign_lease(*db, campaign_id, m_owner);
            working = false;
        }
        transaction.commit();
    }
    if (queued_any) {
        services.meta.sends.wake();
    }
    services.changes.bump({Topic::campaigns, Topic::messages});
    return working;
}

CancelResult cancel_campaign(Services& services, std::int64_t campaign_id, std::int64_t now) {
    CancelResult result;
    auto db = services.pool.acquire();
    std::lock_guard write_lock(services.meta.store_write_mutex);
    Transaction transaction(*db);
    const auto campaign = campaign_status(*db, campaign_id);
    if (!campaign) {
        return {404, "", 0, "no such campaign"};
    }
    if (campaign->status == "completed" || campaign->status == "cancelled") {
        return {409, campaign->status, 0,
                "the campaign is " + campaign->status + "; there is nothing left to cancel"};
    }
    result.not_sent = cancel_unsent_recipients(*db, campaign_id, now);
    set_campaign_status(*db, campaign_id, "cancelled", now);
    transaction.commit();
    result.status = "cancelled";
    services.changes.bump({Topic::campaigns, Topic::messages});
    return result;
}

} // namespace waconsole
