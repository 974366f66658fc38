// The send path of POST /{phone-number-id}/messages after authentication: fault injection,
// validation, the throughput and pair-rate limits, the accepted-sends log, and the status
// webhooks that follow an accepted send (delivered, or failed for an unreachable number, a closed
// window, a marketing block or the daily messaging limit). Kept cheap: no thread per request, no
// scan of history.
#pragma once

#include "metasim/customer_windows.hpp"
#include "metasim/daily_limit.hpp"
#include "metasim/rate_limits.hpp"
#include "metasim/send_log.hpp"
#include "metasim/send_validation.hpp"
#include "metasim/sim_config.hpp"
#include "metasim/template_catalogue.hpp"
#include "metasim/webhook_dispatcher.hpp"
#include "metasim/webhook_events.hpp"

#include <condition_variable>
#include <mutex>
#include <string>

namespace waconsole::metasim {

struct SendResponse {
    int http_status = 200;
    std::string body;
};

class MessageService {
public:
    MessageService(const ConfigHolder& config, const TemplateCatalogue& catalogue,
                   CustomerWindows& windows, DailyLimit& daily_limit, SendLog& log,
                   WebhookDispatcher& dispatcher)
        : m_config(config), m_catalogue(catalogue), m_windows(windows), m_daily_limit(daily_limit),
          m_log(log), m_dispatcher(dispatcher) {}

    SendResponse send(const std::string& raw_body);
    // Ends every held (timeout-injected) request early so shutdown does not wait for them.
    void stop();

private:
    // Meta's mark-as-read request (blue ticks for the customer).
    SendResponse mark_read(const nlohmann::json& body);
    // Sleeps for the injected timeout; false when stopped meanwhile.
    bool hold(int milliseconds);
    void schedule_statuses(const ValidSend& send, const std::string& wamid,
                           const SimConfig& config);
    // The error a send fails with by webhook after being accepted, if any: 131026, 131047,
    // 131050, 131049, 131048 (checked in that order; a send that fails earlier uses none of the
    // daily limit).
    void delivery_failure(const ValidSend& send, const SimConfig& config, std::int64_t now_ms,
                          StatusEvent& failure);

    const ConfigHolder& m_config;
    const TemplateCatalogue& m_catalogue;
    CustomerWindows& m_windows;
    DailyLimit& m_daily_limit;
    SendLog& m_log;
    WebhookDispatcher& m_dispatcher;
    ThroughputLimiter m_throughput;
    PairRateLimiter m_pair_rate;
    std::mutex m_stop_mutex;
    std::condition_variable m_stop_signal;
    bool m_stopping = false;
};

} // namespace waconsole::metasim
