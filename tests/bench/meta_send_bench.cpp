// Template sends per second the server sustains against the simulator at META_MPS (default
// 1000), through the whole path: API request, local checks, pending row, rate limiter, Graph
// call, outcome row. The simulator runs as a child process so the CPU figure (getrusage of this
// process) is the server's plus the load generator's, not Meta's.
//   meta_send_bench SIMULATOR_BINARY [sends=5000] [client_threads=16] [mps=1000]
// httplib serves each keep-alive connection on one worker thread, so the server gets a worker
// per client plus some for the simulator's webhook connections; with fewer, the extra
// connections starve.
#include "bench_server.hpp"

#include <atomic>
#include <cstdio>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

using namespace waconsole;

namespace {

struct ChildSimulator {
    pid_t pid = -1;
    int port = 0;

    ChildSimulator(const std::string& binary, int webhook_port) {
        int out[2];
        if (pipe(out) != 0) {
            throw std::runtime_error("pipe failed");
        }
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        const std::string webhook = "http://127.0.0.1:" + std::to_string(webhook_port) + "/webhook";
        std::vector<std::string> args = {binary,
                                         "--port",
                                         "0",
                                         "--webhook-url",
                                         webhook,
                                         "--app-secret",
                                         "bench-app-secret",
                                         "--access-token",
                                         "bench-access-token",
                                         "--status-delay-ms",
                                         "50",
                                         "--mps",
                                         "1000"};
        std::vector<char*> argv;
        for (auto& arg : args) {
            argv.push_back(arg.data());
        }
        argv.push_back(nullptr);
        if (posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ) != 0) {
            throw std::runtime_error("cannot start " + binary);
        }
        posix_spawn_file_actions_destroy(&actions);
        close(out[1]);
        std::string line;
        char c;
        while (read(out[0], &c, 1) == 1 && c != '\n') {
            line.push_back(c);
        }
        close(out[0]);
        const auto colon = line.rfind(':');
        if (line.find("listening") == std::string::npos || colon == std::string::npos) {
            throw std::runtime_error("the simulator did not start: " + line);
        }
        port = std::stoi(line.substr(colon + 1));
    }
    ~ChildSimulator() {
        if (pid > 0) {
            kill(pid, SIGTERM);
            waitpid(pid, nullptr, 0);
        }
    }
};

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: meta_send_bench SIMULATOR_BINARY [sends] [threads] [mps]\n");
        return 2;
    }
    const int sends = argc > 2 ? std::atoi(argv[2]) : 5000;
    const int threads = argc > 3 ? std::atoi(argv[3]) : 16;
    const int mps = argc > 4 ? std::atoi(argv[4]) : 1000;

    ServerConfig config;
    config.http_threads = threads + 8;
    // Every client thread stands for an agent, all on this one loopback address.
    config.client_concurrency = threads;
    config.meta.access_token = "bench-access-token";
    config.meta.app_secret = "bench-app-secret";
    config.meta.phone_number_id = "1000000001";
    config.meta.waba_id = "2000000001";
    config.meta.messages_per_second = mps;
    config.meta.graph_url = "http://127.0.0.1:1/v21.0";
    bench::BenchServer server(config);
    ChildSimulator sim(argv[1], server.port());
    server.services().meta.client.set_graph_url("http://127.0.0.1:" + std::to_string(sim.port) +
                                                "/v21.0");

    std::atomic<int> next{0};
    std::atomic<int> accepted{0};
    std::atomic<int> failed{0};
    bench::Stopwatch watch;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            httplib::Client client("127.0.0.1", server.port());
            client.set_keep_alive(true);
            client.set_tcp_nodelay(true);
            client.set_read_timeout(60, 0);
            const httplib::Headers auth = {{"Authorization", "Bearer " + server.token()}};
            for (int i = next++; i < sends; i = next++) {
                // A different customer each time: Meta's pair rate is one message per 6 s.
                const nlohmann::json body = {
                    {"to", "+3461" + std::to_string(1000000 + i)},
                    {"template", "order_update"},
                    {"language", "es_MX"},
                    {"parameters", {"Ana", "A-" + std::to_string(i)}},
                    {"buttons", {{{"index", 2}, {"sub_type", "url"}, {"text", "A-1"}}}}};
                auto result =
                    client.Post("/api/messages/template", auth, body.dump(), "application/json");
                if (result && result->status == 200) {
                    ++accepted;
                } else if (failed++ == 0) {
                    std::fprintf(stderr, "first failure: %s\n",
                                 result ? result->body.c_str()
                                        : httplib::to_string(result.error()).c_str());
                }
            }
        });
    }
    for (auto& worker : workers) {
        worker.join();
    }
    const double wall = watch.wall_seconds();
    const double cpu = watch.cpu_seconds();

    httplib::Client sim_client("127.0.0.1", sim.port);
    auto logged = sim_client.Get("/_sim/sends");
    const auto at_meta = logged ? nlohmann::json::parse(logged->body)["sends"].size() : 0;
    auto db = server.services().pool.acquire();
    auto attempts = db->prepare("SELECT COALESCE(SUM(send_attempts), 0) FROM messages");
    attempts.step();
    std::printf("template sends at META_MPS=%d, %d client threads, simulator in a child process\n",
                mps, threads);
    std::printf(
        "%d sends in %.2f s: %.0f sends/s (limit %d/s); accepted %d, failed %d, reached the "
        "simulator %zu, Graph attempts %lld\n",
        sends, wall, sends / wall, mps, accepted.load(), failed.load(), at_meta,
        static_cast<long long>(attempts.get_int(0)));
    std::printf("CPU (server + load generator) %.2f s = %.0f%% of one core, %.0f us per send\n",
                cpu, 100 * cpu / wall, 1e6 * cpu / sends);
    return failed.load() == 0 ? 0 : 1;
}
