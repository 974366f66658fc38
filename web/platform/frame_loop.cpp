// JavaScript side of frame_loop.hpp. The pacing state lives in one JS object on Module because the
// input listeners that wake the loop run outside any frame.
#include "platform/frame_loop.hpp"

#include <emscripten.h>

namespace {

// clang-format off
EM_JS(void, js_pacer_install, (), {
    var pacer = {fast: true, framesLeft: 30, activeUntil: 0, inFrame: false};
    // Leaves the slow timer at once: the pending timeout is orphaned by pause/resume (the old
    // loop iteration sees a newer loop id and returns), and resume schedules an animation frame.
    pacer.goFast = function() {
        if (pacer.fast) return;
        pacer.fast = true;
        if (pacer.inFrame || !Browser.mainLoop.func) return;
        Browser.mainLoop.timingMode = 1;
        Browser.mainLoop.timingValue = 1;
        Browser.mainLoop.pause();
        Browser.mainLoop.resume();
    };
    pacer.input = function() {
        pacer.activeUntil = performance.now() + 1000;
        pacer.goFast();
    };
    pacer.wakeTimer = 0;
    pacer.wakeAt = 0;
    pacer.wakeAfter = function(ms) {
        var at = performance.now() + ms;
        if (pacer.wakeTimer && pacer.wakeAt <= at + 1) return;
        if (pacer.wakeTimer) clearTimeout(pacer.wakeTimer);
        pacer.wakeAt = at;
        pacer.wakeTimer = setTimeout(function() {
            pacer.wakeTimer = 0;
            pacer.frames(1);
        }, Math.max(0, ms));
    };
    pacer.frames = function(count) {
        pacer.framesLeft = Math.max(pacer.framesLeft, count);
        pacer.goFast();
    };
    ['pointerdown', 'pointermove', 'pointerup', 'mousedown', 'mousemove', 'mouseup', 'wheel',
     'keydown', 'keyup', 'keypress', 'touchstart', 'touchmove', 'touchend', 'resize', 'focus',
     'hashchange', 'popstate', 'visibilitychange'].forEach(function(name) {
        window.addEventListener(name, pacer.input, {capture: true, passive: true});
    });
    Module.waconsolePacer = pacer;
});
EM_JS(void, js_pacer_request_frames, (int count), {
    Module.waconsolePacer.frames(count);
});
EM_JS(void, js_pacer_wake_after, (int milliseconds), {
    Module.waconsolePacer.wakeAfter(milliseconds);
});
EM_JS(void, js_pacer_begin_frame, (), {
    Module.waconsolePacer.inFrame = true;
});
EM_JS(int, js_pacer_end_frame, (int keep_fast), {
    var pacer = Module.waconsolePacer;
    pacer.inFrame = false;
    if (pacer.framesLeft > 0) pacer.framesLeft--;
    pacer.fast = !!keep_fast || pacer.framesLeft > 0 || performance.now() < pacer.activeUntil;
    return pacer.fast;
});
// clang-format on

} // namespace

namespace waconsole::platform {

void run_frame_loop(void (*frame)(void*), void* arg) {
    js_pacer_install();
    emscripten_set_main_loop_arg(frame, arg, 0, false);
}

void request_frames(int count) {
    js_pacer_request_frames(count);
}

void wake_after(int milliseconds) {
    js_pacer_wake_after(milliseconds);
}

void begin_frame() {
    js_pacer_begin_frame();
}

void end_frame(bool keep_fast) {
    if (js_pacer_end_frame(keep_fast ? 1 : 0) != 0) {
        emscripten_set_main_loop_timing(EM_TIMING_RAF, 1);
    } else {
        emscripten_set_main_loop_timing(EM_TIMING_SETTIMEOUT, kIdleFrameMilliseconds);
    }
}

} // namespace waconsole::platform
