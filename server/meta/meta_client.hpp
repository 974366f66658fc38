// The Graph API calls waconsole makes: send a message, list the template catalogue (all
// pages), mark a message read. Sends wait for the shared rate limiter and are made exactly once
// here: whether and when to send again is the caller's decision (send_outcome.hpp,
// send_recording.hpp). The idempotent calls are retried here with back-off. Thread-safe, except
// set_options and set_graph_url, which are for start-up and tests (before the send worker runs).
#pragma once

#include "server/config.hpp"
#include "server/meta/graph_transport.hpp"
#include "server/meta/meta_error.hpp"
#include "server/meta/paced_graph_sender.hpp"
#include "server/meta/rate_limiter.hpp"
#include "server/meta/retry_policy.hpp"
#include "server/meta/send_outcome.hpp"

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace waconsole {

struct MetaClientOptions {
    RetryPolicy retry;
    GraphTimeouts timeouts;
    int template_page_size = 100;
    int max_template_pages = 1000; // a guard against a paging loop, far above any real catalogue
};

struct TemplateListResult {
    std::vector<nlohmann::json> templates; // Meta's template objects as listed
    int pages = 0;
    std::optional<MetaError> error; // set when the listing could not be completed
};

class MetaClient {
public:
    MetaClient(MetaConfig config, RateLimiter& rate_limiter);
    ~MetaClient();

    void set_options(const MetaClientOptions& options);
    // Points the client at another Graph API base (tests start the simulator after the server).
    void set_graph_url(const std::string& graph_url);
    const MetaClientOptions& options() const { return m_options; }

    // Empty when sending can work; otherwise what is missing (never the secret values).
    std::string configuration_problem() const;
    // Same for the template listing, which needs the WABA id rather than the phone number id.
    std::string catalogue_problem() const;

    // Closes kept-alive Graph API connections that are not in use.
    void close_idle_connections();

    // One attempt. Waits for the rate limiter at most `max_wait` (nullopt: as long as it
    // takes); when no slot comes in time nothing is sent (verdict retry, attempted false).
    // `slot_taken`: the caller took the rate limiter's slot already (the send worker takes it
    // before it claims a message, so a message is `pending` only while its request can go).
    SendAttempt send_once(const nlohmann::json& payload,
                          std::optional<std::chrono::milliseconds> max_wait,
                          bool slot_taken = false);
    // The same with the request body already serialized (a stored request).
    SendAttempt send_once_text(const std::string& json_body,
                               std::optional<std::chrono::milliseconds> max_wait,
                               bool slot_taken = false);
    // The send worker's way to Meta for stored requests, each leaving at its rate slot (see
    // paced_graph_sender.hpp); `done` gets each answer on that sender's thread. nullptr when
    // sending is not configured (configuration_problem()).
    std::unique_ptr<PacedGraphSender> paced_sender(PacedGraphSender::Done done);
    TemplateListResult list_templates();
    std::optional<MetaError> mark_read(const std::string& wamid);
    // The portfolio's daily messaging limit as the phone number's fields give it.
    std::variant<nlohmann::json, MetaError> read_messaging_limit();

private:
    struct Attempt {
        GraphResponse response;
        std::optional<MetaError> error;
    };
    // Calls `request` until it succeeds, fails finally or runs out of attempts.
    template <typename Request>
    Attempt with_retries(bool rate_limited, Request&& request, int& attempts);

    MetaConfig m_config;
    RateLimiter& m_rate_limiter;
    MetaClientOptions m_options;
    std::string m_url_problem;
    std::unique_ptr<GraphTransport> m_transport;
};

} // namespace waconsole
