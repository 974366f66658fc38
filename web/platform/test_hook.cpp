// JavaScript side of test_hook.hpp. The exported C function takes the hook's address, which the
// page keeps, so no global is needed.
#include "platform/test_hook.hpp"

#include <emscripten.h>

namespace {

// clang-format off
EM_JS(void, js_install_test_hook, (void* hook), {
    window.waconsoleTestState = function() {
        var state = JSON.parse(UTF8ToString(Module._waconsole_test_state(hook)));
        var box = Module.canvas.getBoundingClientRect();
        var widgets = state.widgets || {};
        Object.keys(widgets).forEach(function(name) {
            widgets[name].x += box.left + window.scrollX;
            widgets[name].y += box.top + window.scrollY;
        });
        return state;
    };
});
// clang-format on

} // namespace

extern "C" EMSCRIPTEN_KEEPALIVE const char* waconsole_test_state(void* hook) {
    return static_cast<waconsole::platform::TestHook*>(hook)->produce();
}

namespace waconsole::platform {

TestHook::TestHook(std::function<std::string()> report) : m_report(std::move(report)) {
    js_install_test_hook(this);
}

const char* TestHook::produce() {
    m_last = m_report();
    return m_last.c_str();
}

} // namespace waconsole::platform
