// Section 3, Unmanaged conversations: the ones no agent ever had — with the bot now, or closed
// without reaching an agent — newest customer message first.
#include "server/tables/conversation_tables.hpp"
#include "server/tables/table_counts.hpp"
#include "server/tables/table_filters.hpp"
#include "server/tables/transfer_fields.hpp"
#include "shared/conversation_status.hpp"

namespace waconsole {
namespace {

constexpr const char* kLastMessageOrStart = "COALESCE(c.last_customer_message_at, c.started_at)";

std::variant<TablePlan, ApiError> plan_unmanaged(Connection& db, const TableRequest& request) {
    TablePlan plan;
    plan.index_clause = indexed_by("conversations_unmanaged_order");
    if (const auto it = request.filters.find("customer"); it != request.filters.end()) {
        add_customer_filter(plan.filter, "c.customer_id", it->second);
        return plan; // counted with COUNT(*)
    }
    plan.total = counted(db, "unmanaged");
    return plan;
}

} // namespace

TableSpec unmanaged_conversations_table() {
    TableSpec spec;
    spec.name = "unmanaged";
    spec.title = "Unmanaged conversations";
    spec.file_stem = "unmanaged-conversations";
    spec.columns = {
        {"status", "Status", ColumnType::status, 14},
        customer_column(),
        phone_column(),
        {"started_at", "Started", ColumnType::datetime, 18},
        {"last_message", "Last customer message", ColumnType::text, 40},
        {"last_message_at", "Last message at", ColumnType::datetime, 18},
    };
    spec.hidden_fields = {{"state", "", ColumnType::text}};
    spec.filters = {"customer"};
    spec.select_list = std::string("c.id, c.state, ") + kCustomerName + ", " + kCustomerPhone +
                       ", c.started_at, c.last_customer_text, c.last_customer_message_at, c.state";
    spec.main_table = "conversations";
    spec.alias = "c";
    spec.key_column = "c.id";
    spec.joins = "JOIN customers cu ON cu.id = c.customer_id";
    // Exactly the WHERE of conversations_unmanaged_order (migration 6).
    spec.base_where = "c.state = 'bot' OR (c.state = 'closed' AND c.handled = 0)";
    spec.order = {{kLastMessageOrStart, true}, {"c.id", true}};
    // A conversation without a customer message yet sorts by its start.
    spec.sorts = {
        {"started_at",
         {{"c.started_at", false}, {"c.id", false}},
         "conversations_unmanaged_by_started"},
        {"last_message_at",
         {{kLastMessageOrStart, false}, {"c.id", false}},
         "conversations_unmanaged_order"},
    };
    spec.default_sort = "-last_message_at";
    spec.plan = plan_unmanaged;
    spec.make_finisher = [](Connection&, const TableRequest&, std::int64_t now) -> RowFinisher {
        return [now](nlohmann::json& row) {
            const auto state = conversation_state_from_string(row["state"].get<std::string>())
                                   .value_or(ConversationState::closed);
            std::optional<std::int64_t> last;
            if (row["last_message_at"].is_number_integer()) {
                last = row["last_message_at"].get<std::int64_t>();
            }
            row["status"] = to_string(unmanaged_status(state, last, now));
            add_transfer_fields(row, state);
        };
    };
    return spec;
}

} // namespace waconsole
