// Fetches the TTFs from the page's fonts/ folder (copied there from fonts-noto-core at build
// time, see assets/fonts.txt) without blocking a frame.
#pragma once

#include "platform/http.hpp"
#include "theme.hpp"

namespace waconsole {

struct FontLoader {
    platform::Request regular;
    platform::Request bold;
    FontFiles files;
    bool started = false;
    int pending = 2;
    bool failed = false; // a file did not load: ImGui's built-in font stands in
};

// Starts the downloads on the first call; true once every file has arrived or failed.
bool poll_fonts(FontLoader& loader);

} // namespace waconsole
