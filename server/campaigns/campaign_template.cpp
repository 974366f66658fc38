// Templates for campaigns: layout, variables, refusal, JSON.
#include "server/campaigns/campaign_template.hpp"

#include "shared/campaign_variables.hpp"

namespace waconsole {
namespace {

std::string lower(std::string text) {
    for (auto& c : text) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return text;
}

// components[type=type].example[key]: Meta's examples, a list (or a list of lists).
std::vector<std::string> component_examples(const nlohmann::json& components,
                                            const std::string& type, const std::string& key) {
    std::vector<std::string> values;
    if (!components.is_array()) {
        return values;
    }
    for (const auto& component : components) {
        if (!component.is_object() || lower(component.value("type", "")) != lower(type) ||
            !component.contains("example") || !component["example"].is_object()) {
            continue;
        }
        const auto& example = component["example"];
        if (!example.contains(key)) {
            continue;
        }
        auto list = example[key];
        if (list.is_array() && !list.empty() && list[0].is_array()) {
            list = list[0];
        }
        if (list.is_array()) {
            for (const auto& item : list) {
                values.push_back(item.is_string() ? item.get<std::string>() : "");
            }
        }
    }
    return values;
}

// What replaces {{1}} in the URL button at `index`, from Meta's example of the whole URL.
std::string url_suffix_example(const CampaignTemplateView& view, int index) {
    for (const auto& button : view.layout.buttons) {
        const auto brace = button.url.find("{{");
        if (button.index != index || brace == std::string::npos) {
            continue;
        }
        for (const auto& component : view.record.components) {
            if (!component.is_object() || lower(component.value("type", "")) != "buttons" ||
                !component.contains("buttons") || !component["buttons"].is_array() ||
                component["buttons"].size() <= static_cast<std::size_t>(index)) {
                continue;
            }
            const auto& example = component["buttons"][static_cast<std::size_t>(index)].value(
                "example", nlohmann::json::array());
            const std::string prefix = button.url.substr(0, brace);
            if (example.is_array() && !example.empty() && example[0].is_string()) {
                const auto whole = example[0].get<std::string>();
                if (whole.compare(0, prefix.size(), prefix) == 0) {
                    return whole.substr(prefix.size());
                }
            }
        }
    }
    return "";
}

} // namespace

bool is_marketing(const TemplateRecord& record) {
    return lower(record.category) == "marketing";
}

std::optional<std::string> campaign_start_refusal(const TemplateRecord& record,
                                                  const TemplateLayout& layout) {
    const std::string status = lower(record.status);
    if (status == "paused") {
        return "This template is paused at Meta (its quality fell); it cannot start a campaign "
               "until Meta lifts the pause.";
    }
    if (status == "disabled") {
        return "This template was disabled by Meta; it cannot start a campaign.";
    }
    if (status != "approved") {
        return "This template is " + record.status +
               " at Meta; only approved templates can start a campaign.";
    }
    if (!layout.header_format.empty() && layout.header_format != "TEXT") {
        return "This template's header is a " + lower(layout.header_format) +
               "; campaigns send text headers only.";
    }
    if (quick_reply_count(layout) > kMaxCampaignQuickReplies) {
        return "This template has " + std::to_string(quick_reply_count(layout)) +
               " quick replies; a campaign offers at most " +
               std::to_string(kMaxCampaignQuickReplies) + ".";
    }
    if (layout.body.empty()) {
        return "This template has no body text.";
    }
    return std::nullopt;
}

CampaignTemplateView view_campaign_template(const TemplateRecord& record) {
    CampaignTemplateView view;
    view.record = record;
    view.layout = template_layout(record.components);
    view.variables = campaign_variables(view.layout);
    view.refusal = campaign_start_refusal(record, view.layout);
    return view;
}

nlohmann::json to_json(const CampaignTemplateView& view) {
    auto buttons = nlohmann::json::array();
    for (const auto& button : view.layout.buttons) {
        nlohmann::json item = {
            {"index", button.index}, {"type", button.type}, {"text", button.text}};
        if (!button.url.empty()) {
            item["url"] = button.url;
        }
        if (!button.phone_number.empty()) {
            item["phone_number"] = button.phone_number;
        }
        buttons.push_back(std::move(item));
    }
    const auto& layout = view.layout;
    return {{"id", view.record.id},
            {"name", view.record.name},
            {"language", view.record.language},
            {"category", view.record.category},
            {"status", view.record.status},
            {"parameter_format", view.record.parameter_format},
            {"header",
             layout.header_format.empty()
                 ? nlohmann::json()
                 : nlohmann::json{{"format", layout.header_format}, {"text", layout.header_text}}},
            {"body", layout.body},
            {"footer", layout.footer.empty() ? nlohmann::json() : nlohmann::json(layout.footer)},
            {"buttons", std::move(buttons)},
            {"variables", view.variables},
            {"sample_columns", sample_file_columns(view.variables)},
            {"can_start", !view.refusal},
            {"start_refusal", view.refusal ? nlohmann::json(*view.refusal) : nlohmann::json()}};
}

std::vector<std::string> example_values(const CampaignTemplateView& view) {
    const auto body = component_examples(view.record.components, "BODY", "body_text");
    const auto header = component_examples(view.record.components, "HEADER", "header_text");
    std::vector<std::string> values;
    std::size_t body_at = 0;
    std::size_t header_at = 0;
    for (const auto& variable : view.variables) {
        if (variable.rfind("header.", 0) == 0) {
            values.push_back(header_at < header.size() ? header[header_at++] : "");
        } else if (variable.rfind("button.", 0) == 0) {
            values.push_back(url_suffix_example(view, std::stoi(variable.substr(7))));
        } else {
            values.push_back(body_at < body.size() ? body[body_at++] : "");
        }
    }
    return values;
}

} // namespace waconsole
