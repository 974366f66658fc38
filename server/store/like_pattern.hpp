// LIKE patterns for searches typed by people, matched with `LIKE ? ESCAPE '\'`.
#pragma once

#include <string>

namespace waconsole {

// "%text%" with %, _ and \ escaped, so that what was typed matches literally, anywhere. "" gives
// "%%", which matches everything.
std::string like_contains(const std::string& text);

} // namespace waconsole
