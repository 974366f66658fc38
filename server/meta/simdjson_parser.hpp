// The simdjson parser a thread reads Meta's bodies with (webhook POSTs, send answers). A parser
// keeps its buffers for the next body, so each thread keeps one for the usual small bodies; a
// larger body gets a parser of its own, so no thread holds the buffers of the largest body it
// ever saw.
#pragma once

#include <optional>
#include <simdjson.h>

namespace waconsole {

// Bodies up to this size use the thread's kept parser.
constexpr std::size_t kKeptParserBytes = 64 * 1024;

// The parser for a body of `bytes`: the thread's kept one, or `own` (made here) when larger.
simdjson::dom::parser& parser_for(std::size_t bytes, std::optional<simdjson::dom::parser>& own);

} // namespace waconsole
