// The busiest live section.
#include "shared/busiest_section.hpp"

namespace waconsole {

std::optional<std::string> busiest_section(const std::map<std::string, long long>& counts) {
    std::optional<std::string> best;
    long long most = 0;
    // Customers waiting for an agent first, then conversations with an agent, then the bot's.
    for (const char* id : {"waiting", "active", "unmanaged"}) {
        const auto found = counts.find(id);
        if (found != counts.end() && found->second > most) {
            most = found->second;
            best = id;
        }
    }
    return best;
}

} // namespace waconsole
