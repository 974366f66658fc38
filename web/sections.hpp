// The seven sections of the WhatsApp menu and Team beside them: their ids (used by the URL hash
// and the test hook), titles, routes and screens. The sidebar, the router and the frame all read
// this one list; a new section is its screen file in screens/ plus one entry in section_list.cpp.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace waconsole {

class SectionScreen;

// A section is its place in the list.
using SectionIndex = std::size_t;

struct SectionInfo {
    const char* id = "";          // "active": test hook `section` and widget `menu.<id>`
    const char* title = "";       // "Active conversations"
    const char* route = "";       // "/active": the URL hash without '#'
    const char* description = ""; // one line under the title
    bool beside = false;          // not one of the seven: listed apart in the sidebar
    std::unique_ptr<SectionScreen> (*make_screen)() = nullptr;
    const char* short_title = ""; // in a narrow sidebar ("Unmanaged"); "" = the title
};

// Every section in menu order (section_list.cpp).
const std::vector<SectionInfo>& all_sections();

constexpr SectionIndex kFirstSection = 0;
constexpr const char* kLoginRoute = "/login";

// The section at `index`; the first one for an index out of range.
const SectionInfo& section_info(SectionIndex index);
// The section of a URL hash ("/active" or "#/active"); nullopt for "/login", "" or unknown routes.
std::optional<SectionIndex> section_from_route(std::string_view route);
// The section with the id `id` ("active"); nullopt for an unknown id.
std::optional<SectionIndex> section_from_id(std::string_view id);

// The screen type T as a SectionInfo::make_screen.
template <class T> std::unique_ptr<SectionScreen> make_screen() {
    return std::make_unique<T>();
}

} // namespace waconsole
