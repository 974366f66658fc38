// fork/exec with stdin, stdout and stderr on files.
#include "child_process.hpp"

#include "whole_lines.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace waconsole::testing {
namespace {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// Everything is prepared before fork: the child only opens files and calls execve.
pid_t spawn(const std::vector<std::string>& argv, const EnvironmentChanges& changes,
            const std::filesystem::path& dir, const std::string& input) {
    std::ofstream(dir / "stdin", std::ios::binary) << input;
    std::vector<std::string> environment;
    for (char** entry = environ; *entry; ++entry) {
        const std::string text = *entry;
        if (!changes.count(text.substr(0, text.find('=')))) {
            environment.push_back(text);
        }
    }
    for (const auto& [name, value] : changes) {
        if (value) {
            environment.push_back(name + "=" + *value);
        }
    }
    std::vector<char*> args;
    for (const auto& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    std::vector<char*> env;
    for (const auto& entry : environment) {
        env.push_back(const_cast<char*>(entry.c_str()));
    }
    env.push_back(nullptr);
    const auto in_path = (dir / "stdin").string();
    const auto out_path = (dir / "stdout").string();
    const auto err_path = (dir / "stderr").string();

    const pid_t pid = fork();
    if (pid == 0) {
        const int in = open(in_path.c_str(), O_RDONLY);
        const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 ||
            dup2(err, 2) < 0) {
            _exit(126);
        }
        execve(args[0], args.data(), env.data());
        _exit(127);
    }
    return pid;
}

// Waits for `pid` up to the deadline, then kills it; returns the exit code or -1.
int wait_for_exit(pid_t pid, std::chrono::steady_clock::time_point deadline) {
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

std::string server_binary() {
    return WACONSOLE_SERVER_BINARY;
}

EnvironmentChanges clean_environment(EnvironmentChanges changes) {
    for (char** entry = environ; *entry; ++entry) {
        const std::string name = std::string(*entry).substr(0, std::string(*entry).find('='));
        if ((name.rfind("WACONSOLE_", 0) == 0 || name.rfind("META_", 0) == 0) &&
            !changes.count(name)) {
            changes[name] = std::nullopt;
        }
    }
    return changes;
}

ProcessOutput run_process(const std::vector<std::string>& argv, const std::string& input,
                          const EnvironmentChanges& environment, int timeout_seconds) {
    TempDir dir;
    const pid_t pid = spawn(argv, environment, dir.path, input);
    REQUIRE(pid > 0);
    ProcessOutput output;
    output.exit_code = wait_for_exit(pid, std::chrono::steady_clock::now() +
                                              std::chrono::seconds(timeout_seconds));
    output.out = read_file(dir.path / "stdout");
    output.err = read_file(dir.path / "stderr");
    return output;
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv,
                           const EnvironmentChanges& environment) {
    m_pid = spawn(argv, environment, m_dir.path, "");
    REQUIRE(m_pid > 0);
}

ChildProcess::~ChildProcess() {
    stop();
}

std::string ChildProcess::wait_for_line(const std::string& text, int timeout_seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        std::istringstream out(whole_lines(read_file(m_dir.path / "stdout")));
        for (std::string line; std::getline(out, line);) {
            if (line.find(text) != std::string::npos) {
                return line;
            }
        }
        int status = 0;
        if (waitpid(m_pid, &status, WNOHANG) != 0) {
            m_output.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            m_pid = -1;
            return "";
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return "";
}

ProcessOutput ChildProcess::stop() {
    if (m_pid > 0) {
        kill(m_pid, SIGTERM);
        m_output.exit_code =
            wait_for_exit(m_pid, std::chrono::steady_clock::now() + std::chrono::seconds(20));
        m_pid = -1;
    }
    m_output.out = read_file(m_dir.path / "stdout");
    m_output.err = read_file(m_dir.path / "stderr");
    return m_output;
}

ProcessOutput ChildProcess::kill_now() {
    if (m_pid > 0) {
        kill(m_pid, SIGKILL);
        int status = 0;
        waitpid(m_pid, &status, 0);
        m_output.exit_code = -1;
        m_pid = -1;
    }
    m_output.out = read_file(m_dir.path / "stdout");
    m_output.err = read_file(m_dir.path / "stderr");
    return m_output;
}

std::string ChildProcess::err() const {
    return read_file(m_dir.path / "stderr");
}

ServerProcess::ServerProcess(const std::string& db_path, std::vector<std::string> extra_args) {
    std::vector<std::string> argv = {server_binary(), "--db", db_path,     "--host", "127.0.0.1",
                                     "--port",        "0",    "--threads", "4"};
    argv.insert(argv.end(), extra_args.begin(), extra_args.end());
    m_process = std::make_unique<ChildProcess>(argv, clean_environment());
    const std::string prefix = "listening on http://127.0.0.1:";
    const auto line = m_process->wait_for_line(prefix);
    INFO(m_process->err());
    REQUIRE_FALSE(line.empty());
    m_port = std::stoi(line.substr(line.find(prefix) + prefix.size()));
}

httplib::Client ServerProcess::client() const {
    httplib::Client client("127.0.0.1", m_port);
    client.set_read_timeout(20, 0);
    return client;
}

} // namespace waconsole::testing
