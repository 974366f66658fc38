// Section 5, Active conversations: chats an agent is handling now, newest started first.
#include "server/tables/conversation_tables.hpp"
#include "server/tables/table_counts.hpp"
#include "server/tables/table_filters.hpp"
#include "shared/service_window.hpp"

namespace waconsole {
namespace {

constexpr const char* kOrderIndex = "conversations_by_state_started";

std::variant<TablePlan, ApiError> plan_active(Connection& db, const TableRequest& request) {
    TablePlan plan;
    plan.index_clause = indexed_by(kOrderIndex);
    auto agents = filtered_agent_ids(db, request.filters);
    if (const auto* error = std::get_if<ApiError>(&agents)) {
        return *error;
    }
    const auto& agent_ids = std::get<std::optional<std::vector<std::int64_t>>>(agents);
    if (agent_ids && agent_ids->empty()) {
        return nothing_matches();
    }
    std::optional<std::int64_t> skillset_id;
    const auto skillset = request.filters.find("skillset");
    if (skillset != request.filters.end()) {
        skillset_id = skillset_id_named(db, skillset->second).value_or(-1);
        plan.filter.add("c.skillset_id = ?", {*skillset_id});
        // Held equal, the skillset's own index gives its rows in table order.
        plan.index_clause = indexed_by("conversations_active_by_skillset");
    }
    if (agent_ids) {
        plan.filter.add_in("c.agent_id", *agent_ids);
    }
    const bool by_customer = request.filters.count("customer") > 0;
    if (by_customer) {
        add_customer_filter(plan.filter, "c.customer_id", request.filters.at("customer"));
    }
    if (by_customer || (agent_ids && skillset_id)) {
        plan.index_clause.clear(); // counted with COUNT(*); SQLite picks the narrower index
        return plan;
    }
    if (skillset_id) {
        plan.total = counted(db, "active", "skillset", *skillset_id);
    } else if (agent_ids) {
        plan.total = counted_sum(db, "active", "agent", *agent_ids);
        // An agent holds a few chats: read them through the agent index and sort them.
        if (read_agent_rows_first(agent_ids->size(), *plan.total, counted(db, "active"), 100)) {
            plan.index_clause = indexed_by("conversations_by_agent");
        }
    } else {
        plan.total = counted(db, "active");
    }
    return plan;
}

} // namespace

TableSpec active_conversations_table() {
    TableSpec spec;
    spec.name = "active";
    spec.title = "Active conversations";
    spec.file_stem = "active-conversations";
    spec.columns = {
        customer_column(),
        phone_column(),
        agent_column(),
        skillset_column(),
        {"started_at", "Started", ColumnType::datetime, 18},
        {"last_message", "Last customer message", ColumnType::text, 40},
        {"last_message_at", "Last message at", ColumnType::datetime, 18},
        {"status", "Status", ColumnType::status, 14},
    };
    spec.filters = {"agent", "agent_id", "skillset", "customer"};
    // The status column selects the last message time; the finisher makes it the window state.
    spec.select_list = std::string("c.id, ") + kCustomerName + ", " + kCustomerPhone +
                       ", u.name, s.name, c.started_at, c.last_customer_text, "
                       "c.last_customer_message_at, c.last_customer_message_at";
    spec.main_table = "conversations";
    spec.alias = "c";
    spec.key_column = "c.id";
    spec.joins = kConversationJoins;
    spec.base_where = "c.state = 'active'";
    spec.order = {{"c.started_at", true}, {"c.id", true}};
    spec.sorts = {
        {"started_at", {{"c.started_at", false}, {"c.id", false}}, kOrderIndex},
        {"last_message_at",
         {{"COALESCE(c.last_customer_message_at, 0)", false}, {"c.id", false}},
         "conversations_active_by_last_message"},
    };
    spec.default_sort = "-started_at";
    spec.plan = plan_active;
    spec.make_finisher = [](Connection&, const TableRequest&, std::int64_t now) -> RowFinisher {
        return [now](nlohmann::json& row) {
            std::optional<std::int64_t> last;
            if (row["last_message_at"].is_number_integer()) {
                last = row["last_message_at"].get<std::int64_t>();
            }
            row["status"] = to_string(window_state(last, now));
        };
    };
    return spec;
}

} // namespace waconsole
