// A child's output read while it still writes: only the lines it finished.
#pragma once

#include <string>

namespace waconsole::testing {

// `text` up to its last newline: a line being written may be read half ("listening" before
// its port), and a caller waiting for a line must not take that half.
inline std::string whole_lines(std::string text) {
    const auto last = text.rfind('\n');
    text.erase(last == std::string::npos ? 0 : last + 1);
    return text;
}

} // namespace waconsole::testing
