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

nlohmann::json template_payload(const TemplateMessage& message) {
    auto components = nlohmann::json::array();
    for (const auto& [type, values] :
         {std::pair{"header", &message.header}, std::pair{"body", &message.body}}) {
        if (values->empty()) {
            continue;
        }
        auto parameters = nlohmann::json::array();
        for (const auto& parameter : *values) {
            nlohmann::json item = {{"type", "text"}};
            if (!parameter.name.empty()) {
                item["parameter_name"] = parameter.name;
            }
            item["text"] = parameter.text;
            parameters.push_back(std::move(item));
        }
        components.push_back({{"type", type}, {"parameters", std::move(parameters)}});
    }
    for (const auto& button : message.buttons) {
        // Phone-number buttons are fixed at approval and take no parameter at send time.
        if (button.kind == ButtonKind::phone_number) {
            continue;
        }
        const nlohmann::json parameter =
            button.kind == ButtonKind::quick_reply
                ? nlohmann::json{{"type", "payload"}, {"payload", button.value}}
                : nlohmann::json{{"type", "text"}, {"text", button.value}};
        components.push_back({{"type", "button"},
                              {"sub_type", to_string(button.kind)},
                              {"index", std::to_string(button.index)},
                              {"parameters", nlohmann::json::array({parameter})}});
    }
    nlohmann::json template_object = {{"name", message.name},
                                      {"language", {{"code", message.language}}}};
    if (!components.empty()) {
        template_object["components"] = std::move(components);
    }
    return {{"messaging_product", "whatsapp"},
            {"recipient_type", "individual"},
            {"to", message.to},
            {"type", "template"},
            {"template", std::move(template_object)}};
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
