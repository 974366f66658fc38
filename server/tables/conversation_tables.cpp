// Active conversations: chats an agent is handling now.
#include "server/tables/conversation_tables.hpp"

#include "shared/service_window.hpp"

namespace waconsole {

TableSpec active_conversations_table() {
    TableSpec spec;
    spec.name = "active";
    spec.title = "Active conversations";
    spec.file_stem = "active-conversations";
    spec.columns = {
        {"customer", "Customer", ColumnType::text, 24},
        {"phone", "Phone", ColumnType::text, 18},
        {"agent", "Agent", ColumnType::text, 20},
        {"skillset", "Skillset", ColumnType::text, 14},
        {"started_at", "Started", ColumnType::datetime, 18},
        {"last_message", "Last customer message", ColumnType::text, 40},
        {"last_message_at", "Last message at", ColumnType::datetime, 18},
        {"status", "Status", ColumnType::status, 14},
    };
    spec.filters = {"agent", "skillset"};
    // The status column selects the last message time; finish_row turns it into the window state.
    spec.select_list =
        "c.id, cu.name, COALESCE(cu.phone, cu.wa_id), u.name, s.name, c.started_at, "
        "c.last_customer_text, c.last_customer_message_at, c.last_customer_message_at";
    spec.main_from = "FROM conversations c";
    spec.key_column = "c.id";
    spec.joins =
        "JOIN customers cu ON cu.id = c.customer_id LEFT JOIN users u ON u.id = c.agent_id "
        "LEFT JOIN skillsets s ON s.id = c.skillset_id";
    spec.base_where = "c.state = 'active'";
    spec.order_by = "c.started_at DESC, c.id DESC";
    spec.apply_filters = [](const std::map<std::string, std::string>& filters,
                            SqlFilter& filter) -> std::optional<ApiError> {
        if (const auto it = filters.find("agent"); it != filters.end()) {
            filter.add("c.agent_id IN (SELECT id FROM users WHERE name LIKE ? ESCAPE '\\')",
                       {like_contains(it->second)});
        }
        if (const auto it = filters.find("skillset"); it != filters.end()) {
            filter.add("c.skillset_id IN (SELECT id FROM skillsets WHERE name = ? COLLATE NOCASE)",
                       {it->second});
        }
        return std::nullopt;
    };
    spec.finish_row = [](nlohmann::json& row, std::int64_t now) {
        std::optional<std::int64_t> last;
        if (row["last_message_at"].is_number_integer()) {
            last = row["last_message_at"].get<std::int64_t>();
        }
        row["status"] = to_string(window_state(last, now));
    };
    return spec;
}

} // namespace waconsole
