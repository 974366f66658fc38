// The sections whose issues have not landed yet: their place in the menu, their title and a
// plain "Not yet available".
#pragma once

#include "sections.hpp"
#include "theme.hpp"

namespace waconsole {

void draw_placeholder(const SectionInfo& section, const Fonts& fonts);

} // namespace waconsole
