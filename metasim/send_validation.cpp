// The common part of send validation: envelope fields, recipient, and free-form message types.
#include "metasim/send_validation.hpp"

#include "metasim/wa_id.hpp"
#include "shared/meta_limits.hpp"
#include "shared/phone.hpp"
#include "shared/template_text.hpp"

#include <set>

namespace waconsole::metasim {
namespace {

using json = nlohmann::json;

std::optional<GraphError> validate_text(const json& body) {
    const auto text = body.find("text");
    if (text == body.end() || !text->is_object() || !text->contains("body") ||
        !text->at("body").is_string() || text->at("body").get<std::string>().empty()) {
        return invalid_parameter_error("The parameter text['body'] is required.");
    }
    if (utf8_character_count(text->at("body").get<std::string>()) > kMaxTextBodyCharacters) {
        return invalid_parameter_error("Param text['body'] must be at most 4096 characters long.");
    }
    return std::nullopt;
}

std::optional<GraphError> validate_media(const json& body, const std::string& type) {
    const auto media = body.find(type);
    if (media == body.end() || !media->is_object() ||
        !(media->contains("id") || media->contains("link"))) {
        return invalid_parameter_error("The parameter " + type + "['id'] or " + type +
                                       "['link'] is required.");
    }
    return std::nullopt;
}

} // namespace

std::optional<GraphError> validate_send(const json& body, const TemplateCatalogue& catalogue,
                                        ValidSend& send) {
    if (!body.is_object()) {
        return invalid_parameter_error("The request body must be a JSON object.");
    }
    const auto product = body.find("messaging_product");
    if (product == body.end() || *product != "whatsapp") {
        return invalid_parameter_error("The parameter messaging_product is required.");
    }
    if (const auto kind = body.find("recipient_type");
        kind != body.end() && *kind != "individual") {
        return invalid_parameter_error("Param recipient_type must be one of {INDIVIDUAL}.");
    }
    const auto to = body.find("to");
    if (to == body.end() || !to->is_string() || to->get<std::string>().empty()) {
        return invalid_parameter_error("The parameter to is required.");
    }
    send.to = to->get<std::string>();
    const PhoneResult phone = normalise_phone(send.to);
    if (!phone.e164) {
        return invalid_parameter_error("Param to " + phone.error + ".");
    }
    send.wa_id = canonical_wa_id(phone_digits(*phone.e164));
    if (const auto callback = body.find("biz_opaque_callback_data"); callback != body.end()) {
        if (!callback->is_string() || callback->get<std::string>().size() > 512) {
            return invalid_parameter_error(
                "Param biz_opaque_callback_data must be a string of at most 512 characters.");
        }
        send.biz_opaque_callback_data = callback->get<std::string>();
    }

    const auto type = body.find("type");
    if (type != body.end() && !type->is_string()) {
        return invalid_parameter_error("Param type must be a string.");
    }
    send.type = type == body.end() ? "text" : type->get<std::string>(); // Meta's default
    if (send.type == "template") {
        send.needs_open_window = false;
        const auto tpl = body.find("template");
        if (tpl == body.end() || !tpl->is_object()) {
            return invalid_parameter_error("The parameter template is required.");
        }
        return validate_template_send(*tpl, catalogue, send);
    }
    send.needs_open_window = true;
    send.category = "service";
    if (send.type == "text") {
        return validate_text(body);
    }
    if (send.type == "interactive") {
        const auto interactive = body.find("interactive");
        if (interactive == body.end() || !interactive->is_object()) {
            return invalid_parameter_error("The parameter interactive is required.");
        }
        return validate_interactive(*interactive);
    }
    static const std::set<std::string> media_types = {"image", "audio", "document", "video",
                                                      "sticker"};
    if (media_types.count(send.type)) {
        return validate_media(body, send.type);
    }
    if (send.type == "reaction" || send.type == "location" || send.type == "contacts") {
        if (!body.contains(send.type)) {
            return invalid_parameter_error("The parameter " + send.type + " is required.");
        }
        return std::nullopt;
    }
    return invalid_parameter_error("Param type must be one of {AUDIO, CONTACTS, DOCUMENT, IMAGE, "
                                   "INTERACTIVE, LOCATION, REACTION, STICKER, TEMPLATE, TEXT, "
                                   "VIDEO}.");
}

} // namespace waconsole::metasim
