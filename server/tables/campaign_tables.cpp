// Table specs of the campaign wizard; docs/campaigns.md lists their columns and filters.
#include "server/tables/campaign_tables.hpp"

#include "server/campaigns/campaign_template.hpp"
#include "server/store/campaign_drafts_store.hpp"
#include "server/tables/table_filters.hpp"
#include "shared/paging.hpp"

namespace waconsole {
namespace {

// The `draft` filter every draft table requires: a draft id.
std::variant<TablePlan, ApiError> plan_for_draft(const TableRequest& request,
                                                 const std::string& column) {
    const auto draft = request.filters.find("draft");
    if (draft == request.filters.end()) {
        return validation_error("draft", "required: the id of the campaign draft");
    }
    const auto id = parse_whole_number(draft->second);
    if (!id) {
        return validation_error("draft", "must be a draft id");
    }
    TablePlan plan;
    plan.filter.add(column + " = ?", {static_cast<std::int64_t>(*id)});
    return plan;
}

void finish_template_row(nlohmann::json& row) {
    TemplateRecord record;
    record.status = row.value("status", "");
    record.category = row.value("category", "");
    record.components =
        nlohmann::json::parse(row.value("components", std::string("[]")), nullptr, false);
    const auto view = view_campaign_template(record);
    row["body"] = view.layout.body;
    std::string variables;
    for (const auto& variable : view.variables) {
        variables += (variables.empty() ? "{{" : ", {{") + variable + "}}";
    }
    row["variables"] = variables;
    row["buttons"] = button_labels(view.layout);
    row["can_start"] = !view.refusal;
    row["start_refusal"] = view.refusal ? nlohmann::json(*view.refusal) : nlohmann::json();
}

} // namespace

TableSpec campaign_templates_table() {
    TableSpec spec;
    spec.name = "campaign_templates";
    spec.title = "Templates for campaigns";
    spec.file_stem = "campaign-templates";
    spec.columns = {
        {"name", "Template", ColumnType::text, 24},
        {"language", "Language", ColumnType::text, 10},
        {"category", "Category", ColumnType::text, 14},
        {"status", "Status", ColumnType::text, 12},
        {"body", "Body", ColumnType::text, 60},
        {"variables", "Variables", ColumnType::text, 18},
        {"buttons", "Buttons", ColumnType::text, 30},
    };
    spec.extra_fields = {{"can_start", "", ColumnType::integer},
                         {"start_refusal", "", ColumnType::text}};
    spec.hidden_fields = {{"components", "", ColumnType::text}};
    spec.filters = {"search"};
    spec.select_list = "t.id, t.name, t.language, t.category, t.status, '', '', '', 0, '', "
                       "t.components";
    spec.main_table = "templates";
    spec.alias = "t";
    spec.key_column = "t.id";
    spec.order = {{"t.id", false}};
    spec.plan = [](Connection&, const TableRequest& request) -> std::variant<TablePlan, ApiError> {
        TablePlan plan;
        const auto search = request.filters.find("search");
        if (search != request.filters.end() && !search->second.empty()) {
            plan.filter.add("t.name LIKE ? ESCAPE '\\'", {like_contains(search->second)});
        }
        return plan;
    };
    spec.make_finisher = [](Connection&, const TableRequest&, std::int64_t) -> RowFinisher {
        return finish_template_row;
    };
    return spec;
}

TableSpec draft_recipients_table() {
    TableSpec spec;
    spec.name = "draft_recipients";
    spec.title = "Campaign recipients";
    spec.file_stem = "campaign-recipients";
    spec.columns = {
        {"row", "#", ColumnType::integer, 8},
        {"customer", "Customer", ColumnType::text, 24},
        {"phone", "Phone", ColumnType::text, 18},
        {"email", "E-mail", ColumnType::text, 26},
        {"opted_out", "Opted out", ColumnType::text, 10},
    };
    spec.extra_fields = {{"customer_id", "", ColumnType::integer}};
    spec.filters = {"draft"};
    spec.select_list = "r.id, r.row_number, COALESCE(c.name, ''), "
                       "COALESCE(c.phone, '+' || c.wa_id, r.phone), COALESCE(c.email, ''), "
                       "CASE WHEN c.opted_out = 1 THEN 'yes' ELSE 'no' END, r.customer_id";
    spec.main_table = "campaign_draft_rows";
    spec.alias = "r";
    spec.key_column = "r.id";
    spec.joins = "LEFT JOIN customers c ON c.id = r.customer_id";
    spec.order = {{"r.row_number", false}, {"r.id", false}};
    spec.plan = [](Connection&, const TableRequest& request) {
        return plan_for_draft(request, "r.draft_id");
    };
    return spec;
}

namespace {

TableSpec draft_review_table(bool accepted) {
    TableSpec spec;
    spec.name = accepted ? "draft_messages" : "draft_rejected";
    spec.title = accepted ? "Messages" : "Rejected";
    spec.file_stem = accepted ? "campaign-messages" : "campaign-rejected";
    spec.columns = {
        {"row", "Row", ColumnType::integer, 8},
        {"phone", "Phone", ColumnType::text, 18},
        {"customer", "Customer", ColumnType::text, 24},
        {accepted ? "text" : "reason", accepted ? "Message" : "Reason", ColumnType::text, 70},
    };
    spec.filters = {"draft"};
    spec.select_list = "v.id, v.row_number, v.phone, v.customer, v.text";
    spec.main_table = "campaign_draft_review";
    spec.alias = "v";
    spec.key_column = "v.id";
    spec.base_where = accepted ? "v.accepted = 1" : "v.accepted = 0";
    spec.order = {{"v.row_number", false}, {"v.id", false}};
    // The total is the review's own count, not a COUNT(*) over 100,000 verdicts on every page.
    spec.plan = [accepted](Connection& db, const TableRequest& request) {
        auto planned = plan_for_draft(request, "v.draft_id");
        if (auto* plan = std::get_if<TablePlan>(&planned)) {
            const auto draft = parse_whole_number(request.filters.at("draft"));
            if (const auto counts = draft_review_counts(db, static_cast<std::int64_t>(*draft))) {
                plan->total = accepted ? counts->accepted : counts->rejected;
            } // else COUNT(*): no review, so (almost surely) no verdicts either
        }
        return planned;
    };
    return spec;
}

} // namespace

TableSpec draft_messages_table() {
    return draft_review_table(true);
}

TableSpec draft_rejected_table() {
    return draft_review_table(false);
}

} // namespace waconsole
