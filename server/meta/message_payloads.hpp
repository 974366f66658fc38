// The JSON bodies of Graph API sends, exactly in Meta's shapes (../shared/docs/meta-cloud-api.md
// "Sending"); tests compare them with examples from Meta's documentation in tests/meta/data/.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

struct TemplateParameter {
    std::string name; // set for NAMED templates (sent as parameter_name); empty for positional
    std::string text;
};

enum class ButtonKind { quick_reply, url, phone_number };

struct ButtonParameter {
    int index = 0;
    ButtonKind kind = ButtonKind::quick_reply;
    std::string value; // quick_reply: the payload; url: the variable suffix; phone: unused
};

struct TemplateMessage {
    std::string to; // E.164, "+" included
    std::string name;
    std::string language;
    std::vector<TemplateParameter> body;
    std::vector<ButtonParameter> buttons;
    std::vector<TemplateParameter> header; // a text header's variable, when it has one
};

// biz_opaque_callback_data of our message `message_id`: Meta echoes it in every status webhook
// of the message, which names the message even when the send's answer (its wamid) was lost.
std::string callback_data_for_message(std::int64_t message_id);
// The message id in callback data we set; nullopt for anything else.
std::optional<std::int64_t> message_id_from_callback_data(const std::string& data);

// The template send's body as JSON text, with `callback_data` as biz_opaque_callback_data unless
// it is empty; template_payload is the same body as a JSON value, without callback data.
std::string template_request(const TemplateMessage& message, const std::string& callback_data);
nlohmann::json template_payload(const TemplateMessage& message);
nlohmann::json text_payload(const std::string& to, const std::string& body);
nlohmann::json mark_read_payload(const std::string& wamid);

const char* to_string(ButtonKind kind);
// "quick_reply", "url" or "phone_number"; false for anything else.
bool button_kind_from_string(const std::string& text, ButtonKind& kind);

} // namespace waconsole
