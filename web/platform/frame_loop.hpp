// The frame loop. Frames run on requestAnimationFrame while the user interacts or something has
// just changed, and on a slow timer when idle, so an admin tab left open all day does not burn a
// core; any input event switches back to animation frames at once, so input still feels instant.
#pragma once

namespace waconsole::platform {

// Idle frames run this often; background refreshes and caret blinking happen at this pace.
constexpr int kIdleFrameMilliseconds = 250;

// Starts calling frame(arg) and returns; the page keeps running it after main() returns.
void run_frame_loop(void (*frame)(void*), void* arg);

// Asks for at least `count` more frames at full speed (data arrived, a screen changed ...).
// Safe to call inside or outside a frame.
void request_frames(int count);

// Draws one frame `milliseconds` from now even if nothing else happens (a poll that is due, a
// clock that must tick). Only the earliest pending wake is kept, so calling it every frame is fine.
void wake_after(int milliseconds);

// Call at the start and the end of each frame. keep_fast forces full speed for the next frame.
void begin_frame();
void end_frame(bool keep_fast);

} // namespace waconsole::platform
