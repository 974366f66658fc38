// Inbound customer messages in Meta's shape: text, template quick-reply taps, interactive replies
// and media.
#include "metasim/customer_inbox.hpp"

#include "metasim/random_ids.hpp"
#include "metasim/wa_id.hpp"

#include <map>

namespace waconsole::metasim {
namespace {

using json = nlohmann::json;

std::int64_t epoch_seconds(std::chrono::system_clock::time_point at) {
    return std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
}

std::optional<json> media_object(const std::string& kind) {
    static const std::map<std::string, json> kinds = {
        {"image", {{"mime_type", "image/jpeg"}}},
        {"video", {{"mime_type", "video/mp4"}}},
        {"audio", {{"mime_type", "audio/ogg; codecs=opus"}, {"voice", true}}},
        {"document", {{"mime_type", "application/pdf"}, {"filename", "factura.pdf"}}},
        {"sticker", {{"mime_type", "image/webp"}, {"animated", false}}},
    };
    const auto found = kinds.find(kind);
    if (found == kinds.end()) {
        return std::nullopt;
    }
    json media = found->second;
    media["id"] = make_numeric_id(16);
    media["sha256"] = random_hex(64);
    return media;
}

} // namespace

std::optional<json> inbound_message(const json& request, const std::string& wa_id,
                                    const std::string& wamid, std::int64_t timestamp,
                                    const std::string& business_number, std::string& error) {
    json message = {{"from", wa_id}, {"id", wamid}, {"timestamp", std::to_string(timestamp)}};
    if (request.contains("button")) {
        const json& button = request.at("button");
        if (!button.is_object() || !button.contains("payload") || !button.contains("text")) {
            error = "button needs payload and text";
            return std::nullopt;
        }
        message["type"] = "button";
        message["button"] = {{"payload", button.at("payload")}, {"text", button.at("text")}};
    } else if (request.contains("interactive")) {
        const json& interactive = request.at("interactive");
        const char* kind = interactive.contains("button_reply") ? "button_reply"
                           : interactive.contains("list_reply") ? "list_reply"
                                                                : nullptr;
        if (!kind || !interactive.at(kind).is_object() || !interactive.at(kind).contains("id")) {
            error = "interactive needs button_reply or list_reply with an id";
            return std::nullopt;
        }
        message["type"] = "interactive";
        message["interactive"] = {{"type", kind}, {kind, interactive.at(kind)}};
    } else if (request.contains("media")) {
        const std::string kind = request.at("media").is_string() ? request.value("media", "") : "";
        auto media = media_object(kind);
        if (!media) {
            error = "media must be one of image, video, audio, document, sticker";
            return std::nullopt;
        }
        if (request.contains("text") && kind != "audio" && kind != "sticker") {
            (*media)["caption"] = request.at("text");
        }
        message["type"] = kind;
        message[kind] = *media;
    } else if (request.contains("text") && request.at("text").is_string()) {
        message["type"] = "text";
        message["text"] = {{"body", request.at("text")}};
    } else {
        error = "give text, button, interactive or media";
        return std::nullopt;
    }
    if (request.contains("context_id")) {
        // A reply quotes the business message it answers, which came from the business number.
        message["context"] = {{"from", business_number}, {"id", request.at("context_id")}};
    }
    return message;
}

std::optional<std::string>
CustomerInbox::receive(const json& request, std::chrono::milliseconds delay, std::string& error) {
    if (!request.is_object() || !request.contains("from") || !request.at("from").is_string()) {
        error = "from (the customer's number) is required";
        return std::nullopt;
    }
    const std::string wa_id = canonical_wa_id(digits_only(request.at("from").get<std::string>()));
    if (wa_id.size() < 8) {
        error = "from must be a full international number";
        return std::nullopt;
    }
    const std::string wamid = make_wamid();
    std::int64_t arrives_at = epoch_seconds(std::chrono::system_clock::now() + delay);
    // "timestamp": when the customer wrote (epoch seconds, the last 30 days), for a message that
    // reaches the business late, as Meta delivers after an outage: tests time 24-hour windows.
    if (request.contains("timestamp")) {
        const json& written = request.at("timestamp");
        if (!written.is_number_integer() || written.get<std::int64_t>() > arrives_at ||
            written.get<std::int64_t>() < arrives_at - 30 * 24 * 60 * 60) {
            error = "timestamp must be epoch seconds within the last 30 days";
            return std::nullopt;
        }
        arrives_at = written.get<std::int64_t>();
    }
    auto message =
        inbound_message(request, wa_id, wamid, arrives_at, m_business.display_phone_number, error);
    if (!message) {
        return std::nullopt;
    }
    const std::string name = request.contains("name") && request.at("name").is_string()
                                 ? request.value("name", "")
                                 : wa_id;
    m_windows.customer_wrote(wa_id, arrives_at);
    // Keyed by customer so one customer's messages reach the server in the order they were written.
    m_dispatcher.enqueue(inbound_webhook(m_business, name, *message), delay, wa_id);
    return wamid;
}

} // namespace waconsole::metasim
