// Fetches the TTFs from the page's fonts/ folder (subset at build time from Debian's font
// packages, see assets/fonts.txt) without blocking a frame. The text fonts hold up the first
// frame. There is no emoji or other-script font to fetch: the browser draws those
// (widgets/browser_text.hpp).
#pragma once

#include "platform/http.hpp"
#include "theme.hpp"

namespace waconsole {

struct FontLoader {
    platform::Request regular;
    platform::Request bold;
    FontFiles files;
    bool started = false;
    int text_pending = 2; // regular and bold
    bool failed = false;  // a file did not load: ImGui's built-in font stands in
    int arrived = 0;      // grows with every file that arrives: the atlas is stale when it moves
};

// Starts the downloads on the first call; true once the text fonts have arrived or failed.
bool poll_fonts(FontLoader& loader);

// True while any font file is still on its way.
inline bool fonts_loading(const FontLoader& loader) {
    return loader.text_pending > 0;
}

} // namespace waconsole
