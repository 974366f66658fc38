// The server names its threads, so an operator's `top -H` tells request workers from senders.
#include "child_process.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

using namespace waconsole::testing;

namespace {

std::multiset<std::string> thread_names(pid_t pid) {
    std::multiset<std::string> names;
    for (const auto& task :
         std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task")) {
        std::ifstream comm(task.path() / "comm");
        std::string name;
        std::getline(comm, name);
        names.insert(name);
    }
    return names;
}

} // namespace

TEST_CASE("the server's threads say what they do") {
    TempDir dir;
    ServerProcess server((dir.path / "console.db").string(), {"--threads", "3"});
    // Each thread names itself once it runs, which may be just after the server says it listens.
    // Waited for all of them: the events thread once named itself after the workers had.
    auto names = thread_names(server.pid());
    const auto all_named = [&] {
        return names.count("wa-http") >= 3 && names.count("wa-http-events") >= 1 &&
               names.count("wa-send") >= 1 && names.count("wa-campaigns") >= 1 &&
               names.count("wa-routing") >= 1;
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!all_named() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        names = thread_names(server.pid());
    }
    INFO("threads: " << names.size());
    CHECK(names.count("wa-http") == 3);
    CHECK(names.count("wa-http-events") == 1);
    CHECK(names.count("wa-send") == 1);
    CHECK(names.count("wa-campaigns") == 1);
    CHECK(names.count("wa-routing") == 1);
}
