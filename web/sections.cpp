// The section list. The routes are the contract of docs/architecture.md.
#include "sections.hpp"

namespace waconsole {

const SectionInfo& section_info(Section section) {
    for (const auto& info : kSections) {
        if (info.section == section) {
            return info;
        }
    }
    return kSections.front();
}

std::optional<Section> section_from_route(std::string_view route) {
    if (!route.empty() && route.front() == '#') {
        route.remove_prefix(1);
    }
    for (const auto& info : kSections) {
        if (route == info.route) {
            return info.section;
        }
    }
    return std::nullopt;
}

} // namespace waconsole
