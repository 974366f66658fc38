// The section list. The routes are the contract of docs/architecture.md.
#include "sections.hpp"

namespace waconsole {

const std::array<SectionInfo, 7>& all_sections() {
    static const std::array<SectionInfo, 7> sections = {{
        {Section::campaigns_new, "campaigns_new", "New outbound campaign", "/campaigns/new",
         "Launch a WhatsApp campaign from an approved template."},
        {Section::campaigns_history, "campaigns_history", "Outbound history",
         "/campaigns/history", "Every campaign with its delivery counts."},
        {Section::unmanaged, "unmanaged", "Unmanaged conversations", "/unmanaged",
         "Conversations that are still with the bot."},
        {Section::waiting, "waiting", "Waiting conversations", "/waiting",
         "Conversations queued for an agent."},
        {Section::active, "active", "Active conversations", "/active",
         "Chats that agents are handling now."},
        {Section::history, "history", "Conversation history", "/history",
         "Closed conversations, by agent and date."},
        {Section::templates_sent, "templates_sent", "Message template sent", "/templates-sent",
         "Single templates sent by agents and not yet answered."},
    }};
    return sections;
}

const SectionInfo& section_info(Section section) {
    for (const auto& info : all_sections()) {
        if (info.section == section) {
            return info;
        }
    }
    return all_sections().front();
}

std::optional<Section> section_from_route(std::string_view route) {
    if (!route.empty() && route.front() == '#') {
        route.remove_prefix(1);
    }
    for (const auto& info : all_sections()) {
        if (route == info.route) {
            return info.section;
        }
    }
    return std::nullopt;
}

} // namespace waconsole
