// One pass over a draft's rows: fields, values, verdicts, duplicates.
#include "server/campaigns/draft_review.hpp"

#include "shared/recipient_phone.hpp"
#include "shared/template_text.hpp"

#include <set>

namespace waconsole {
namespace {

std::string cell_text(const nlohmann::json& value) {
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_null()) {
        return "";
    }
    return value.dump();
}

// The first of `fields` whose name is `name` as headers compare; fields.size() when none.
std::size_t column_named(const std::vector<std::string>& fields, const std::string& name) {
    const auto key = field_key(name);
    for (std::size_t at = 0; at < fields.size(); ++at) {
        if (field_key(fields[at]) == key) {
            return at;
        }
    }
    return fields.size();
}

struct BoundColumn {
    std::string variable;
    bool typed = false;
    std::string text;      // typed
    std::size_t index = 0; // else the column (past the end: a field the upload lacks)
};

std::vector<BoundColumn> bound_columns(const ReviewPlan& plan) {
    std::vector<BoundColumn> columns;
    for (const auto& variable : plan.view.variables) {
        const auto binding = plan.bindings.find(variable);
        if (binding == plan.bindings.end()) {
            continue;
        }
        if (binding->second.source == VariableSource::text) {
            columns.push_back({variable, true, binding->second.value, 0});
        } else {
            columns.push_back(
                {variable, false, "", column_named(plan.fields, binding->second.value)});
        }
    }
    return columns;
}

bool is_named(const CampaignTemplateView& view) {
    return view.record.parameter_format == "NAMED";
}

} // namespace

std::vector<std::string> customer_fields(Connection& db, std::int64_t draft_id) {
    std::vector<std::string> fields = {"name", "email", "phone"};
    std::set<std::string> seen(fields.begin(), fields.end());
    auto query = db.prepare(
        "SELECT DISTINCT j.key FROM campaign_draft_rows r JOIN customers c ON c.id = "
        "r.customer_id, "
        "json_each(CASE WHEN json_valid(c.custom_fields) THEN c.custom_fields ELSE '{}' END) j "
        "WHERE r.draft_id = ? ORDER BY j.key LIMIT 200");
    query.bind(1, draft_id);
    while (query.step()) {
        auto key = query.get_text(0);
        if (seen.insert(field_key(key)).second) {
            fields.push_back(std::move(key));
        }
    }
    return fields;
}

std::map<std::string, std::string> row_fields(const DraftRowForReview& row,
                                              const ReviewPlan& plan) {
    std::map<std::string, std::string> fields;
    if (plan.customers) {
        const auto custom = nlohmann::json::parse(row.customer_custom_fields.begin(),
                                                  row.customer_custom_fields.end(), nullptr, false);
        if (custom.is_object()) {
            for (const auto& [key, value] : custom.items()) {
                fields[key] = cell_text(value);
            }
        }
        fields["name"] = std::string(row.customer_name);
        fields["email"] = std::string(row.customer_email);
        fields["phone"] = std::string(row.phone);
        return fields;
    }
    const auto& cells = row.cells;
    for (std::size_t at = 0; at < plan.fields.size(); ++at) {
        // A name that stands twice is the first (leftmost) column's, as header matching does.
        fields.emplace(plan.fields[at], at < cells.size() ? std::string(cells[at]) : std::string());
    }
    return fields;
}

ReviewCounts review_draft(Connection& db, std::int64_t draft_id, const ReviewPlan& plan,
                          const RecipientFactsIndex& facts,
                          const std::function<void(const ReviewedRow&)>& on_row) {
    CampaignTemplate campaign;
    campaign.body = plan.view.layout.body;
    campaign.header = plan.view.layout.header_format == "TEXT" ? plan.view.layout.header_text : "";
    campaign.variables = plan.view.variables;
    campaign.marketing = is_marketing(plan.view.record);
    campaign.include_active_conversations = plan.include_active_conversations;
    // An upload's bindings resolved to column indexes once, not by name on every row: the same
    // answer as resolve_variable_values (the first column of the name), at a fraction of the cost.
    const auto columns = plan.customers ? std::vector<BoundColumn>{} : bound_columns(plan);
    const auto name_column = column_named(plan.fields, "name");
    DuplicateRecipients duplicates;
    ReviewCounts counts;
    ReviewedRow reviewed;
    RecipientRow recipient;
    for_each_draft_row(db, draft_id, [&](const DraftRowForReview& row) {
        reviewed.row_number = row.row_number;
        reviewed.phone.assign(row.phone);
        reviewed.customer_id = row.customer_id;
        if (plan.customers) {
            reviewed.customer_name.assign(row.customer_name);
            reviewed.values =
                resolve_variable_values(plan.view.variables, plan.bindings, row_fields(row, plan));
        } else {
            const auto& cells = row.cells;
            auto cell = [&](std::size_t at) {
                return at < cells.size() ? cells[at] : std::string_view();
            };
            reviewed.customer_name.assign(cell(name_column));
            // Every row has the same variables: their values are overwritten in place, so the
            // map's nodes and the strings' buffers are made once, not once per row.
            for (const auto& column : columns) {
                auto& value = reviewed.values[column.variable];
                if (column.typed) {
                    value = column.text;
                } else {
                    value.assign(cell(column.index));
                }
            }
        }
        const auto phone = check_recipient_phone(reviewed.phone);
        const RecipientFacts row_facts =
            phone.e164 ? facts.facts_for(*phone.e164) : RecipientFacts{};
        recipient.row = static_cast<int>(row.row_number);
        recipient.phone = reviewed.phone;
        recipient.values.swap(reviewed.values); // lent to the check, not copied
        reviewed.verdict = check_recipient(campaign, recipient, phone, row_facts);
        recipient.values.swap(reviewed.values);
        if (const auto duplicate =
                duplicates.check(reviewed.verdict, static_cast<int>(row.row_number));
            !duplicate.empty()) {
            reviewed.verdict.field = "phone";
            reviewed.verdict.reason = duplicate;
        }
        ++(reviewed.verdict.accepted() ? counts.accepted : counts.rejected);
        on_row(reviewed);
        return true;
    });
    return counts;
}

nlohmann::json send_parameters(const CampaignTemplateView& view,
                               const std::map<std::string, std::string>& values,
                               std::int64_t campaign_id, std::int64_t row_number) {
    const bool named = is_named(view);
    auto body = nlohmann::json::array();
    auto header = nlohmann::json::array();
    auto buttons = nlohmann::json::array();
    for (const auto& variable : view.variables) {
        const auto value = values.find(variable);
        const std::string text = value == values.end() ? "" : value->second;
        if (variable.rfind("header.", 0) == 0) {
            header.push_back({{"name", named ? variable.substr(7) : ""}, {"text", text}});
        } else if (variable.rfind("button.", 0) == 0) {
            buttons.push_back(
                {{"index", std::stoi(variable.substr(7))}, {"kind", "url"}, {"value", text}});
        } else {
            body.push_back({{"name", named ? variable : ""}, {"text", text}});
        }
    }
    for (const auto& button : view.layout.buttons) {
        if (button.type == "QUICK_REPLY") {
            buttons.push_back(
                {{"index", button.index},
                 {"kind", "quick_reply"},
                 {"value", "c" + std::to_string(campaign_id) + ".r" + std::to_string(row_number) +
                               ".b" + std::to_string(button.index)}});
        }
    }
    return {{"body", body}, {"header", header}, {"buttons", buttons}};
}

} // namespace waconsole
