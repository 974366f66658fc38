// JavaScript side of text_entry.hpp.
#include "platform/text_entry.hpp"

#include <cstdlib>
#include <emscripten.h>

namespace {

waconsole::platform::EnteredText entered_text_handler = nullptr;
void* entered_text_arg = nullptr;

// clang-format off
EM_JS(void, js_text_entry_sync, (int editing, double x, double y), {
    var entry = Module.waconsoleTextEntry;
    if (!entry) {
        var area = document.createElement('textarea');
        area.setAttribute('aria-hidden', 'true');
        area.setAttribute('autocomplete', 'off');
        area.setAttribute('autocapitalize', 'off');
        area.setAttribute('spellcheck', 'false');
        area.tabIndex = -1;
        area.className = 'text-entry';
        document.body.appendChild(area);
        entry = Module.waconsoleTextEntry = {area: area, editing: false};
        // A key press types through GLFW already: refused here, it inserts nothing and fires no
        // input event. Text without a key press (an input method's, insertText, a paste) does.
        area.addEventListener('keypress', function (event) { event.preventDefault(); });
        var hand_over = function () {
            var text = area.value;
            area.value = "";
            if (!text) return;
            var size = lengthBytesUTF8(text) + 1;
            var bytes = _malloc(size);
            stringToUTF8(text, bytes, size);
            _waconsole_text_entered(bytes);
            _free(bytes);
        };
        area.addEventListener('input', function (event) {
            if (!event.isComposing) hand_over(); // else the input method is still choosing
        });
        area.addEventListener('compositionend', hand_over);
    }
    entry.area.style.left = Math.max(0, x) + 'px';
    entry.area.style.top = Math.max(0, y) + 'px';
    // Tab from one field to the next passes through a frame or two with no field active: the
    // focus stays here meanwhile, since moving it between a key's keydown and its keypress loses
    // the character in Firefox. Only a few frames without a field give it back to the canvas.
    entry.idle = editing ? 0 : (entry.idle || 0) + 1;
    if (editing) {
        if (document.activeElement !== entry.area) {
            // Also after a click on the canvas took the focus while the field stays active.
            if (!entry.editing) entry.area.value = "";
            entry.area.focus({preventScroll: true});
        }
        entry.editing = true;
    } else if (entry.editing && entry.idle >= 3) {
        entry.area.blur();
        Module.canvas.focus({preventScroll: true});
        entry.editing = false;
    }
});
// clang-format on

} // namespace

// Called by the textarea's listeners, in the browser's event order.
extern "C" EMSCRIPTEN_KEEPALIVE void waconsole_text_entered(const char* text) {
    if (entered_text_handler != nullptr && text != nullptr) {
        entered_text_handler(text, entered_text_arg);
    }
}

namespace waconsole::platform {

void sync_text_entry(bool editing, float x, float y) {
    js_text_entry_sync(editing ? 1 : 0, x, y);
}

void on_entered_text(EnteredText handler, void* arg) {
    entered_text_handler = handler;
    entered_text_arg = arg;
}

} // namespace waconsole::platform
