// The simdjson parser a thread reads Meta's bodies with (webhook POSTs, send answers). A parser
// keeps its buffers for the next body, so each thread keeps one for the usual small bodies; a
// larger body gets a parser of its own, so no thread holds the buffers of the largest body it
// ever saw.
#pragma once

#include <optional>
#include <simdjson.h>
#include <string_view>

namespace waconsole {

// Bodies up to this size use the thread's kept parser.
constexpr std::size_t kKeptParserBytes = 64 * 1024;

// `body` parsed by the thread's kept parser, or by `own` (made here) when larger; nothing when it
// is not JSON. The element is valid while `own` lives and until this thread parses again.
std::optional<simdjson::dom::element> parse_json(std::string_view body,
                                                 std::optional<simdjson::dom::parser>& own);

} // namespace waconsole
