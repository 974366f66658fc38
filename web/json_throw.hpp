// Force-included (web/CMakeLists.txt) before nlohmann/json in every file built without
// exceptions: nlohmann's throws there call throw_json_error, built with exceptions in
// json_throw.cpp, instead of aborting. The linker keeps one copy of each nlohmann function
// whichever file it came from, so every copy must throw the same way for the one try block left
// (table_loader.cpp, around shared/'s TablePage reader) to catch what it expects.
#pragma once

namespace waconsole {
template <class Error> [[noreturn]] void throw_json_error(const Error& error);
} // namespace waconsole

#define JSON_THROW_USER(exception) ::waconsole::throw_json_error(exception)
#define JSON_TRY_USER if (true)
#define JSON_CATCH_USER(exception) if (false)
#define JSON_INTERNAL_CATCH_USER(exception) if (false)
