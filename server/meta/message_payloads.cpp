// Send bodies.
#include "server/meta/message_payloads.hpp"

#include <string_view>

namespace waconsole {
namespace {

constexpr std::string_view kCallbackPrefix = "waconsole:";

} // namespace

std::string callback_data_for_message(std::int64_t message_id) {
    return std::string(kCallbackPrefix) + std::to_string(message_id);
}

std::optional<std::int64_t> message_id_from_callback_data(const std::string& data) {
    if (data.compare(0, kCallbackPrefix.size(), kCallbackPrefix) != 0) {
        return std::nullopt;
    }
    const auto digits = data.substr(kCallbackPrefix.size());
    if (digits.empty() || digits.size() > 18 ||
        digits.find_first_not_of("0123456789") != std::string::npos) {
        return std::nullopt;
    }
    return std::stoll(digits);
}

const char* to_string(ButtonKind kind) {
    switch (kind) {
    case ButtonKind::quick_reply:
        return "quick_reply";
    case ButtonKind::url:
        return "url";
    case ButtonKind::phone_number:
        return "phone_number";
    }
    return "quick_reply";
}

bool button_kind_from_string(const std::string& text, ButtonKind& kind) {
    for (const auto candidate :
         {ButtonKind::quick_reply, ButtonKind::url, ButtonKind::phone_number}) {
        if (text == to_string(candidate)) {
            kind = candidate;
            return true;
        }
    }
    return false;
}

std::string template_request(const TemplateMessage& message, const std::string& callback_data) {
    // Written as text, not built as a JSON tree and dumped: a campaign writes one per recipient
    // while it sends, and the tree's nodes and map keys were most of that cost.
    const auto quoted = [](const std::string& text) { return nlohmann::json(text).dump(); };
    std::string components;
    const auto add_component = [&components](const std::string& component) {
        components += components.empty() ? "[" : ",";
        components += component;
    };
    for (const auto& [type, values] :
         {std::pair{"header", &message.header}, std::pair{"body", &message.body}}) {
        if (values->empty()) {
            continue;
        }
        std::string parameters;
        for (const auto& parameter : *values) {
            parameters += parameters.empty() ? "[" : ",";
            parameters += R"({"type":"text",)";
            if (!parameter.name.empty()) {
                parameters += R"("parameter_name":)" + quoted(parameter.name) + ",";
            }
            parameters += R"("text":)" + quoted(parameter.text) + "}";
        }
        add_component(R"({"type":")" + std::string(type) + R"(","parameters":)" + parameters +
                      "]}");
    }
    for (const auto& button : message.buttons) {
        // Phone-number buttons are fixed at approval and take no parameter at send time.
        if (button.kind == ButtonKind::phone_number) {
            continue;
        }
        const std::string parameter =
            button.kind == ButtonKind::quick_reply
                ? R"({"type":"payload","payload":)" + quoted(button.value) + "}"
                : R"({"type":"text","text":)" + quoted(button.value) + "}";
        add_component(R"({"type":"button","sub_type":")" + std::string(to_string(button.kind)) +
                      R"(","index":")" + std::to_string(button.index) + R"(","parameters":[)" +
                      parameter + "]}");
    }
    std::string request = R"({"messaging_product":"whatsapp","recipient_type":"individual","to":)" +
                          quoted(message.to) + R"(,"type":"template","template":{"name":)" +
                          quoted(message.name) + R"(,"language":{"code":)" +
                          quoted(message.language) + "}";
    if (!components.empty()) {
        request += R"(,"components":)" + components + "]";
    }
    request += "}";
    if (!callback_data.empty()) {
        request += R"(,"biz_opaque_callback_data":)" + quoted(callback_data);
    }
    request += "}";
    return request;
}

nlohmann::json template_payload(const TemplateMessage& message) {
    return nlohmann::json::parse(template_request(message, ""));
}

nlohmann::json text_payload(const std::string& to, const std::string& body) {
    return {{"messaging_product", "whatsapp"},
            {"recipient_type", "individual"},
            {"to", to},
            {"type", "text"},
            {"text", {{"body", body}}}};
}

nlohmann::json mark_read_payload(const std::string& wamid) {
    return {{"messaging_product", "whatsapp"}, {"status", "read"}, {"message_id", wamid}};
}

} // namespace waconsole
