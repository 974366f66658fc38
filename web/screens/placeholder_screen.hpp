// The sections whose issues have not landed yet: their place in the menu, their title and a
// plain "Not yet available".
#pragma once

#include "screens/section_screen.hpp"

namespace waconsole {

struct PlaceholderScreen final : SectionScreen {
    void draw_screen(App& app) override;
};

} // namespace waconsole
