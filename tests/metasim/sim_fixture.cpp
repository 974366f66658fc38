// The in-process simulator and webhook receiver the simulator tests share.
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace waconsole::test {

std::string reference_hmac_hex(const std::string& key, const std::string& body) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest, &length);
    std::string hex;
    char pair[3];
    for (unsigned int i = 0; i < length; ++i) {
        std::snprintf(pair, sizeof pair, "%02x", digest[i]);
        hex += pair;
    }
    return hex;
}

WebhookReceiver::WebhookReceiver() {
    m_server.Post("/webhook", [this](const httplib::Request& req, httplib::Response& res) {
        ReceivedWebhook hook;
        hook.body = req.body;
        hook.signature = req.get_header_value("X-Hub-Signature-256");
        hook.signature_valid = hook.signature == "sha256=" + reference_hmac_hex(kSecret, req.body);
        hook.parsed = json::parse(req.body, nullptr, false);
        // Taken in one step: two webhook workers posting at once must not both take the last.
        int left = m_fail_next.load();
        while (left > 0 && !m_fail_next.compare_exchange_weak(left, left - 1)) {
        }
        if (left > 0) {
            res.status = 500;
            return;
        }
        std::lock_guard<std::mutex> lock(m_mutex);
        m_received.push_back(std::move(hook));
    });
    m_port = m_server.bind_to_any_port("127.0.0.1");
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    while (!m_server.is_running()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

WebhookReceiver::~WebhookReceiver() {
    m_server.stop();
    m_thread.join();
}

std::vector<ReceivedWebhook> WebhookReceiver::received() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_received;
}

bool WebhookReceiver::wait_for(const std::function<bool(const std::vector<ReceivedWebhook>&)>& done,
                               std::chrono::milliseconds timeout) const {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
        if (done(received())) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return done(received());
}

std::vector<json> all_statuses(const ReceivedWebhook& hook) {
    std::vector<json> statuses;
    for (const auto& entry : hook.parsed.value("entry", json::array())) {
        for (const auto& change : entry.value("changes", json::array())) {
            const json value = change.value("value", json::object());
            for (const auto& status : value.value("statuses", json::array())) {
                statuses.push_back(status);
            }
        }
    }
    return statuses;
}

std::vector<json> statuses_of(const std::vector<ReceivedWebhook>& webhooks,
                              const std::string& wamid) {
    std::vector<json> statuses;
    for (const auto& hook : webhooks) {
        for (auto& status : all_statuses(hook)) {
            if (status["id"] == wamid) {
                statuses.push_back(std::move(status));
            }
        }
    }
    return statuses;
}

std::function<bool(const std::vector<ReceivedWebhook>&)> has_statuses(const std::string& wamid,
                                                                      std::size_t count) {
    return [wamid, count](const std::vector<ReceivedWebhook>& hooks) {
        return statuses_of(hooks, wamid).size() >= count;
    };
}

std::function<bool(const std::vector<ReceivedWebhook>&)>
has_final_status(const std::string& wamid) {
    return [wamid](const std::vector<ReceivedWebhook>& hooks) {
        for (const auto& status : statuses_of(hooks, wamid)) {
            if (status["status"] == "read" || status["status"] == "failed") {
                return true;
            }
        }
        return false;
    };
}

std::vector<std::string> status_names(const std::vector<json>& statuses) {
    std::vector<std::string> names;
    for (const auto& status : statuses) {
        names.push_back(status["status"].get<std::string>());
    }
    return names;
}

SimFixture::SimFixture(const std::function<void(SimOptions&)>& adjust) {
    SimOptions options;
    options.port = 0;
    options.app_secret = kSecret;
    options.access_token = kToken;
    options.webhook_url = "http://127.0.0.1:" + std::to_string(receiver.port()) + "/webhook";
    options.http_threads = 8;
    options.webhook_workers = 2;
    options.config.mps = 0;
    options.config.pair_rate_seconds = 0;
    options.config.status_delay_ms = 20;
    options.config.read_percent = 100;
    options.config.webhook_retry_base_ms = 20;
    options.config.webhook_timeout_ms = 2000;
    if (adjust) {
        adjust(options);
    }
    sim = std::make_unique<Simulator>(options);
    const int port = sim->start();
    client = std::make_unique<httplib::Client>("127.0.0.1", port);
}

SimFixture::~SimFixture() {
    sim->stop();
}

httplib::Result SimFixture::send(const json& body, const std::string& token) {
    return client->Post("/v21.0/1000000001/messages", {{"Authorization", "Bearer " + token}},
                        body.dump(), "application/json");
}

httplib::Result SimFixture::get(const std::string& path) {
    return client->Get(path.c_str(), {{"Authorization", "Bearer " + kToken}});
}

httplib::Result SimFixture::post(const std::string& path, const json& body) {
    return client->Post(path.c_str(), body.dump(), "application/json");
}

std::string accepted_wamid(SimFixture& sim, const json& body) {
    const auto res = sim.send(body);
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200);
    return json::parse(res->body)["messages"][0]["id"].get<std::string>();
}

json SimFixture::sends() {
    const auto res = client->Get("/_sim/sends");
    REQUIRE(res);
    return json::parse(res->body)["sends"];
}

void SimFixture::configure(const json& changes) {
    const auto res = post("/_sim/config", changes);
    REQUIRE(res);
    REQUIRE(res->status == 200);
}

json template_send(const std::string& to, const std::string& name, const std::string& language,
                   const std::vector<std::string>& body_parameters) {
    json parameters = json::array();
    for (const auto& text : body_parameters) {
        parameters.push_back({{"type", "text"}, {"text", text}});
    }
    return {{"messaging_product", "whatsapp"},
            {"recipient_type", "individual"},
            {"to", to},
            {"type", "template"},
            {"template",
             {{"name", name},
              {"language", {{"code", language}}},
              {"components", json::array({{{"type", "body"}, {"parameters", parameters}}})}}}};
}

json order_update_send(const std::string& to, const std::string& first, const std::string& second) {
    json body = template_send(to, "order_update", "es_MX", {first, second});
    body["template"]["components"].push_back(
        {{"type", "button"},
         {"sub_type", "quick_reply"},
         {"index", "0"},
         {"parameters", json::array({{{"type", "payload"}, {"payload", "C42|YES"}}})}});
    body["template"]["components"].push_back(
        {{"type", "button"},
         {"sub_type", "url"},
         {"index", "2"},
         {"parameters", json::array({{{"type", "text"}, {"text", second}}})}});
    return body;
}

json text_send(const std::string& to, const std::string& text) {
    return {{"messaging_product", "whatsapp"},
            {"to", to},
            {"type", "text"},
            {"text", {{"body", text}}}};
}

} // namespace waconsole::test
