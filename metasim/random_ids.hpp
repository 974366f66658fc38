// Identifiers and dice for the simulator. Every thread has its own generator, so the send path
// never takes a lock to roll a fault-injection percentage or mint a wamid.
#pragma once

#include <cstdint>
#include <string>

namespace waconsole::metasim {

// "wamid." + base64 like Meta's; unique within the process (a counter) and across runs (a random
// prefix chosen at start).
std::string make_wamid();
// Meta's fbtrace_id on error bodies: 11 random letters and digits.
std::string make_fbtrace_id();
// A numeric id as Meta uses for media, conversations and templates.
std::string make_numeric_id(int length);
std::string random_hex(int length);
// True `percent` times out of 100.
bool roll_percent(int percent);
// Uniform in [low, high].
std::int64_t random_between(std::int64_t low, std::int64_t high);

} // namespace waconsole::metasim
