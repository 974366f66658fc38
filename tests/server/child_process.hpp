// Runs the real binaries from a test: a command that finishes (waconsole-server users ...) and a
// server process that keeps running until stopped. Output goes to files in a temporary folder,
// so that nothing can block on a full pipe.
#pragma once

#include "test_server.hpp"

#include <httplib.h>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace waconsole::testing {

struct ProcessOutput {
    int exit_code = -1; // -1: killed after the timeout or by a signal
    std::string out;
    std::string err;
};

// Environment changes for a child: a value sets the variable, nullopt removes it.
using EnvironmentChanges = std::map<std::string, std::optional<std::string>>;

// Runs `argv` with `input` on stdin and waits up to `timeout_seconds`.
ProcessOutput run_process(const std::vector<std::string>& argv, const std::string& input = "",
                          const EnvironmentChanges& environment = {}, int timeout_seconds = 60);

// A started process; stop() sends SIGTERM and collects what it wrote.
class ChildProcess {
public:
    ChildProcess(const std::vector<std::string>& argv, const EnvironmentChanges& environment = {});
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // Waits until stdout holds a line containing `text` and returns that line ("" on timeout
    // or exit).
    std::string wait_for_line(const std::string& text, int timeout_seconds = 30);
    ProcessOutput stop();
    // SIGKILL: the process dies at once, wherever it is (a crash, for recovery tests).
    ProcessOutput kill_now();
    std::string err() const;
    pid_t pid() const { return m_pid; }

private:
    TempDir m_dir;
    pid_t m_pid = -1;
    ProcessOutput m_output;
};

// The path of waconsole-server, from the build.
std::string server_binary();

// The environment of a child with no WACONSOLE_ or META_ settings from the test's own.
EnvironmentChanges clean_environment(EnvironmentChanges changes = {});

// The real waconsole-server on `db_path` and a free loopback port, started with `extra_args`.
class ServerProcess {
public:
    explicit ServerProcess(const std::string& db_path, std::vector<std::string> extra_args = {});
    int port() const { return m_port; }
    httplib::Client client() const;
    ProcessOutput stop() { return m_process->stop(); }
    pid_t pid() const { return m_process->pid(); }

private:
    std::unique_ptr<ChildProcess> m_process;
    int m_port = 0;
};

} // namespace waconsole::testing
