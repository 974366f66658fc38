// JavaScript side of browser.hpp.
#include "platform/browser.hpp"

#include <cstdlib>
#include <emscripten.h>

namespace {

// Every EM_JS that returns a string hands back a malloc'd UTF-8 copy; take_js_string frees it.
// clang-format off
EM_JS(double, js_canvas_css_width, (), {
    return Module.canvas.getBoundingClientRect().width;
});
EM_JS(double, js_canvas_css_height, (), {
    return Module.canvas.getBoundingClientRect().height;
});
EM_JS(double, js_pixel_ratio, (), {
    return window.devicePixelRatio || 1;
});
EM_JS(void, js_set_canvas_pixel_size, (int width, int height), {
    // Browser.setCanvasSize also tells GLFW, which updates its window size and calls back.
    Browser.setCanvasSize(width, height);
});
EM_JS(int, js_page_visible, (), {
    return document.visibilityState !== 'hidden';
});
EM_JS(void, js_show_app, (), {
    document.body.classList.add('app-ready');
    // When the first frame was drawn, on the page's clock (first_frame_bench reads it).
    if (performance.mark) performance.mark("waconsole-first-frame");
});
// Only the page's own markup names the API (index.html's waconsole-api-base): never the page
// URL, which anyone can put in a link, and never a global a script could set.
EM_JS(char*, js_api_base, (), {
    var meta = document.querySelector('meta[name="waconsole-api-base"]');
    var base = meta ? (meta.getAttribute('content') || "") : "";
    base = base.trim();
    while (base.length > 0 && base.charAt(base.length - 1) === '/') {
        base = base.substring(0, base.length - 1);
    }
    var size = lengthBytesUTF8(base) + 1;
    var out = _malloc(size);
    stringToUTF8(base, out, size);
    return out;
});
EM_JS(char*, js_asset_url, (const char* plain), {
    var name = UTF8ToString(plain);
    var url = typeof waconsoleAssetUrl === "function" ? waconsoleAssetUrl(name) : name;
    var size = lengthBytesUTF8(url) + 1;
    var out = _malloc(size);
    stringToUTF8(url, out, size);
    return out;
});
EM_JS(char*, js_time_zone, (), {
    var zone = "";
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) {}
    var size = lengthBytesUTF8(zone) + 1;
    var out = _malloc(size);
    stringToUTF8(zone, out, size);
    return out;
});
// local = 1: localStorage (every tab of the browser, kept), 0: sessionStorage (this tab).
EM_JS(char*, js_storage_get, (int local, const char* key), {
    var value = null;
    try {
        var storage = local ? window.localStorage : window.sessionStorage;
        value = storage.getItem(UTF8ToString(key));
    } catch (e) {}
    value = value || "";
    var size = lengthBytesUTF8(value) + 1;
    var out = _malloc(size);
    stringToUTF8(value, out, size);
    return out;
});
EM_JS(void, js_storage_set, (int local, const char* key, const char* value), {
    try {
        var storage = local ? window.localStorage : window.sessionStorage;
        storage.setItem(UTF8ToString(key), UTF8ToString(value));
    } catch (e) {}
});
EM_JS(void, js_session_remove, (const char* key), {
    try { window.sessionStorage.removeItem(UTF8ToString(key)); } catch (e) {}
});
EM_JS(void, js_set_title, (const char* title), {
    document.title = UTF8ToString(title);
});
EM_JS(void, js_open_in_new_tab, (const char* url), {
    window.open(UTF8ToString(url), '_blank', 'noopener');
});
EM_JS(double, js_now_ms, (), {
    return performance.now();
});
// clang-format on

std::string take_js_string(char* text) {
    std::string out = text != nullptr ? text : "";
    std::free(text);
    return out;
}

} // namespace

namespace waconsole::platform {

CanvasMetrics canvas_metrics() {
    return {js_canvas_css_width(), js_canvas_css_height(), js_pixel_ratio()};
}

void set_canvas_pixel_size(int width, int height) {
    js_set_canvas_pixel_size(width, height);
}

bool page_visible() {
    return js_page_visible() != 0;
}

void show_app() {
    js_show_app();
}

std::string api_base() {
    return take_js_string(js_api_base());
}

std::string asset_url(const std::string& plain_name) {
    return take_js_string(js_asset_url(plain_name.c_str()));
}

std::string time_zone() {
    return take_js_string(js_time_zone());
}

std::string session_get(const std::string& key) {
    return take_js_string(js_storage_get(0, key.c_str()));
}

void session_set(const std::string& key, const std::string& value) {
    js_storage_set(0, key.c_str(), value.c_str());
}

std::string local_get(const std::string& key) {
    return take_js_string(js_storage_get(1, key.c_str()));
}

void local_set(const std::string& key, const std::string& value) {
    js_storage_set(1, key.c_str(), value.c_str());
}

void set_page_title(const std::string& title) {
    js_set_title(title.c_str());
}

void session_remove(const std::string& key) {
    js_session_remove(key.c_str());
}

void open_in_new_tab(const std::string& url) {
    js_open_in_new_tab(url.c_str());
}

double now_seconds() {
    return js_now_ms() / 1000.0;
}

} // namespace waconsole::platform
