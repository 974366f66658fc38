// Section 4, Waiting conversations: the queues, skillset by skillset, each in queue order, with
// each conversation's position in its queue and how long it has waited.
#include "server/tables/conversation_tables.hpp"
#include "server/tables/queue_positions.hpp"
#include "server/tables/table_counts.hpp"
#include "server/tables/table_filters.hpp"
#include "server/tables/transfer_fields.hpp"
#include "shared/conversation_rules.hpp"

#include <memory>

namespace waconsole {
namespace {

std::variant<TablePlan, ApiError> plan_waiting(Connection& db, const TableRequest& request) {
    TablePlan plan;
    plan.index_clause = indexed_by("conversations_waiting_order");
    std::optional<std::int64_t> skillset_id;
    if (const auto it = request.filters.find("skillset"); it != request.filters.end()) {
        skillset_id = skillset_id_named(db, it->second).value_or(-1);
        plan.filter.add("COALESCE(c.skillset_id, 0) = ?", {*skillset_id});
        plan.fixed_keys = 1;
    }
    if (const auto it = request.filters.find("customer"); it != request.filters.end()) {
        add_customer_filter(plan.filter, "c.customer_id", it->second);
        return plan; // counted with COUNT(*)
    }
    plan.total =
        skillset_id ? counted(db, "waiting", "skillset", *skillset_id) : counted(db, "waiting");
    return plan;
}

std::optional<std::int64_t> optional_int(const nlohmann::json& value) {
    return value.is_number_integer() ? std::optional(value.get<std::int64_t>()) : std::nullopt;
}

RowFinisher waiting_finisher(Connection& db, const TableRequest& request, std::int64_t now) {
    // Rows in queue order with whole queues let each rank follow from the one before.
    auto positions = std::make_shared<QueuePositions>(db, request.filters.count("customer") == 0 &&
                                                              request.sort.empty());
    return [positions, now](nlohmann::json& row) {
        QueueSpot spot;
        spot.id = row["id"];
        spot.skillset_key = row["skillset_key"];
        spot.agent_id = optional_int(row["agent_id"]);
        spot.reserved_for_user_id = optional_int(row["reserved_for_user_id"]);
        spot.queue_priority = row["queue_priority"];
        spot.queue_time = row["waiting_since"];
        const auto position = positions->position(spot);
        row["position"] = position ? nlohmann::json(*position) : nlohmann::json(nullptr);
        row["status"] = to_string(waiting_status(spot.agent_id, spot.reserved_for_user_id));
        row["waited"] = std::max<std::int64_t>(0, now - spot.queue_time);
        add_transfer_fields(row, ConversationState::waiting);
    };
}

} // namespace

TableSpec waiting_conversations_table() {
    TableSpec spec;
    spec.name = "waiting";
    spec.title = "Waiting conversations";
    spec.file_stem = "waiting-conversations";
    spec.columns = {
        {"status", "Status", ColumnType::status, 14},
        {"position", "Position", ColumnType::integer, 10},
        customer_column(),
        phone_column(),
        skillset_column(),
        agent_column(),
        {"waiting_since", "Waiting since", ColumnType::datetime, 18},
        {"waited", "Waited (seconds)", ColumnType::integer, 12},
        {"last_message", "Last customer message", ColumnType::text, 40},
        {"last_message_at", "Last message at", ColumnType::datetime, 18},
    };
    spec.hidden_fields = {
        {"agent_id", "", ColumnType::integer},
        {"reserved_for_user_id", "", ColumnType::integer},
        {"skillset_key", "", ColumnType::integer},
        {"queue_priority", "", ColumnType::integer},
    };
    spec.filters = {"skillset", "customer"};
    // status, position and waited are filled in by the finisher; the agent is the one who has it
    // or the one it is reserved for.
    spec.select_list = std::string("c.id, NULL, NULL, ") + kCustomerName + ", " + kCustomerPhone +
                       ", s.name, u.name, COALESCE(c.queued_at, c.started_at), NULL, "
                       "c.last_customer_text, c.last_customer_message_at, c.agent_id, "
                       "c.reserved_for_user_id, COALESCE(c.skillset_id, 0), c.queue_priority";
    spec.main_table = "conversations";
    spec.alias = "c";
    spec.key_column = "c.id";
    spec.joins = "JOIN customers cu ON cu.id = c.customer_id "
                 "LEFT JOIN users u ON u.id = COALESCE(c.agent_id, c.reserved_for_user_id) "
                 "LEFT JOIN skillsets s ON s.id = c.skillset_id";
    spec.base_where = "c.state = 'waiting'";
    // Exactly the keys of conversations_waiting_order (migration 6).
    spec.order = {{"COALESCE(c.skillset_id, 0)", false},
                  {"c.queue_priority", true},
                  {"COALESCE(c.queued_at, c.started_at)", false},
                  {"c.id", false}};
    // Besides the queues, by time (migration 11's indexes); no sort is the queue order.
    spec.sorts = {
        {"waiting_since",
         {{"COALESCE(c.queued_at, c.started_at)", false}, {"c.id", false}},
         "conversations_waiting_by_since"},
        {"last_message_at",
         {{"COALESCE(c.last_customer_message_at, 0)", false}, {"c.id", false}},
         "conversations_waiting_by_last_message"},
    };
    spec.plan = plan_waiting;
    spec.make_finisher = waiting_finisher;
    return spec;
}

} // namespace waconsole
