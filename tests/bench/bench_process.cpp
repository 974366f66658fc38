// fork/exec with stdout and stderr on files; CPU and memory from /proc.
#include "bench_process.hpp"

#include "../server/whole_lines.hpp"

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <netinet/in.h>
#include <random>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace waconsole::bench {
namespace {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

} // namespace

BenchProcess::BenchProcess(const std::vector<std::string>& argv) {
    std::random_device random;
    m_dir = std::filesystem::temp_directory_path() /
            ("waconsole-bench-child-" + std::to_string(random()));
    std::filesystem::create_directories(m_dir);
    const auto out_path = (m_dir / "stdout").string();
    const auto err_path = (m_dir / "stderr").string();
    std::vector<char*> args;
    for (const auto& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    m_pid = fork();
    if (m_pid == 0) {
        const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (out < 0 || err < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) {
            _exit(126);
        }
        execv(args[0], args.data());
        _exit(127);
    }
    if (m_pid < 0) {
        throw std::runtime_error("cannot start " + argv.front());
    }
}

BenchProcess::~BenchProcess() {
    if (m_pid > 0) {
        kill(m_pid, SIGTERM);
        waitpid(m_pid, nullptr, 0);
    }
    std::error_code ignored;
    std::filesystem::remove_all(m_dir, ignored);
}

std::string BenchProcess::wait_for_line(const std::string& text, int timeout_seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        std::istringstream lines(testing::whole_lines(read_file(m_dir / "stdout")));
        std::string line;
        while (std::getline(lines, line)) {
            if (line.find(text) != std::string::npos) {
                return line;
            }
        }
        int status = 0;
        if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1; // exited
            return "";
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return "";
}

std::string BenchProcess::stderr_tail(std::size_t bytes) const {
    const auto text = read_file(m_dir / "stderr");
    return text.size() > bytes ? text.substr(text.size() - bytes) : text;
}

std::map<std::string, BenchProcess::ThreadUse> BenchProcess::use_by_thread_name() const {
    std::map<std::string, ThreadUse> use;
    std::error_code error;
    const auto tasks = "/proc/" + std::to_string(m_pid) + "/task";
    for (const auto& task : std::filesystem::directory_iterator(tasks, error)) {
        std::string name;
        if (!std::getline(std::istringstream(read_file(task.path() / "comm")), name)) {
            continue; // ended while being read
        }
        auto& named = use[name];
        ++named.threads;
        // The scheduler's own count of time on a CPU, in nanoseconds: the ticks of stat lose
        // up to 10 ms a thread, and the server has hundreds of threads.
        std::istringstream schedstat(read_file(task.path() / "schedstat"));
        unsigned long long on_cpu_ns = 0;
        schedstat >> on_cpu_ns;
        named.cpu_seconds += static_cast<double>(on_cpu_ns) / 1e9;
        std::istringstream status(read_file(task.path() / "status"));
        for (std::string line; std::getline(status, line);) {
            if (line.rfind("voluntary_ctxt_switches:", 0) == 0) {
                named.voluntary_switches += std::stoll(line.substr(line.find(':') + 1));
            } else if (line.rfind("nonvoluntary_ctxt_switches:", 0) == 0) {
                named.involuntary_switches += std::stoll(line.substr(line.find(':') + 1));
            }
        }
    }
    return use;
}

double BenchProcess::cpu_seconds() const {
    const auto stat = read_file("/proc/" + std::to_string(m_pid) + "/stat");
    // The command name (2nd field) may hold spaces: count fields after its closing parenthesis.
    const auto close = stat.rfind(')');
    if (close == std::string::npos) {
        return 0;
    }
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    // After the name: state is field 3, utime 14 and stime 15 (proc(5)), in clock ticks.
    unsigned long long utime = 0, stime = 0;
    for (int index = 3; index <= 15 && fields >> field; ++index) {
        if (index == 14) {
            utime = std::stoull(field);
        } else if (index == 15) {
            stime = std::stoull(field);
        }
    }
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

long BenchProcess::memory_kb(const std::string& field) const {
    std::ifstream status("/proc/" + std::to_string(m_pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field + ":", 0) == 0) {
            return std::atol(line.c_str() + field.size() + 1);
        }
    }
    return -1;
}

int free_loopback_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        throw std::runtime_error("no free loopback port");
    }
    socklen_t length = sizeof address;
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    close(fd);
    return ntohs(address.sin_port);
}

} // namespace waconsole::bench
