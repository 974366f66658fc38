// What floods of hostile clients cost the server: a real waconsole-server child process, whose
// resident memory is sampled from /proc while (1) N clients each push M MB of chunked body to
// the unauthenticated webhook at once and (2) K connections sit open and idle; meanwhile
// /healthz is probed every 50 ms. Prints the figures; with --check, exits 1 when memory grows
// by 64 MB or more or /healthz ever fails or takes 5 s (ctest runs it that way; the target is 1 s).
//
// usage: request_flood_bench SERVER_BINARY [--clients N] [--megabytes M] [--idle K] [--check]
#include "../server/raw_client.hpp"
#include "../server/temp_dir.hpp"
#include "bench_process.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace waconsole::testing;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    std::string server;
    int clients = 20;
    int megabytes = 100;
    int idle = 200;
    bool check = false;
};

// The server as a child process on a free port, with a throw-away database.
class ChildServer {
public:
    explicit ChildServer(const std::string& binary)
        : m_process({binary, "--db", (m_folder.path / "flood.db").string(), "--port", "0", "--host",
                     "127.0.0.1"}) {
        const std::string marker = "listening on http://127.0.0.1:";
        const auto line = m_process.wait_for_line(marker);
        if (line.empty()) {
            throw std::runtime_error("the server did not start: " + m_process.stderr_tail());
        }
        m_port = std::stoi(line.substr(line.find(marker) + marker.size()));
    }
    int port() const { return m_port; }
    // Kilobytes of "VmRSS" (now) or "VmHWM" (peak so far).
    long memory_kb(const std::string& field) const { return m_process.memory_kb(field); }

private:
    TempDir m_folder; // first: it goes after the server stopped
    waconsole::bench::BenchProcess m_process;
    int m_port = 0;
};

// Probes /healthz every 50 ms on fresh connections and samples the server's RSS every 10 ms.
class Watcher {
public:
    explicit Watcher(const ChildServer& server) : m_server(server) {
        m_probe = std::thread([this] {
            while (!m_stop) {
                const auto started = Clock::now();
                bool ok = false;
                try {
                    RawClient client(m_server.port());
                    ok = client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
                    const auto response = ok ? client.read_response(5s) : std::nullopt;
                    ok = response && response->status == 200;
                } catch (const std::exception&) {
                    ok = false;
                }
                const auto took = Clock::now() - started;
                {
                    std::lock_guard lock(m_mutex);
                    ++m_probes;
                    m_failures += ok ? 0 : 1;
                    m_slowest = std::max(m_slowest, took);
                }
                std::this_thread::sleep_for(50ms);
            }
        });
        m_sampler = std::thread([this] {
            while (!m_stop) {
                m_peak_rss_kb = std::max<long>(m_peak_rss_kb, m_server.memory_kb("VmRSS"));
                std::this_thread::sleep_for(10ms);
            }
        });
    }
    ~Watcher() { stop(); }
    void stop() {
        m_stop = true;
        if (m_probe.joinable()) {
            m_probe.join();
            m_sampler.join();
        }
    }
    long peak_rss_kb() const { return m_peak_rss_kb; }
    int probes() const { return m_probes; }
    int failures() const { return m_failures; }
    double slowest_ms() const {
        return std::chrono::duration<double, std::milli>(m_slowest).count();
    }

private:
    const ChildServer& m_server;
    std::atomic<bool> m_stop{false};
    std::atomic<long> m_peak_rss_kb{0};
    std::mutex m_mutex;
    int m_probes = 0;
    int m_failures = 0;
    Clock::duration m_slowest{};
    std::thread m_probe;
    std::thread m_sampler;
};

struct FloodResult {
    int refused_413 = 0;
    int other = 0;
    double seconds = 0;
};

FloodResult flood(const ChildServer& server, int clients, int megabytes) {
    std::atomic<int> refused{0};
    std::atomic<int> other{0};
    const auto started = Clock::now();
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i) {
        threads.emplace_back([&] {
            RawClient client(server.port());
            client.send("POST /webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                        "Content-Type: application/json\r\n\r\n");
            std::atomic<bool> answered{false};
            std::thread pusher([&] {
                const auto piece = chunk(std::string(64 * 1024, 'x'));
                const std::size_t total = static_cast<std::size_t>(megabytes) << 20;
                for (std::size_t sent = 0; sent < total && !answered; sent += piece.size()) {
                    if (!client.send(piece)) {
                        break;
                    }
                }
            });
            const auto response = client.read_response(60s);
            answered = true;
            pusher.join();
            (response && response->status == 413 ? refused : other)++;
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    return {refused, other, std::chrono::duration<double>(Clock::now() - started).count()};
}

Options parse(int argc, char** argv) {
    Options options;
    if (argc < 2) {
        std::cerr << "usage: request_flood_bench SERVER_BINARY [--clients N] [--megabytes M] "
                     "[--idle K] [--check]\n";
        std::exit(2);
    }
    options.server = argv[1];
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--check") {
            options.check = true;
        } else if (i + 1 < argc && arg == "--clients") {
            options.clients = std::atoi(argv[++i]);
        } else if (i + 1 < argc && arg == "--megabytes") {
            options.megabytes = std::atoi(argv[++i]);
        } else if (i + 1 < argc && arg == "--idle") {
            options.idle = std::atoi(argv[++i]);
        }
    }
    return options;
}

} // namespace

int main(int argc, char** argv) {
    const auto options = parse(argc, argv);
    std::signal(SIGPIPE, SIG_IGN);
    ChildServer server(options.server);
    for (int i = 0; i < 20; ++i) { // warm the workers and allocator up
        RawClient client(server.port());
        client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        client.read_response(5s);
    }
    const long baseline_kb = server.memory_kb("VmRSS");
    bool ok = true;
    // The target is 1 s. The ctest check (two cores shared with other tests and a browser) fails
    // at 5 s: a probe's time there includes its own thread's turns; workers held by the flood
    // would show the 10 s read timeout.
    const double slowest_allowed_ms = options.check ? 5000 : 1000;

    Watcher flood_watch(server);
    const auto result = flood(server, options.clients, options.megabytes);
    flood_watch.stop();
    const long flood_growth_kb = flood_watch.peak_rss_kb() - baseline_kb;
    std::printf(
        "flood: %d clients x %d MB chunked to /webhook: %d answered 413, %d other, %.2f s\n",
        options.clients, options.megabytes, result.refused_413, result.other, result.seconds);
    std::printf("  server RSS %.1f MB before, peak %.1f MB (+%.1f MB); /healthz %d probes, %d "
                "failed, slowest %.1f ms\n",
                baseline_kb / 1024.0, flood_watch.peak_rss_kb() / 1024.0, flood_growth_kb / 1024.0,
                flood_watch.probes(), flood_watch.failures(), flood_watch.slowest_ms());
    ok = ok && result.refused_413 == options.clients && flood_growth_kb < 64 * 1024 &&
         flood_watch.failures() == 0 && flood_watch.slowest_ms() < slowest_allowed_ms;

    const long idle_baseline_kb = server.memory_kb("VmRSS");
    Watcher idle_watch(server);
    std::vector<std::unique_ptr<RawClient>> idle;
    for (int i = 0; i < options.idle; ++i) {
        // Idle connections of many clients: one address may hold only a few dozen, and the
        // /healthz probes come from 127.0.0.1.
        const auto source =
            "127.0." + std::to_string(1 + i / 250) + "." + std::to_string(1 + i % 250);
        idle.push_back(std::make_unique<RawClient>(server.port(), source));
    }
    std::this_thread::sleep_for(3s);
    idle_watch.stop();
    const long idle_growth_kb = idle_watch.peak_rss_kb() - idle_baseline_kb;
    std::printf("idle: %d connections open for 3 s: server RSS peak %.1f MB (+%.1f MB); /healthz "
                "%d probes, %d failed, slowest %.1f ms\n",
                options.idle, idle_watch.peak_rss_kb() / 1024.0, idle_growth_kb / 1024.0,
                idle_watch.probes(), idle_watch.failures(), idle_watch.slowest_ms());
    ok = ok && idle_growth_kb < 64 * 1024 && idle_watch.failures() == 0 &&
         idle_watch.slowest_ms() < slowest_allowed_ms;

    if (options.check && !ok) {
        std::printf("FAILED: a limit was missed (RSS growth < 64 MB, /healthz always answered, "
                    "slowest < %.0f ms)\n",
                    slowest_allowed_ms);
        return 1;
    }
    return 0;
}
