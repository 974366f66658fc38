// A fresh folder under the system temp dir, removed with everything in it: for test databases
// and files, in the tests and in the benchmarks that start real servers.
#pragma once

#include <filesystem>

namespace waconsole::testing {

struct TempDir {
    std::filesystem::path path;
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

} // namespace waconsole::testing
