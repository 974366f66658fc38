// What a shell command prints, for benchmarks that measure each run in a fresh process (so one
// run's memory and caches do not colour the next).
#pragma once

#include <string>

namespace waconsole::bench {

// Its standard output; empty when it could not run or exited with a failure.
std::string run_command(const std::string& command);

} // namespace waconsole::bench
