// JavaScript side of frame_loop.hpp. The pacing state lives in one JS object on Module because the
// input listeners and timers that wake the loop run outside any frame. While idle the Emscripten
// main loop is paused (no timer, no animation frame); waking resumes it on animation frames.
#include "platform/frame_loop.hpp"

#include <emscripten.h>

namespace {

// clang-format off
EM_JS(void, js_pacer_install, (), {
    var pacer = {running: true, drawLeft: 30, activeUntil: 0, inFrame: false};
    // Starts the paused loop again on animation frames. Inside a frame nothing is needed: the
    // frame's end sees the wish and keeps the loop running.
    pacer.run = function() {
        if (pacer.running || pacer.inFrame || !Browser.mainLoop.func) return;
        pacer.running = true;
        Browser.mainLoop.timingMode = 1;
        Browser.mainLoop.timingValue = 1;
        Browser.mainLoop.resume();
    };
    pacer.frames = function(count) {
        pacer.drawLeft = Math.max(pacer.drawLeft, count);
        pacer.run();
    };
    pacer.input = function() {
        pacer.activeUntil = performance.now() + 1000;
        pacer.frames(1);
    };
    pacer.tickDue = false;
    // One timer per kind; only the earliest wish of each is kept.
    pacer.timer = function(draw) {
        var timer = {id: 0, at: 0};
        timer.after = function(ms) {
            var at = performance.now() + ms;
            if (timer.id && timer.at <= at + 1) return;
            if (timer.id) clearTimeout(timer.id);
            timer.at = at;
            timer.id = setTimeout(function() {
                timer.id = 0;
                if (draw) {
                    pacer.frames(1);
                } else {
                    pacer.tickDue = true;
                    pacer.run();
                }
            }, Math.max(0, ms));
        };
        return timer;
    };
    pacer.drawTimer = pacer.timer(true);
    pacer.tickTimer = pacer.timer(false);
    ['pointerdown', 'pointermove', 'pointerup', 'mousedown', 'mousemove', 'mouseup', 'wheel',
     'keydown', 'keyup', 'keypress', 'touchstart', 'touchmove', 'touchend', 'resize', 'focus',
     'blur', 'hashchange', 'popstate', 'visibilitychange', 'change', 'input', 'paste',
     'compositionend', 'dragenter', 'dragover', 'dragleave', 'drop'].forEach(function(name) {
        window.addEventListener(name, pacer.input, {capture: true, passive: true});
    });
    Module.waconsolePacer = pacer;
});
EM_JS(void, js_pacer_request_frames, (int count), {
    Module.waconsolePacer.frames(count);
});
EM_JS(void, js_pacer_wake_after, (int milliseconds), {
    Module.waconsolePacer.drawTimer.after(milliseconds);
});
EM_JS(void, js_pacer_tick_after, (int milliseconds), {
    var pacer = Module.waconsolePacer;
    if (milliseconds <= 0) {
        pacer.tickDue = true;
        pacer.run();
    } else {
        pacer.tickTimer.after(milliseconds);
    }
});
EM_JS(int, js_pacer_begin_frame, (), {
    var pacer = Module.waconsolePacer;
    pacer.inFrame = true;
    pacer.tickDue = false;
    return pacer.drawLeft > 0 || performance.now() < pacer.activeUntil;
});
EM_JS(void, js_pacer_end_frame, (int drew, int keep_fast), {
    var pacer = Module.waconsolePacer;
    pacer.inFrame = false;
    if (drew && pacer.drawLeft > 0) pacer.drawLeft--;
    if (keep_fast) pacer.drawLeft = Math.max(pacer.drawLeft, 1);
    var more = pacer.drawLeft > 0 || pacer.tickDue || performance.now() < pacer.activeUntil;
    if (!more && pacer.running) {
        // Paused inside the frame: the main loop's runner sees it and schedules nothing.
        pacer.running = false;
        Browser.mainLoop.pause();
    }
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

void tick_after(int milliseconds) {
    js_pacer_tick_after(milliseconds);
}

bool begin_frame() {
    return js_pacer_begin_frame() != 0;
}

void end_frame(bool drew, bool keep_fast) {
    js_pacer_end_frame(drew ? 1 : 0, keep_fast ? 1 : 0);
}

} // namespace waconsole::platform
