// The simulator's tunables: Meta's limits, delays and fault injection. They can change while the
// simulator runs (POST /_sim/config), so the send path reads an immutable snapshot that is swapped
// whole, never a struct that another thread is writing.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_set>

namespace waconsole::metasim {

struct SimConfig {
    // Meta's limits (shared/docs/meta-cloud-api.md "Throughput and quotas").
    double mps = 80;              // messages per second per business number; over it 130429
    double pair_rate_seconds = 6; // one message per customer this often; sooner 131056
    // Status webhooks: sent at 1x, delivered at 2x, read at 3x this delay after the send.
    int status_delay_ms = 200;
    int read_percent = 70; // share of delivered messages that are also read
    // Numbers (digits, wa_id or as sent) that are not on WhatsApp: their sends fail with 131026.
    std::unordered_set<std::string> unreachable_numbers;
    // Marketing blocks, matched like unreachable_numbers: a MARKETING template sent to one of
    // these is accepted and then fails by webhook with 131050 (the customer stopped marketing
    // messages) or 131049 (Meta's per-user marketing cap).
    std::unordered_set<std::string> marketing_stopped_numbers;
    std::unordered_set<std::string> marketing_capped_numbers;
    // Daily messaging limit: distinct customers reached by templates outside their service window
    // in a moving 24 h (0: unlimited); the send to one more fails by webhook with 131048.
    int daily_limit = 0;
    // Fault injection on POST .../messages.
    int fail_5xx_percent = 0;    // answer 500 (131000) or 503 (131016)
    int rate_429_percent = 0;    // answer 429 (130429) regardless of the real rate
    int timeout_percent = 0;     // hold the request timeout_hold_ms, then process it normally
    int late_answer_percent = 0; // accept the send at once (logged, statuses follow), then hold
                                 // the answer timeout_hold_ms: Meta has it, the client's answer
                                 // is lost
    int timeout_hold_ms = 12000; // longer than a typical 10 s client timeout
    // Every send's answer comes this long after the send was accepted: the Graph API's round
    // trip (100-300 ms from a server on the internet), which bounds how fast a client that
    // waits for each answer can send.
    int answer_delay_ms = 0;
    // Fault injection on webhooks.
    int duplicate_webhooks_percent = 0; // the same signed body is POSTed twice
    bool reorder_webhooks = false; // a send's statuses arrive newest first (read, delivered, sent)
    // Statuses of different messages due close together share one webhook POST, up to this many
    // (1: one status per POST).
    int status_batch_max = 20;
    // Webhook retries, like Meta's but bounded and short so tests stay fast.
    int webhook_max_attempts = 4;
    int webhook_retry_base_ms = 500; // doubles on each retry
    int webhook_timeout_ms = 5000;
    // Demo traffic: customers writing in per minute (0: none) and how long a customer who answers
    // the bot menu takes to send the digit.
    double traffic_per_minute = 0;
    int traffic_reply_delay_ms = 3000;
    // GET /_sim/sends keeps at most this many records; older ones are dropped (and counted).
    int send_log_limit = 2'000'000;
};

nlohmann::json to_json(const SimConfig& config);

// Applies the keys present in `changes` onto `config`. Returns an empty string, or why the
// changes were refused (then `config` is left as it was).
std::string apply_config_changes(SimConfig& config, const nlohmann::json& changes);

// The live configuration: readers get a snapshot that stays valid while they use it.
class ConfigHolder {
public:
    explicit ConfigHolder(SimConfig initial)
        : m_current(std::make_shared<const SimConfig>(std::move(initial))) {}

    std::shared_ptr<const SimConfig> get() const {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_current;
    }
    // Returns an empty string, or why the changes were refused.
    std::string update(const nlohmann::json& changes, nlohmann::json& result);
    // The simulator's own changes (a customer's stop, a new limit), made on a copy and swapped in.
    void modify(const std::function<void(SimConfig&)>& change);

private:
    mutable std::mutex m_mutex;
    std::shared_ptr<const SimConfig> m_current;
};

} // namespace waconsole::metasim
