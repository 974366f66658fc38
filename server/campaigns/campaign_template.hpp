// A cached template as the campaign wizard sees it: its layout, the variables a campaign fills,
// and whether it can start a campaign (and if not, why, in words for the administrator).
#pragma once

#include "server/store/templates_store.hpp"
#include "shared/template_layout.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

struct CampaignTemplateView {
    TemplateRecord record;
    TemplateLayout layout;
    std::vector<std::string> variables; // campaign_variables(layout)
    std::optional<std::string> refusal; // set when it cannot start a campaign
};

CampaignTemplateView view_campaign_template(const TemplateRecord& record);
// Why `record` cannot start a campaign: not approved (paused, disabled, pending, rejected...), a
// media header campaigns do not send, more quick replies than campaigns allow. nullopt when it can.
std::optional<std::string> campaign_start_refusal(const TemplateRecord& record,
                                                  const TemplateLayout& layout);
bool is_marketing(const TemplateRecord& record);

// {"id","name","language","category","status","parameter_format","header","body","footer",
//  "buttons","variables","sample_columns","can_start","start_refusal"}
nlohmann::json to_json(const CampaignTemplateView& view);
// Meta's example values for each variable, where the template gives them (for the sample file).
std::vector<std::string> example_values(const CampaignTemplateView& view);

} // namespace waconsole
