// Names the calling thread, so `top -H`, `ps -L` and profilers tell the server's threads apart
// (request workers, senders, the campaign feeder, ...) instead of showing the binary's name.
#pragma once

#include <pthread.h>

namespace waconsole {

// Linux keeps 15 characters of a thread's name; longer names are refused, so keep them short.
inline void name_this_thread(const char* name) {
    pthread_setname_np(pthread_self(), name);
}

} // namespace waconsole
