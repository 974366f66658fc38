// The frame loop. A frame is drawn only when something may look different: input (and for a
// second after it, so hover and animations settle), an answer that arrived, a screen that asked
// for frames, or a timer a screen set (a clock that ticks, a toast that expires). Otherwise the
// loop is paused and the canvas is left alone, so an admin tab left open all day costs next to
// nothing. Background work that usually finds nothing new (the change feed's poll) runs as a
// "tick": the frame function is called without drawing, and draws only if the tick says so.
// A hidden tab runs neither: requestAnimationFrame does not fire while the page is hidden.
#pragma once

namespace waconsole::platform {

// Starts calling frame(arg) and returns; the page keeps running it after main() returns.
void run_frame_loop(void (*frame)(void*), void* arg);

// Asks for at least `count` more drawn frames (data arrived, a screen changed ...).
// Safe to call inside or outside a frame.
void request_frames(int count);

// Draws one frame `milliseconds` from now even if nothing else happens (a retry that is due, a
// clock that must tick). Only the earliest pending wake is kept, so calling it every frame is fine.
void wake_after(int milliseconds);

// Runs the frame function without a wish to draw `milliseconds` from now (0: as soon as the
// browser gives a frame): a poll that is due, an answer to look at. Earliest pending tick kept.
void tick_after(int milliseconds);

// Call at the start of each call of the frame function: true when this call must draw, false
// when it is only a tick (the caller may still decide to draw).
bool begin_frame();
// Call at the end of each call, drawn or not; drew says which. keep_fast draws the next frame.
void end_frame(bool drew, bool keep_fast);

} // namespace waconsole::platform
