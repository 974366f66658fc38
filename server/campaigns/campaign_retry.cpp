// The retry's draft built from the failed recipients.
#include "server/campaigns/campaign_retry.hpp"

#include "server/campaigns/campaign_template.hpp"
#include "server/campaigns/draft_blocks.hpp"
#include "server/store/campaign_drafts_store.hpp"
#include "server/store/campaign_retry_store.hpp"
#include "server/store/campaigns_store.hpp"
#include "shared/campaign_settings.hpp"
#include "shared/campaign_variables.hpp"

#include <map>
#include <set>

namespace waconsole {
namespace {

constexpr std::int64_t kMarketingCapCode = 131049;
constexpr std::int64_t kMarketingCapWaitSeconds = 24 * 3600;

// Each variable's value in a recipient's stored send parameters: the inverse of
// draft_review's send_parameters, walking the variables in the same order.
std::map<std::string, std::string> sent_values(const std::vector<std::string>& variables,
                                               const nlohmann::json& parameters) {
    std::map<std::string, std::string> values;
    if (!parameters.is_object()) {
        return values;
    }
    const auto list = [&](const char* key) {
        const auto found = parameters.find(key);
        return found != parameters.end() && found->is_array() ? *found : nlohmann::json::array();
    };
    const auto body = list("body");
    const auto header = list("header");
    const auto buttons = list("buttons");
    std::size_t next_body = 0;
    std::size_t next_header = 0;
    for (const auto& variable : variables) {
        if (variable.rfind("header.", 0) == 0) {
            if (next_header < header.size()) {
                values[variable] = header[next_header++].value("text", "");
            }
        } else if (variable.rfind("button.", 0) == 0) {
            const auto index = std::stoi(variable.substr(7));
            for (const auto& button : buttons) {
                if (button.value("kind", "") == "url" && button.value("index", -1) == index) {
                    values[variable] = button.value("value", "");
                }
            }
        } else if (next_body < body.size()) {
            values[variable] = body[next_body++].value("text", "");
        }
    }
    return values;
}

std::string retry_name(Connection& db, const std::string& original) {
    for (int attempt = 1;; ++attempt) {
        auto name =
            original + (attempt == 1 ? " (retry)" : " (retry " + std::to_string(attempt) + ")");
        if (!campaign_name_taken(db, name)) {
            return name;
        }
    }
}

std::string held_back_reason(std::int64_t code) {
    if (code == kMarketingCapCode) {
        return "Meta's marketing limit for this customer (131049): it may be sent again 24 hours "
               "after the failure";
    }
    return "Meta will not deliver it if sent again (" + std::to_string(code) + ")";
}

} // namespace

bool is_retryable_failure(std::int64_t code, std::int64_t seconds_since_failure) {
    // Meta's transient refusals, a message that failed after every attempt the worker made.
    static const std::set<std::int64_t> transient = {1,      2,      4,      80007, 130429,
                                                     131000, 131016, 131048, 131056};
    if (code == kMarketingCapCode) {
        return seconds_since_failure >= kMarketingCapWaitSeconds;
    }
    return transient.count(code) > 0;
}

DraftAnswer retry_failed(Connection& db, std::int64_t campaign_id, std::int64_t user_id,
                         std::int64_t now) {
    Transaction transaction(db);
    const auto campaign = find_campaign(db, campaign_id);
    if (!campaign) {
        return make_error(404, "not_found", "no such campaign");
    }
    if (campaign->status != "completed" && campaign->status != "cancelled") {
        return make_error(409, "campaign_not_ended",
                          "the campaign is " + campaign->status +
                              "; retry its failures once it has ended");
    }
    if (!campaign->template_id) {
        return make_error(409, "template_unavailable", "the campaign's template is gone");
    }
    const auto record = find_template_by_id(db, *campaign->template_id);
    if (!record) {
        return make_error(409, "template_unavailable",
                          "the template " + campaign->template_name +
                              " is no longer in Meta's catalogue");
    }
    const auto view = view_campaign_template(*record);
    if (view.refusal) {
        return make_error(409, "template_unavailable", *view.refusal);
    }
    // The variables as the campaign had them, to read back what each recipient was sent.
    TemplateRecord sent_template = *record;
    sent_template.components = nlohmann::json::parse(campaign->template_components, nullptr, false);
    sent_template.parameter_format = campaign->parameter_format;
    const auto sent_view = view_campaign_template(sent_template);

    std::vector<std::string> fields = {"phone", "name"};
    VariableBindings bindings;
    std::map<std::string, std::size_t> column_of; // variable → its cell
    for (const auto& variable : view.variables) {
        const auto column = sample_column_for_variable(variable);
        std::size_t at = fields.size();
        for (std::size_t existing = 0; existing < fields.size(); ++existing) {
            if (field_key(fields[existing]) == field_key(column)) {
                at = existing;
            }
        }
        if (at == fields.size()) {
            fields.push_back(column);
        }
        column_of[variable] = at;
        bindings[variable] = {VariableSource::field, fields[at]};
    }

    DraftRecord draft;
    draft.template_id = record->id;
    draft.template_name = record->name;
    draft.template_language = record->language;
    draft.source = "excel";
    draft.created_by = user_id;
    draft.created_at = now;
    draft.updated_at = now;
    CampaignSettings settings;
    settings.name = retry_name(db, campaign->name);
    settings.time_zone = campaign->time_zone;
    settings.include_active_conversations = campaign->include_active_conversations;
    draft.settings_json = to_json(settings).dump();
    draft.variables_json = to_json(bindings).dump();
    draft.fields_json = nlohmann::json(fields).dump();
    const auto draft_id = insert_draft(db, draft);
    set_draft_retry_of(db, draft_id, campaign_id);
    reset_draft_upload(db, draft_id, draft.fields_json,
                       "failed recipients of \"" + campaign->name + "\"");

    DraftRowBlockWriter rows(db, draft_id);
    std::map<std::int64_t, std::int64_t> held_back; // code → recipients
    std::vector<std::string> cells(fields.size());
    for_each_failed_recipient(db, campaign_id, [&](const FailedRecipient& recipient) {
        if (!is_retryable_failure(recipient.error_code, now - recipient.failed_at)) {
            ++held_back[recipient.error_code];
            return;
        }
        std::fill(cells.begin(), cells.end(), std::string());
        cells[0] = recipient.phone;
        cells[1] = recipient.customer_name;
        const auto values = sent_values(
            sent_view.variables, nlohmann::json::parse(recipient.parameters_json, nullptr, false));
        for (const auto& [variable, at] : column_of) {
            if (const auto value = values.find(variable); value != values.end()) {
                cells[at] = value->second;
            }
        }
        rows.add(recipient.row_number, recipient.phone, cells, cells.size());
    });
    rows.finish();
    auto held = nlohmann::json::array();
    for (const auto& [code, count] : held_back) {
        held.push_back({{"code", code}, {"count", count}, {"reason", held_back_reason(code)}});
    }
    if (rows.count() == 0) {
        std::string why;
        for (const auto& [code, count] : held_back) {
            why += (why.empty() ? ": " : "; ") + std::to_string(count) + " for " +
                   held_back_reason(code);
        }
        return make_error(422, "nothing_to_retry",
                          "no failure of this campaign can be sent again now" + why);
    }
    recount_draft_rows(db, draft_id);
    transaction.commit();
    auto answer = review(db, draft_id, now);
    if (auto* error = std::get_if<ApiError>(&answer)) {
        return *error;
    }
    auto draft_answer = get_draft(db, draft_id, now);
    if (auto* error = std::get_if<ApiError>(&draft_answer)) {
        return *error;
    }
    auto json = std::get<nlohmann::json>(std::move(draft_answer));
    json["retry"] = {{"of", campaign_id}, {"recipients", rows.count()}, {"held_back", held}};
    return json;
}

} // namespace waconsole
