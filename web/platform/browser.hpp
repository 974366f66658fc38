// The page around the canvas: its size and pixel ratio, visibility, configuration read from the
// page, per-tab storage and a clock. platform/ is the only folder that talks to JavaScript.
#pragma once

#include <string>

namespace waconsole::platform {

struct CanvasMetrics {
    double css_width = 0;
    double css_height = 0;
    double pixel_ratio = 1; // window.devicePixelRatio: device pixels per CSS pixel
};

CanvasMetrics canvas_metrics();

// Sets the canvas drawing buffer to width x height device pixels; GLFW (and so ImGui) sees it as
// the window size, so ImGui works in device pixels and text stays sharp on high-DPI screens.
void set_canvas_pixel_size(int width, int height);

// False while the tab is hidden: background refreshes are skipped then.
bool page_visible();

// Swaps the shell's loading text for the canvas once the first real frame is drawn.
void show_app();

// The API base URL without a trailing slash, as the hosting side set it in index.html
// (<meta name="waconsole-api-base">); "" means the page's own origin. The page URL has no say.
std::string api_base();

// Where the page finds one of the build's files ("fonts/NotoSans-Regular.ttf"): its
// content-hashed name from index.html's list (web/hash_dist.cmake), relative to the page.
std::string asset_url(const std::string& plain_name);

// The browser's IANA time zone ("Europe/Madrid"), "" if it cannot tell.
std::string time_zone();

// sessionStorage of this tab; a missing key reads as "".
std::string session_get(const std::string& key);
void session_set(const std::string& key, const std::string& value);
void session_remove(const std::string& key);
// localStorage: every tab of this browser, kept after it closes. Never for secrets.
std::string local_get(const std::string& key);
void local_set(const std::string& key, const std::string& value);

// The tab's title (document.title).
void set_page_title(const std::string& title);

// Opens `url` in a new tab (noopener: the new page cannot reach this one).
void open_in_new_tab(const std::string& url);

// Seconds on a monotonic clock (performance.now()).
double now_seconds();

} // namespace waconsole::platform
