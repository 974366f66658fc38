// The Graph API calls waconsole makes: send a message, list the template catalogue (all
// pages), mark a message read. Sends wait for the shared rate limiter, and retryable errors are
// retried here with back-off; the caller gets one final outcome to record. Thread-safe, except
// set_options, which is for start-up and tests.
#pragma once

#include "server/config.hpp"
#include "server/meta/graph_transport.hpp"
#include "server/meta/meta_error.hpp"
#include "server/meta/rate_limiter.hpp"
#include "server/meta/retry_policy.hpp"

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

struct MetaClientOptions {
    RetryPolicy retry;
    GraphTimeouts timeouts;
    int template_page_size = 100;
    int max_template_pages = 1000; // a guard against a paging loop, far above any real catalogue
};

struct SendResult {
    bool accepted = false;
    std::string wamid;
    std::string wa_id;              // contacts[0].wa_id: Meta's canonical id for the number sent to
    std::optional<MetaError> error; // the last error, when not accepted
    bool retryable = false;         // the class of that error (retries already spent)
    int attempts = 0;
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

    SendResult send(const nlohmann::json& payload);
    TemplateListResult list_templates();
    std::optional<MetaError> mark_read(const std::string& wamid);

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
