// libcurl's global set-up, once per process, before the first handle (it is not thread-safe
// itself, so every user of libcurl goes through here).
#pragma once

#include <curl/curl.h>
#include <mutex>

namespace waconsole {

inline void ensure_curl_initialised() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace waconsole
