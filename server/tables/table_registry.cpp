// The list of tables: add a section's spec here when its issue lands.
#include "server/tables/table_registry.hpp"

#include "server/tables/campaign_tables.hpp"
#include "server/tables/conversation_tables.hpp"

namespace waconsole {

TableRegistry::TableRegistry() {
    for (auto spec :
         {unmanaged_conversations_table(), waiting_conversations_table(),
          active_conversations_table(), conversation_history_table(), templates_sent_table(),
          campaign_templates_table(), draft_recipients_table(), draft_messages_table(),
          draft_rejected_table(), campaign_history_table(), campaign_recipients_table()}) {
        m_tables.emplace(spec.name, std::move(spec));
    }
}

const TableSpec* TableRegistry::find(const std::string& name) const {
    const auto it = m_tables.find(name);
    return it == m_tables.end() ? nullptr : &it->second;
}

std::vector<std::string> TableRegistry::names() const {
    std::vector<std::string> names;
    for (const auto& [name, spec] : m_tables) {
        names.push_back(name);
    }
    return names;
}

} // namespace waconsole
