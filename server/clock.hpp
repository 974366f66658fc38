// Wall-clock time in the unit the database stores: Unix epoch seconds.
#pragma once

#include <chrono>
#include <cstdint>

namespace waconsole {

inline std::int64_t now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace waconsole
