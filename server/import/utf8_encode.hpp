// One code point as UTF-8, for the readers that turn references and escapes into text.
#pragma once

#include <cstddef>

namespace waconsole {

// Writes `code` (at most U+10FFFF, not a surrogate) as UTF-8 at `out`, which has room for 4
// bytes; returns the bytes written.
std::size_t put_utf8(unsigned long code, char* out);

} // namespace waconsole
