// Section 7, Message template sent: single templates agents sent that the customer has not
// answered yet (the unanswered_templates list kept by migration 6's triggers), newest first.
#include "server/tables/conversation_tables.hpp"
#include "server/tables/table_counts.hpp"
#include "server/tables/table_filters.hpp"

namespace waconsole {
namespace {

std::variant<TablePlan, ApiError> plan_templates_sent(Connection& db, const TableRequest& request) {
    TablePlan plan;
    plan.index_clause = "NOT INDEXED"; // the list's rowid is the message id: newest first
    auto agents = filtered_agent_ids(db, request.filters);
    if (const auto* error = std::get_if<ApiError>(&agents)) {
        return *error;
    }
    const auto& agent_ids = std::get<std::optional<std::vector<std::int64_t>>>(agents);
    if (agent_ids && agent_ids->empty()) {
        return nothing_matches();
    }
    if (agent_ids) {
        plan.filter.add_in("t.sent_by_user_id", *agent_ids);
    }
    if (const auto it = request.filters.find("customer"); it != request.filters.end()) {
        add_customer_filter(plan.filter, "t.customer_id", it->second);
        plan.index_clause.clear(); // counted with COUNT(*); SQLite picks the narrower index
        return plan;
    }
    if (!agent_ids) {
        plan.total = counted(db, "templates_sent");
        return plan;
    }
    plan.total = counted_sum(db, "templates_sent", "agent", *agent_ids);
    if (read_agent_rows_first(agent_ids->size(), *plan.total, counted(db, "templates_sent"),
                              request.page.page_size)) {
        plan.index_clause = indexed_by("unanswered_templates_by_agent");
    }
    return plan;
}

} // namespace

TableSpec templates_sent_table() {
    TableSpec spec;
    spec.name = "templates_sent";
    spec.title = "Message template sent";
    spec.file_stem = "templates-sent";
    spec.columns = {
        customer_column(),
        phone_column(),
        agent_column(),
        {"template", "Template", ColumnType::text, 20},
        {"text", "Text", ColumnType::text, 50},
        {"sent_at", "Sent", ColumnType::datetime, 18},
        {"delivered_at", "Delivered", ColumnType::datetime, 18},
        {"read_at", "Read", ColumnType::datetime, 18},
        {"status", "Status", ColumnType::status, 12},
    };
    spec.extra_fields = {{"conversation_id", "", ColumnType::integer}};
    spec.filters = {"agent", "agent_id", "customer"};
    spec.select_list = std::string("t.message_id, ") + kCustomerName + ", " + kCustomerPhone +
                       ", u.name, m.template_name, m.body, m.sent_at, m.delivered_at, m.read_at, "
                       "m.status, m.conversation_id";
    spec.main_table = "unanswered_templates";
    spec.alias = "t";
    spec.key_column = "t.message_id";
    spec.joins = "JOIN messages m ON m.id = t.message_id "
                 "JOIN customers cu ON cu.id = t.customer_id "
                 "LEFT JOIN users u ON u.id = t.sent_by_user_id";
    spec.order = {{"t.message_id", true}};
    spec.plan = plan_templates_sent;
    return spec;
}

} // namespace waconsole
