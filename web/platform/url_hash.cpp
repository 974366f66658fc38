// JavaScript side of url_hash.hpp.
#include "platform/url_hash.hpp"

#include <cstdlib>
#include <emscripten.h>

namespace {

// clang-format off
EM_JS(void, js_watch_url_hash, (), {
    Module.waconsoleHashChanges = 0;
    window.addEventListener('hashchange', function() { Module.waconsoleHashChanges++; });
});
EM_JS(char*, js_read_url_hash, (), {
    // Left percent-encoded: a filter's value may hold '&' or '=' (view_route.cpp decodes).
    var hash = window.location.hash.substring(1);
    var size = lengthBytesUTF8(hash) + 1;
    var out = _malloc(size);
    stringToUTF8(hash, out, size);
    return out;
});
EM_JS(void, js_write_url_hash, (const char* hash, int push), {
    var wanted = '#' + UTF8ToString(hash);
    if (window.location.hash === wanted) return;
    if (push) {
        window.location.hash = wanted;
    } else {
        // replace() on the URL fires hashchange like an assignment but adds no history entry.
        window.location.replace(window.location.href.split('#')[0] + wanted);
    }
});
EM_JS(int, js_url_hash_change_count, (), {
    return Module.waconsoleHashChanges || 0;
});
// clang-format on

} // namespace

namespace waconsole::platform {

void watch_url_hash() {
    js_watch_url_hash();
}

std::string read_url_hash() {
    char* text = js_read_url_hash();
    std::string hash = text;
    std::free(text);
    return hash;
}

void write_url_hash(const std::string& hash, bool push) {
    js_write_url_hash(hash.c_str(), push ? 1 : 0);
}

int url_hash_change_count() {
    return js_url_hash_change_count();
}

} // namespace waconsole::platform
