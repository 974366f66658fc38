// Graph API calls with pacing and retries.
#include "server/meta/meta_client.hpp"

#include "server/meta/message_payloads.hpp"

#include <cctype>
#include <fstream>
#include <httplib.h>
#include <thread>

namespace waconsole {
namespace {

std::string percent_encode(const std::string& text) {
    static const char* const kHex = "0123456789ABCDEF";
    std::string encoded;
    for (const unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            encoded.push_back(static_cast<char>(c));
        } else {
            encoded += {'%', kHex[c >> 4], kHex[c & 15]};
        }
    }
    return encoded;
}

std::optional<MetaError> error_of(const GraphResponse& response) {
    if (response.status == 0) {
        return transport_error(response.transport_error);
    }
    if (response.status < 200 || response.status >= 300) {
        return meta_error_from_response(response.status, response.body);
    }
    return std::nullopt;
}

// The `after` cursor of a page, from paging.cursors.after or else from the paging.next URL.
std::string next_cursor(const nlohmann::json& page) {
    const auto paging = page.find("paging");
    if (paging == page.end() || !paging->is_object() || !paging->contains("next")) {
        return "";
    }
    if (const auto cursors = paging->find("cursors");
        cursors != paging->end() && cursors->is_object()) {
        if (const auto after = cursors->find("after");
            after != cursors->end() && after->is_string()) {
            return after->get<std::string>();
        }
    }
    const auto& next = (*paging)["next"];
    if (!next.is_string()) {
        return "";
    }
    const auto url = next.get<std::string>();
    auto start = url.find("after=");
    while (start != std::string::npos && start > 0 && url[start - 1] != '?' &&
           url[start - 1] != '&') {
        start = url.find("after=", start + 1);
    }
    if (start == std::string::npos) {
        return "";
    }
    start += 6;
    return httplib::detail::decode_url(url.substr(start, url.find('&', start) - start), true);
}

} // namespace

MetaClient::MetaClient(MetaConfig config, RateLimiter& rate_limiter)
    : m_config(std::move(config)), m_rate_limiter(rate_limiter) {
    MetaClientOptions options;
    options.timeouts.read = std::chrono::seconds(m_config.read_timeout_seconds);
    set_options(options);
}

MetaClient::~MetaClient() = default;

void MetaClient::set_options(const MetaClientOptions& options) {
    m_options = options;
    m_url_problem.clear();
    const auto endpoint = parse_graph_url(m_config.graph_url, m_url_problem);
    // For the request threads' sends and the template sync; the send worker has its own
    // connections (paced_sender).
    m_transport = endpoint ? std::make_unique<GraphTransport>(*endpoint, m_config.access_token,
                                                              m_options.timeouts, m_config.ca_file)
                           : nullptr;
}

void MetaClient::set_graph_url(const std::string& graph_url) {
    m_config.graph_url = graph_url;
    set_options(m_options);
}

void MetaClient::close_idle_connections() {
    if (m_transport) {
        m_transport->close_idle();
    }
}

std::string MetaClient::configuration_problem() const {
    if (!m_url_problem.empty()) {
        return m_url_problem;
    }
    if (!m_config.ca_file.empty() && !std::ifstream(m_config.ca_file)) {
        return "META_CA_FILE " + m_config.ca_file + " cannot be read";
    }
    if (m_config.access_token.empty()) {
        return "META_ACCESS_TOKEN is not set";
    }
    if (m_config.phone_number_id.empty()) {
        return "META_PHONE_NUMBER_ID is not set";
    }
    return "";
}

std::string MetaClient::catalogue_problem() const {
    if (!m_url_problem.empty()) {
        return m_url_problem;
    }
    if (!m_config.ca_file.empty() && !std::ifstream(m_config.ca_file)) {
        return "META_CA_FILE " + m_config.ca_file + " cannot be read";
    }
    if (m_config.access_token.empty()) {
        return "META_ACCESS_TOKEN is not set";
    }
    if (m_config.waba_id.empty()) {
        return "META_WABA_ID is not set";
    }
    return "";
}

template <typename Request>
MetaClient::Attempt MetaClient::with_retries(bool rate_limited, Request&& request, int& attempts) {
    const auto& policy = m_options.retry;
    Attempt attempt;
    for (attempts = 1;; ++attempts) {
        if (rate_limited) {
            m_rate_limiter.acquire();
        }
        attempt.response = request();
        attempt.error = error_of(attempt.response);
        if (!attempt.error || !is_retryable(*attempt.error) || attempts >= policy.max_attempts) {
            return attempt;
        }
        const auto delay = backoff_delay(policy, attempts, *attempt.error);
        if (is_rate_limit(*attempt.error)) {
            // The whole number is over its budget: every sender waits, not only this one.
            m_rate_limiter.pause_for(delay);
        }
        std::this_thread::sleep_for(delay);
    }
}

SendAttempt MetaClient::send_once(const nlohmann::json& payload,
                                  std::optional<std::chrono::milliseconds> max_wait,
                                  bool slot_taken) {
    return send_once_text(payload.dump(), max_wait, slot_taken);
}

SendAttempt MetaClient::send_once_text(const std::string& json_body,
                                       std::optional<std::chrono::milliseconds> max_wait,
                                       bool slot_taken) {
    SendAttempt attempt;
    if (const auto problem = configuration_problem(); !problem.empty()) {
        attempt.verdict = SendVerdict::retry;
        attempt.attempted = false;
        attempt.error = MetaError{0, 0, "Meta is not configured: " + problem, ""};
        attempt.reason = attempt.error->title;
        return attempt;
    }
    if (slot_taken) {
        // The caller waited for it.
    } else if (!max_wait) {
        m_rate_limiter.acquire();
    } else if (!m_rate_limiter.try_acquire(*max_wait)) {
        attempt.verdict = SendVerdict::retry;
        attempt.attempted = false;
        attempt.reason = "the number's send rate is used up for now";
        return attempt;
    }
    return classify_send_answer(
        m_transport->post_json("/" + m_config.phone_number_id + "/messages", json_body));
}

std::unique_ptr<PacedGraphSender> MetaClient::paced_sender(PacedGraphSender::Done done) {
    if (!configuration_problem().empty() || !m_transport) {
        return nullptr;
    }
    return std::make_unique<PacedGraphSender>(m_transport->endpoint(),
                                              "/" + m_config.phone_number_id + "/messages",
                                              m_config.access_token, m_options.timeouts,
                                              m_config.ca_file, m_rate_limiter, std::move(done));
}

TemplateListResult MetaClient::list_templates() {
    TemplateListResult result;
    if (const auto problem = catalogue_problem(); !problem.empty()) {
        result.error = MetaError{0, 0, "Meta is not configured: " + problem, ""};
        return result;
    }
    const std::string base =
        "/" + m_config.waba_id +
        "/message_templates?fields=id,name,status,category,language,components,"
        "parameter_format,quality_score,rejected_reason&limit=" +
        std::to_string(m_options.template_page_size);
    std::string after;
    while (result.pages < m_options.max_template_pages) {
        const auto query = after.empty() ? base : base + "&after=" + percent_encode(after);
        int attempts = 0;
        auto attempt = with_retries(
            false, [&] { return m_transport->get(query); }, attempts);
        if (attempt.error) {
            result.error = std::move(attempt.error);
            return result;
        }
        const auto page = nlohmann::json::parse(attempt.response.body, nullptr, false);
        if (!page.is_object() || !page.contains("data") || !page["data"].is_array()) {
            result.error = MetaError{attempt.response.status, 0,
                                     "the template list is not in Meta's shape", ""};
            return result;
        }
        ++result.pages;
        for (const auto& item : page["data"]) {
            if (item.is_object()) {
                result.templates.push_back(item);
            }
        }
        const auto cursor = next_cursor(page);
        if (cursor.empty() || cursor == after) {
            return result;
        }
        after = cursor;
    }
    result.error = MetaError{0, 0, "the template list has more pages than allowed", ""};
    return result;
}

std::optional<MetaError> MetaClient::mark_read(const std::string& wamid) {
    if (const auto problem = configuration_problem(); !problem.empty()) {
        return MetaError{0, 0, "Meta is not configured: " + problem, ""};
    }
    const auto body = mark_read_payload(wamid).dump();
    const auto path = "/" + m_config.phone_number_id + "/messages";
    int attempts = 0;
    return with_retries(
               true, [&] { return m_transport->post_json(path, body); }, attempts)
        .error;
}

std::variant<nlohmann::json, MetaError> MetaClient::read_messaging_limit() {
    if (const auto problem = configuration_problem(); !problem.empty()) {
        return MetaError{0, 0, "Meta is not configured: " + problem, ""};
    }
    const auto path =
        "/" + m_config.phone_number_id + "?fields=whatsapp_business_manager_messaging_limit";
    int attempts = 0;
    auto attempt = with_retries(
        false, [&] { return m_transport->get(path); }, attempts);
    if (attempt.error) {
        return *attempt.error;
    }
    auto answer = nlohmann::json::parse(attempt.response.body, nullptr, false);
    if (!answer.is_object()) {
        return MetaError{attempt.response.status, 0, "the phone number's fields are not JSON", ""};
    }
    return answer;
}

} // namespace waconsole
