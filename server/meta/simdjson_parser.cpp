// One kept parser per thread.
#include "server/meta/simdjson_parser.hpp"

namespace waconsole {

std::optional<simdjson::dom::element> parse_json(std::string_view body,
                                                 std::optional<simdjson::dom::parser>& own) {
    thread_local simdjson::dom::parser kept;
    auto& parser = body.size() <= kKeptParserBytes ? kept : own.emplace();
    simdjson::dom::element root;
    if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    return root;
}

} // namespace waconsole
