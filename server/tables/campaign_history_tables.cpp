// Section 2, Outbound history: every campaign with its delivery counts, and one campaign's
// recipients with each one's timetable (the View and its Export). A recipient's status is its
// message's once it is fed to the send queue.
#include "server/tables/campaign_tables.hpp"
#include "shared/paging.hpp"

namespace waconsole {
namespace {

std::variant<TablePlan, ApiError> plan_for_campaign(const TableRequest& request) {
    const auto campaign = request.filters.find("campaign");
    const auto id =
        campaign == request.filters.end() ? std::nullopt : parse_whole_number(campaign->second);
    if (!id) {
        return validation_error("campaign", "required: the id of the campaign");
    }
    TablePlan plan;
    plan.filter.add("r.campaign_id = ?", {static_cast<std::int64_t>(*id)});
    return plan;
}

} // namespace

TableSpec campaign_history_table() {
    TableSpec spec;
    spec.name = "campaigns";
    spec.title = "Outbound history";
    spec.file_stem = "outbound-history";
    spec.columns = {
        {"name", "Campaign", ColumnType::text, 24},
        {"template", "Template", ColumnType::text, 20},
        {"author", "Author", ColumnType::text, 18},
        {"created_at", "Created", ColumnType::datetime, 18},
        {"mode", "Mode", ColumnType::text, 10},
        {"scheduled_at", "Scheduled", ColumnType::datetime, 18},
        {"recipients", "Recipients", ColumnType::integer, 11},
        {"sent", "Sent", ColumnType::integer, 9},
        {"delivered", "Delivered", ColumnType::integer, 10},
        {"read", "Read", ColumnType::integer, 9},
        {"replied", "Replied", ColumnType::integer, 9},
        {"failed", "Failed", ColumnType::integer, 9},
        {"status", "Status", ColumnType::status, 12},
    };
    spec.extra_fields = {
        {"rejected", "", ColumnType::integer},    {"unknown", "", ColumnType::integer},
        {"started_at", "", ColumnType::datetime}, {"finished_at", "", ColumnType::datetime},
        {"resume_at", "", ColumnType::datetime},  {"pause_reason", "", ColumnType::text},
        {"retry_of", "", ColumnType::integer}};
    spec.filters = {};
    spec.select_list = "k.id, k.name, k.template_name || ' (' || k.template_language || ')', "
                       "COALESCE(u.name, ''), k.created_at, k.mode, k.scheduled_at, "
                       "k.recipient_count, c.sent_count, c.delivered_count, c.read_count, "
                       "c.replied_count, c.failed_count, k.status, k.rejected_count, "
                       "c.unknown_count, k.started_at, k.finished_at, k.resume_at, "
                       "COALESCE(k.pause_reason, ''), k.retry_of";
    spec.main_table = "campaigns";
    spec.alias = "k";
    spec.key_column = "k.id";
    spec.joins = "LEFT JOIN users u ON u.id = k.created_by "
                 "JOIN campaign_counts c ON c.campaign_id = k.id";
    spec.order = {{"k.id", true}};
    // Not the delivery counts: they change with every status webhook, and an index on each
    // would be written as often.
    spec.sorts = {
        {"created_at", {{"k.created_at", false}, {"k.id", false}}, "campaigns_by_created"},
        {"scheduled_at",
         {{"COALESCE(k.scheduled_at, 0)", false}, {"k.id", false}},
         "campaigns_by_scheduled"},
        {"recipients", {{"k.recipient_count", false}, {"k.id", false}}, "campaigns_by_recipients"},
    };
    return spec;
}

TableSpec campaign_recipients_table() {
    TableSpec spec;
    spec.name = "campaign_recipients";
    spec.title = "Campaign recipients";
    spec.file_stem = "campaign-detail";
    spec.columns = {
        {"row", "Row", ColumnType::integer, 8},
        {"phone", "Phone", ColumnType::text, 18},
        {"customer", "Customer", ColumnType::text, 22},
        {"text", "Message", ColumnType::text, 60},
        {"status", "Status", ColumnType::status, 12},
        {"sent_at", "Sent", ColumnType::datetime, 18},
        {"delivered_at", "Delivered", ColumnType::datetime, 18},
        {"read_at", "Read", ColumnType::datetime, 18},
        {"replied_at", "Replied", ColumnType::datetime, 18},
        {"failed_at", "Failed", ColumnType::datetime, 18},
        {"error", "Error", ColumnType::text, 40},
    };
    spec.filters = {"campaign"};
    // A recipient not fed yet is "queued"; one skipped or cancelled says so; else its message's.
    spec.select_list =
        "r.id, r.row_number, r.phone, r.customer_name, r.rendered_text, "
        "CASE WHEN r.state = 'fed' THEN m.status ELSE r.state END, m.sent_at, m.delivered_at, "
        "m.read_at, r.replied_at, m.failed_at, "
        "CASE WHEN r.state = 'skipped' THEN r.skip_reason WHEN m.status = 'failed' THEN "
        "COALESCE(m.error_code || ' ', '') || COALESCE(m.error_title, '') || "
        "COALESCE(': ' || m.error_details, '') WHEN m.status IN ('unknown', 'unresolved') THEN "
        "COALESCE(m.status_reason, '') ELSE '' END";
    spec.main_table = "campaign_recipients";
    spec.alias = "r";
    spec.key_column = "r.id";
    spec.joins = "LEFT JOIN messages m ON m.id = r.message_id";
    spec.order = {{"r.row_number", false}, {"r.id", false}};
    spec.plan = [](Connection&, const TableRequest& request) { return plan_for_campaign(request); };
    return spec;
}

} // namespace waconsole
