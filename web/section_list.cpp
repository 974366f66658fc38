// The registration of every section: its place in the menu, title, route and screen. Adding a
// section is one entry here and its screen file.
#include "screens/active_screen.hpp"
#include "screens/campaign_templates_screen.hpp"
#include "screens/history_screen.hpp"
#include "screens/outbound_history_screen.hpp"
#include "screens/team_screen.hpp"
#include "screens/templates_sent_screen.hpp"
#include "screens/unmanaged_screen.hpp"
#include "screens/waiting_screen.hpp"
#include "sections.hpp"

namespace waconsole {

const std::vector<SectionInfo>& all_sections() {
    static const std::vector<SectionInfo> sections = {
        {"campaigns_new", "New outbound campaign", "/campaigns/new",
         "Launch a WhatsApp campaign from an approved template.", false,
         make_screen<CampaignTemplatesScreen>, "New campaign"},
        {"campaigns_history", "Outbound history", "/campaigns/history",
         "Every campaign with its delivery counts.", false, make_screen<OutboundHistoryScreen>},
        {"unmanaged", "Unmanaged conversations", "/unmanaged",
         "Conversations no agent ever had: still with the bot, or closed by it.", false,
         make_screen<UnmanagedScreen>, "Unmanaged"},
        {"waiting", "Waiting conversations", "/waiting",
         "Conversations queued for an agent, in queue order.", false, make_screen<WaitingScreen>,
         "Waiting"},
        {"active", "Active conversations", "/active", "Chats that agents are handling now.", false,
         make_screen<ActiveScreen>, "Active"},
        {"history", "Conversation history", "/history", "Closed conversations, by agent and date.",
         false, make_screen<HistoryScreen>, "History"},
        {"templates_sent", "Message template sent", "/templates-sent",
         "Single templates sent by agents and not yet answered.", false,
         make_screen<TemplatesSentScreen>, "Templates sent"},
        {"team", "Team", "/team",
         "Agents, their skillsets, capacity and presence; skillsets and their bot digit.", true,
         make_screen<TeamScreen>},
    };
    return sections;
}

} // namespace waconsole
