// Sends confirmed campaigns, each recipient exactly once. It does not call Meta itself: it feeds
// recipients to the Meta layer's durable send queue (the messages table) a batch at a time, each
// recipient linked to its message in the same transaction that queues the message, so a
// recipient is queued at most once whatever crashes. The send worker then sends each queued
// message at most once (pending → accepted / failed / unknown, unknown resolved by status
// webhooks through biz_opaque_callback_data), and paces them with the rate limiter. One thread:
// it starts scheduled campaigns when due (sleeping until the next start, not polling), feeds the
// campaigns it holds the lease of, and ends them when every recipient's message has left the
// queue. docs/campaigns.md "Sending" says what can happen at each instant of a crash.
#pragma once

#include "server/config.hpp"
#include "server/store/campaign_sending_store.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace waconsole {

struct Services;

struct CampaignSenderOptions {
    int batch = 200;                  // recipients queued per step
    std::int64_t max_in_flight = 400; // queued or pending messages of one campaign at once
    std::int64_t lease_seconds = 30;
    std::chrono::milliseconds busy_pause{100}; // between steps while a campaign is sending
    std::int64_t reach_recount_seconds = 5;    // the daily limit's count is read this often
};

// The queue is kept deep enough for every send thread to have a message, and a batch more.
inline CampaignSenderOptions campaign_sender_options(const MetaConfig& meta) {
    CampaignSenderOptions options;
    options.max_in_flight =
        std::max<std::int64_t>(options.max_in_flight, send_concurrency(meta) + 2 * options.batch);
    return options;
}

// The daily messaging limit's moving window.
constexpr std::int64_t kDayWindowSeconds = 24 * 3600;

class CampaignSender {
public:
    explicit CampaignSender(CampaignSenderOptions options = {});
    ~CampaignSender();
    CampaignSender(const CampaignSender&) = delete;
    CampaignSender& operator=(const CampaignSender&) = delete;

    // Starts the thread; `services` must outlive stop(). Campaigns overdue while the server was
    // down start at once.
    void start(Services& services);
    void stop();
    // Something changed (a campaign confirmed or cancelled): look now.
    void wake();

    // One step at `now` (epoch seconds): starts due campaigns, feeds, finishes. Returns how long
    // the thread may sleep before the next step is needed.
    std::chrono::milliseconds step(Services& services, std::int64_t now);

    const std::string& owner() const { return m_owner; }

private:
    void run();
    // Feeds one campaign; true while it still has work.
    bool feed(Services& services, std::int64_t campaign_id, std::int64_t now);

    // How many more customers the daily messaging limit lets campaigns reach now (nullopt: no
    // limit known), and when a pause would end.
    struct Allowance {
        std::optional<std::int64_t> customers_left;
        std::int64_t resume_at = 0;
        std::string reason;
    };
    Allowance daily_allowance(Connection& db, std::int64_t now);
    struct ReachCount {
        std::optional<std::int64_t> counted_at;
        DayReach counted;
        std::int64_t fed_since = 0; // queued by this sender since the count
    };
    ReachCount m_reach;

    CampaignSenderOptions m_options;
    std::string m_owner; // this process, in the lease: its listening address, else random
    Services* m_services = nullptr;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_woken = false;
    bool m_stopping = false;
};

// Cancels a campaign that has not finished: what is not yet with Meta is not sent. 404 / 409 as
// the API says; returns the campaign's status after.
struct CancelResult {
    int http_status = 200;
    std::string status;
    std::int64_t not_sent = 0;
    std::string message;
};
CancelResult cancel_campaign(Services& services, std::int64_t campaign_id, std::int64_t now);

} // namespace waconsole
