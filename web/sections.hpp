// The seven sections of the WhatsApp menu and Team beside them: their ids (used by the URL hash
// and the test hook), titles and routes. The sidebar, the router and the screens all read this
// one list; a new section is one entry here plus its screen in app.cpp's draw_section.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace waconsole {

enum class Section {
    campaigns_new,
    campaigns_history,
    unmanaged,
    waiting,
    active,
    history,
    templates_sent,
    team,
};

struct SectionInfo {
    Section section = Section::active;
    const char* id = "";          // "active": test hook `section` and widget `menu.<id>`
    const char* title = "";       // "Active conversations"
    const char* route = "";       // "/active": the URL hash without '#'
    const char* description = ""; // one line under the title
    bool beside = false;          // not one of the seven: listed apart in the sidebar
};

// In menu order.
inline constexpr std::array<SectionInfo, 8> kSections = {{
    {Section::campaigns_new, "campaigns_new", "New outbound campaign", "/campaigns/new",
     "Launch a WhatsApp campaign from an approved template."},
    {Section::campaigns_history, "campaigns_history", "Outbound history", "/campaigns/history",
     "Every campaign with its delivery counts."},
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
    {Section::team, "team", "Team", "/team",
     "Agents, their skillsets, capacity and presence; skillsets and their bot digit.", true},
}};

constexpr Section kFirstSection = Section::campaigns_new;
constexpr const char* kLoginRoute = "/login";

const SectionInfo& section_info(Section section);
// The section of a URL hash ("/active" or "#/active"); nullopt for "/login", "" or unknown routes.
std::optional<Section> section_from_route(std::string_view route);

} // namespace waconsole
