// Real binaries as child processes of a benchmark (no Catch2): stdout and stderr go to files in a
// temporary folder (nothing blocks on a full pipe), and the child's own CPU and memory are read
// from /proc, so a figure is that process's alone.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <sys/types.h>
#include <vector>

namespace waconsole::bench {

class BenchProcess {
public:
    // Starts `argv` (argv[0] is the binary's path) with this process's environment.
    explicit BenchProcess(const std::vector<std::string>& argv);
    ~BenchProcess(); // SIGTERM, then waits
    BenchProcess(const BenchProcess&) = delete;
    BenchProcess& operator=(const BenchProcess&) = delete;

    // The first line of stdout holding `text` ("" after `timeout_seconds` or when it exited).
    std::string wait_for_line(const std::string& text, int timeout_seconds = 60);
    // The last `bytes` of what it wrote to stderr, for a failure's message.
    std::string stderr_tail(std::size_t bytes = 2000) const;
    pid_t pid() const { return m_pid; }

    // User + system CPU seconds of all its threads so far (/proc/PID/stat utime + stime).
    double cpu_seconds() const;
    // Kilobytes of a /proc/PID/status field: "VmRSS" (now) or "VmHWM" (peak).
    long memory_kb(const std::string& field) const;

    // What the threads of each name (the server names its own: wa-send, wa-http, ...) used so
    // far: threads that ended meanwhile are not counted.
    struct ThreadUse {
        int threads = 0;
        double cpu_seconds = 0;
        long long voluntary_switches = 0;   // waits: locks, sleeps, I/O
        long long involuntary_switches = 0; // preempted
    };
    std::map<std::string, ThreadUse> use_by_thread_name() const;

private:
    std::filesystem::path m_dir;
    pid_t m_pid = -1;
};

// A loopback TCP port nobody listens on right now.
int free_loopback_port();

} // namespace waconsole::bench
