// Customers writing to the business: turns a /_sim/inbound request (or a generated one) into
// Meta's inbound message webhook, and opens that customer's 24-hour window at the moment the
// message arrives.
#pragma once

#include "metasim/customer_windows.hpp"
#include "metasim/webhook_dispatcher.hpp"
#include "metasim/webhook_events.hpp"

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace waconsole::metasim {

class CustomerInbox {
public:
    CustomerInbox(const BusinessIdentity& business, CustomerWindows& windows,
                  WebhookDispatcher& dispatcher)
        : m_business(business), m_windows(windows), m_dispatcher(dispatcher) {}

    // `request` as POST /_sim/inbound takes it: {"from","name", and one of "text", "button"
    // (+ "context_id"), "interactive":{"button_reply"|"list_reply"}, "media"}; "context_id" may
    // accompany any type. The message arrives `delay` from now. Returns the new wamid, or nullopt
    // with `error` set.
    std::optional<std::string> receive(const nlohmann::json& request,
                                       std::chrono::milliseconds delay, std::string& error);

private:
    const BusinessIdentity& m_business;
    CustomerWindows& m_windows;
    WebhookDispatcher& m_dispatcher;
};

// Builds the value.messages entry for `request` (see CustomerInbox::receive), or nullopt with
// `error` set.
std::optional<nlohmann::json>
inbound_message(const nlohmann::json& request, const std::string& wa_id, const std::string& wamid,
                std::int64_t timestamp, const std::string& business_number, std::string& error);

} // namespace waconsole::metasim
