// A template as the customer sees it: Meta's `components` (HEADER, BODY, FOOTER, BUTTONS) read
// into a plain struct, the variables a campaign must fill (the body's, a text header's, a URL
// button's suffix) and the message with values put in. The wizard's live preview and the
// server's review and send parameters all come from here.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace waconsole {

struct TemplateButton {
    int index = 0;    // position among the template's buttons (Meta's "index")
    std::string type; // QUICK_REPLY, URL, PHONE_NUMBER (others as Meta writes them)
    std::string text; // the label, fixed at approval
    std::string url;  // URL buttons: may end in {{1}}
    std::string phone_number;
};

struct TemplateLayout {
    std::string header_format; // TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION or "" (no header)
    std::string header_text;
    std::string body;
    std::string footer;
    std::vector<TemplateButton> buttons;
};

TemplateLayout template_layout(const nlohmann::json& components);

// Body variables in order, then "header.<v>" for the header's, then "button.<index>" for each URL
// button with a variable suffix.
std::vector<std::string> campaign_variables(const TemplateLayout& layout);

struct RenderedTemplate {
    std::string header;
    std::string body;
    std::string footer;
    std::vector<TemplateButton> buttons; // URLs with their suffix put in
};

// The message with `values` (keyed as campaign_variables names them) put in.
RenderedTemplate render_layout(const TemplateLayout& layout,
                               const std::map<std::string, std::string>& values);

// "Sí · No · Rastrear (URL)": the buttons for a table cell.
std::string button_labels(const TemplateLayout& layout);
// Quick replies beyond this many are refused for campaigns (the seed product's limit).
constexpr int kMaxCampaignQuickReplies = 3;
int quick_reply_count(const TemplateLayout& layout);

} // namespace waconsole
