// The conversation sections of the menu (3 to 7) as table specs; docs/contact-center.md says
// what each lists, its columns, filters and order.
#pragma once

#include "server/tables/table_spec.hpp"

namespace waconsole {

TableSpec unmanaged_conversations_table(); // section 3
TableSpec waiting_conversations_table();   // section 4
TableSpec active_conversations_table();    // section 5
TableSpec conversation_history_table();    // section 6
TableSpec templates_sent_table();          // section 7

// The columns several sections show, alike everywhere (key, title, Excel width).
inline Column customer_column() {
    return {"customer", "Customer", ColumnType::text, 24};
}
inline Column phone_column() {
    return {"phone", "Phone", ColumnType::text, 18};
}
inline Column agent_column() {
    return {"agent", "Agent", ColumnType::text, 20};
}
inline Column skillset_column() {
    return {"skillset", "Skillset", ColumnType::text, 14};
}

// What every conversation section joins: the customer, the agent and the skillset.
constexpr const char* kCustomerName = "cu.name";
constexpr const char* kCustomerPhone = "COALESCE(cu.phone, cu.wa_id)";
constexpr const char* kConversationJoins =
    "JOIN customers cu ON cu.id = c.customer_id LEFT JOIN users u ON u.id = c.agent_id "
    "LEFT JOIN skillsets s ON s.id = c.skillset_id";

} // namespace waconsole
