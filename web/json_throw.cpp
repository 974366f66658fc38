// The throws of nlohmann/json for the files built without exceptions (json_throw.hpp).
// Built with exceptions and without json_throw.hpp's macros, so the throws here are real.
#include <nlohmann/json.hpp>

namespace waconsole {

template <class Error> [[noreturn]] void throw_json_error(const Error& error);

template <class Error> void throw_json_error(const Error& error) {
    throw error;
}

template void throw_json_error(const nlohmann::json::parse_error&);
template void throw_json_error(const nlohmann::json::invalid_iterator&);
template void throw_json_error(const nlohmann::json::type_error&);
template void throw_json_error(const nlohmann::json::out_of_range&);
template void throw_json_error(const nlohmann::json::other_error&);

} // namespace waconsole
