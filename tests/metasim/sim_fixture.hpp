// A simulator started in-process on port 0 plus a webhook receiver that records every POST and
// checks its X-Hub-Signature-256 with OpenSSL directly (not with the simulator's own code).
#pragma once

#include "metasim/simulator.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <httplib.h>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace waconsole::test {
using namespace waconsole::metasim;

using json = nlohmann::json;

inline const std::string kSecret = "test-app-secret";
inline const std::string kToken = "test-token";

std::string reference_hmac_hex(const std::string& key, const std::string& body);

struct ReceivedWebhook {
    std::string body;
    std::string signature;
    bool signature_valid = false;
    json parsed;
};

class WebhookReceiver {
public:
    WebhookReceiver();
    ~WebhookReceiver();
    int port() const { return m_port; }
    std::vector<ReceivedWebhook> received() const;
    // Waits until `done(received())` holds or the timeout passes; returns whether it held.
    bool wait_for(const std::function<bool(const std::vector<ReceivedWebhook>&)>& done,
                  std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;
    // The next `count` POSTs are answered 500.
    void fail_next(int count) { m_fail_next = count; }

private:
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
    std::atomic<int> m_fail_next{0};
    mutable std::mutex m_mutex;
    std::vector<ReceivedWebhook> m_received;
};

// Every entry of value.statuses in a webhook, in order (several when statuses are batched).
std::vector<json> all_statuses(const ReceivedWebhook& hook);
// Statuses of one wamid, in arrival order.
std::vector<json> statuses_of(const std::vector<ReceivedWebhook>& webhooks,
                              const std::string& wamid);
std::vector<std::string> status_names(const std::vector<json>& statuses);
// A WebhookReceiver::wait_for condition: at least `count` statuses of `wamid` arrived.
std::function<bool(const std::vector<ReceivedWebhook>&)> has_statuses(const std::string& wamid,
                                                                      std::size_t count);
// A WebhookReceiver::wait_for condition: the chain of `wamid` ended (a read or a failed status
// arrived; nothing follows either).
std::function<bool(const std::vector<ReceivedWebhook>&)> has_final_status(const std::string& wamid);

class SimFixture {
public:
    // Fast, permissive defaults; `adjust` changes options before the simulator starts.
    explicit SimFixture(const std::function<void(SimOptions&)>& adjust = {});
    ~SimFixture();

    httplib::Result send(const json& body, const std::string& token = kToken);
    httplib::Result get(const std::string& path);
    httplib::Result post(const std::string& path, const json& body);
    json sends();
    void configure(const json& changes);

    WebhookReceiver receiver;
    std::unique_ptr<Simulator> sim;
    std::unique_ptr<httplib::Client> client;
};

// Sends `body`, REQUIREs 200 and returns the wamid.
std::string accepted_wamid(SimFixture& sim, const json& body);

json template_send(const std::string& to, const std::string& name, const std::string& language,
                   const std::vector<std::string>& body_parameters);
json order_update_send(const std::string& to, const std::string& first = "Ana",
                       const std::string& second = "A-1043");
json text_send(const std::string& to, const std::string& text);

} // namespace waconsole::test
