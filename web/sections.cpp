// Looking sections up. The routes are the contract of docs/architecture.md.
#include "sections.hpp"

namespace waconsole {

const SectionInfo& section_info(SectionIndex index) {
    const auto& sections = all_sections();
    return index < sections.size() ? sections[index] : sections.front();
}

std::optional<SectionIndex> section_from_route(std::string_view route) {
    if (!route.empty() && route.front() == '#') {
        route.remove_prefix(1);
    }
    const auto& sections = all_sections();
    for (SectionIndex index = 0; index < sections.size(); ++index) {
        if (route == sections[index].route) {
            return index;
        }
    }
    return std::nullopt;
}

std::optional<SectionIndex> section_from_id(std::string_view id) {
    const auto& sections = all_sections();
    for (SectionIndex index = 0; index < sections.size(); ++index) {
        if (id == sections[index].id) {
            return index;
        }
    }
    return std::nullopt;
}

} // namespace waconsole
