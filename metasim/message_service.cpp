// Accepting or refusing a send like Meta, then planning its status webhooks.
#include "metasim/message_service.hpp"

#include "metasim/random_ids.hpp"
#include "metasim/wa_id.hpp"

#include <algorithm>
#include <chrono>

namespace waconsole::metasim {
namespace {

using json = nlohmann::json;

SendResponse error_response(const GraphError& error) {
    return {error.http_status, to_json(error).dump()};
}

std::int64_t epoch_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Whether a send's number is in one of the configured lists (digits): its canonical wa_id or the
// digits it was sent to.
bool listed(const std::unordered_set<std::string>& numbers, const ValidSend& send) {
    if (numbers.empty()) {
        return false;
    }
    return numbers.count(send.wa_id) > 0 || numbers.count(digits_only(send.to)) > 0;
}

} // namespace

SendResponse MessageService::mark_read(const json& body) {
    // {"messaging_product":"whatsapp","status":"read","message_id":"wamid..."} → {"success":true}
    if (body.value("messaging_product", "") != "whatsapp") {
        return error_response(
            invalid_parameter_error("The parameter messaging_product is required."));
    }
    if (!body["status"].is_string() || body["status"] != "read") {
        return error_response(invalid_parameter_error("Param status must be one of {READ}."));
    }
    const auto id = body.find("message_id");
    if (id == body.end() || !id->is_string() || id->get<std::string>().rfind("wamid.", 0) != 0) {
        return error_response(invalid_parameter_error("The parameter message_id is required."));
    }
    m_log.mark_read(id->get<std::string>());
    return {200, json{{"success", true}}.dump()};
}

void MessageService::stop() {
    {
        std::lock_guard<std::mutex> lock(m_stop_mutex);
        m_stopping = true;
    }
    m_stop_signal.notify_all();
}

bool MessageService::hold(int milliseconds) {
    std::unique_lock<std::mutex> lock(m_stop_mutex);
    return !m_stop_signal.wait_for(lock, std::chrono::milliseconds(milliseconds),
                                   [this] { return m_stopping; });
}

SendResponse MessageService::send(const std::string& raw_body) {
    // When the request came, as Meta counts a number's rate: stamped before the parsing and
    // checks below, whose time on a busy machine would bunch the log's seconds.
    const auto arrived_ms = epoch_ms();
    auto config = m_config.get();
    if (roll_percent(config->timeout_percent)) {
        // Like a Meta that is slow but still accepts: the client times out, the send may have
        // happened anyway, and a client that retries must not send twice.
        if (!hold(config->timeout_hold_ms)) {
            return error_response(service_unavailable_error());
        }
        config = m_config.get();
    }
    if (roll_percent(config->fail_5xx_percent)) {
        return error_response(roll_percent(50) ? unknown_error() : service_unavailable_error());
    }
    if (roll_percent(config->rate_429_percent)) {
        return error_response(throughput_error());
    }

    const json body = json::parse(raw_body, nullptr, false);
    if (body.is_discarded()) {
        return error_response(invalid_parameter_error("The request body is not valid JSON."));
    }
    if (body.is_object() && body.contains("status")) {
        return mark_read(body);
    }
    ValidSend send;
    if (auto problem = validate_send(body, m_catalogue, send)) {
        return error_response(*problem);
    }
    const auto now = std::chrono::steady_clock::now();
    if (!m_throughput.try_acquire(config->mps, now)) {
        return error_response(throughput_error());
    }
    if (!m_pair_rate.try_acquire(send.wa_id, config->pair_rate_seconds, now)) {
        return error_response(pair_rate_error());
    }

    SendRecord record;
    record.wamid = make_wamid();
    record.to = send.to;
    record.wa_id = send.wa_id;
    record.type = send.type;
    record.template_name = send.template_name;
    record.raw_request = raw_body;
    record.at_ms = arrived_ms;
    const std::string wamid = record.wamid;
    m_log.append(std::move(record), static_cast<std::size_t>(config->send_log_limit));
    schedule_statuses(send, wamid, *config);

    json message = {{"id", wamid}};
    if (send.type == "template") {
        message["message_status"] = "accepted";
    }
    const json response = {{"messaging_product", "whatsapp"},
                           {"contacts", json::array({{{"input", send.to}, {"wa_id", send.wa_id}}})},
                           {"messages", json::array({message})}};
    if (roll_percent(config->late_answer_percent)) {
        // Accepted, logged and its statuses on their way, but the answer comes after the
        // client's timeout: the fault that makes a retrying client send twice.
        hold(config->timeout_hold_ms);
    } else if (config->answer_delay_ms > 0) {
        hold(config->answer_delay_ms);
    }
    return {200, response.dump()};
}

void MessageService::delivery_failure(const ValidSend& send, const SimConfig& config,
                                      std::int64_t now_ms, StatusEvent& failure) {
    // Built-in rule so demos show failures without configuration: numbers ending in 0000 are
    // not on WhatsApp.
    const bool builtin_unreachable =
        send.wa_id.size() >= 4 && send.wa_id.compare(send.wa_id.size() - 4, 4, "0000") == 0;
    const bool window_open = m_windows.is_open(send.wa_id, now_ms / 1000);
    const bool marketing = send.type == "template" && send.category == "marketing";
    if (builtin_unreachable || listed(config.unreachable_numbers, send)) {
        failure.error_code = 131026;
        failure.error_title = "Message undeliverable";
        failure.error_details = "The recipient's phone number is not a WhatsApp phone number.";
    } else if (send.needs_open_window && !window_open) {
        failure.error_code = 131047;
        failure.error_title = "Re-engagement message";
        failure.error_details = "Message failed to send because more than 24 hours have passed "
                                "since the customer last replied to this number.";
    } else if (marketing && listed(config.marketing_stopped_numbers, send)) {
        failure.error_code = 131050;
        failure.error_title = "Unable to deliver message: the user has stopped marketing messages";
        failure.error_details = "This recipient has chosen to stop receiving marketing messages "
                                "on WhatsApp from your business.";
    } else if (marketing && listed(config.marketing_capped_numbers, send)) {
        failure.error_code = 131049;
        failure.error_title =
            "This message was not delivered to maintain healthy ecosystem engagement.";
        failure.error_details = "In order to maintain a healthy ecosystem engagement, the message "
                                "failed to be delivered.";
    } else if (send.type == "template" && !window_open &&
               !m_daily_limit.admit(send.wa_id, now_ms, config.daily_limit)) {
        // Only business-initiated sends (templates outside the window) count, each customer
        // once per trailing 24 h, and only sends that would otherwise be delivered.
        failure.error_code = 131048;
        failure.error_title = "Spam rate limit hit";
        failure.error_details =
            "Message failed to send because there are restrictions on how many messages can be "
            "sent from this phone number. This may be because too many previous messages were "
            "blocked or flagged as spam.";
    }
}

void MessageService::schedule_statuses(const ValidSend& send, const std::string& wamid,
                                       const SimConfig& config) {
    const auto step = std::chrono::milliseconds(config.status_delay_ms);
    const auto now = std::chrono::system_clock::now();
    auto event_at = [&](std::chrono::milliseconds delay) {
        StatusEvent event;
        event.wamid = wamid;
        event.recipient_id = send.wa_id;
        event.category = send.category;
        event.biz_opaque_callback_data = send.biz_opaque_callback_data;
        event.timestamp =
            std::chrono::duration_cast<std::chrono::seconds>((now + delay).time_since_epoch())
                .count();
        return event;
    };

    StatusEvent failure = event_at(step);
    failure.status = "failed";
    delivery_failure(
        send, config,
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count(),
        failure);
    if (failure.error_code != 0) {
        m_dispatcher.enqueue_status(status_entry(failure), step, wamid);
        return;
    }

    std::vector<const char*> chain = {"sent", "delivered"};
    if (roll_percent(config.read_percent)) {
        chain.push_back("read");
    }
    // Timestamps keep the true order; with reorder_webhooks the deliveries go newest first
    // (read, delivered, sent), enqueued in that order too so a zero delay still reorders.
    const std::size_t count = chain.size();
    for (std::size_t k = 0; k < count; ++k) {
        const std::size_t i = config.reorder_webhooks ? count - 1 - k : k;
        StatusEvent event = event_at(step * static_cast<int>(i + 1));
        event.status = chain[i];
        m_dispatcher.enqueue_status(status_entry(event), step * static_cast<int>(k + 1), wamid);
    }
}

} // namespace waconsole::metasim
