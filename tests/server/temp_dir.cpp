// TempDir: a random name, created at once, removed on the way out.
#include "temp_dir.hpp"

#include <random>
#include <string>
#include <system_error>

namespace waconsole::testing {

TempDir::TempDir() {
    std::random_device random;
    path = std::filesystem::temp_directory_path() /
           ("waconsole-test-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path);
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
}

} // namespace waconsole::testing
