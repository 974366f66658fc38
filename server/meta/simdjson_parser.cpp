// One kept parser per thread.
#include "server/meta/simdjson_parser.hpp"

namespace waconsole {

simdjson::dom::parser& parser_for(std::size_t bytes, std::optional<simdjson::dom::parser>& own) {
    thread_local simdjson::dom::parser kept;
    return bytes <= kKeptParserBytes ? kept : own.emplace();
}

} // namespace waconsole
