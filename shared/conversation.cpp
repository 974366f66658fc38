// Names of states, presences and roles; the database stores these exact strings.
#include "shared/conversation.hpp"

#include <array>
#include <utility>

namespace waconsole {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::pair<Enum, const char*>, N>& names,
                           const std::string& name) {
    for (const auto& [value, text] : names) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

template <typename Enum, std::size_t N>
const char* name_of(const std::array<std::pair<Enum, const char*>, N>& names, Enum value) {
    for (const auto& [candidate, text] : names) {
        if (candidate == value) {
            return text;
        }
    }
    return "";
}

constexpr std::array<std::pair<ConversationState, const char*>, 4> kStateNames = {{
    {ConversationState::bot, "bot"},
    {ConversationState::waiting, "waiting"},
    {ConversationState::active, "active"},
    {ConversationState::closed, "closed"},
}};

constexpr std::array<std::pair<Presence, const char*>, 4> kPresenceNames = {{
    {Presence::ready, "ready"},
    {Presence::busy, "busy"},
    {Presence::away, "away"},
    {Presence::offline, "offline"},
}};

constexpr std::array<std::pair<Role, const char*>, 2> kRoleNames = {{
    {Role::admin, "admin"},
    {Role::agent, "agent"},
}};

} // namespace

const char* to_string(ConversationState state) {
    return name_of(kStateNames, state);
}
std::optional<ConversationState> conversation_state_from_string(const std::string& name) {
    return lookup(kStateNames, name);
}

const char* to_string(Presence presence) {
    return name_of(kPresenceNames, presence);
}
std::optional<Presence> presence_from_string(const std::string& name) {
    return lookup(kPresenceNames, name);
}

const char* to_string(Role role) {
    return name_of(kRoleNames, role);
}
std::optional<Role> role_from_string(const std::string& name) {
    return lookup(kRoleNames, name);
}

} // namespace waconsole
