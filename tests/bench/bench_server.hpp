// A waconsole server for benchmarks (no Catch2): a temporary database, one agent session, the
// HTTP server on a free loopback port, and timing helpers (wall clock and process CPU).
#pragma once

#include "server/api/http_server.hpp"
#include "server/services.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

namespace waconsole::bench {

class BenchServer {
public:
    explicit BenchServer(ServerConfig config);
    ~BenchServer();

    Services& services() { return *m_services; }
    int port() const { return m_port; }
    const std::string& token() const { return m_token; }

private:
    std::filesystem::path m_dir;
    std::unique_ptr<Services> m_services;
    std::unique_ptr<HttpServer> m_http;
    std::thread m_thread;
    int m_port = 0;
    std::string m_token;
};

// Wall time and CPU time (user + system, all threads of this process) since construction.
struct Stopwatch {
    Stopwatch();
    double wall_seconds() const;
    double cpu_seconds() const;

private:
    std::chrono::steady_clock::time_point m_wall;
    double m_cpu = 0;
};

double process_cpu_seconds();

} // namespace waconsole::bench
