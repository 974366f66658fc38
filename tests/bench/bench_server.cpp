// Benchmark server set-up.
#include "bench_server.hpp"

#include "server/clock.hpp"
#include "server/store/migrations.hpp"
#include "server/store/users_store.hpp"

#include <random>
#include <stdexcept>
#include <sys/resource.h>

namespace waconsole::bench {

BenchServer::BenchServer(ServerConfig config) {
    std::random_device random;
    m_dir =
        std::filesystem::temp_directory_path() / ("waconsole-bench-" + std::to_string(random()));
    std::filesystem::create_directories(m_dir);
    config.db_path = (m_dir / "bench.db").string();
    config.host = "127.0.0.1";
    config.port = 0;
    m_services = std::make_unique<Services>(config);
    {
        auto db = m_services->pool.acquire();
        apply_migrations(*db);
        NewUser admin;
        admin.name = "Bench Admin";
        admin.email = "bench@example.com";
        admin.role = Role::admin;
        admin.password = "bench-password";
        const auto id = create_user(*db, admin, now_seconds());
        m_token = "bench-session-" + std::to_string(random());
        create_session(*db, m_token, id, now_seconds(), now_seconds() + 3600);
    }
    m_http = std::make_unique<HttpServer>(*m_services);
    m_port = m_http->bind();
    if (m_port <= 0) {
        throw std::runtime_error("cannot bind the bench server");
    }
    m_thread = std::thread([this] { m_http->run(); });
    while (!m_http->is_running()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

BenchServer::~BenchServer() {
    m_services->meta.client.close_idle_connections();
    m_http->stop();
    m_thread.join();
    m_http.reset();
    m_services.reset();
    std::error_code ignored;
    std::filesystem::remove_all(m_dir, ignored);
}

double process_cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

Stopwatch::Stopwatch() : m_wall(std::chrono::steady_clock::now()), m_cpu(process_cpu_seconds()) {}

double Stopwatch::wall_seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_wall).count();
}

double Stopwatch::cpu_seconds() const {
    return process_cpu_seconds() - m_cpu;
}

} // namespace waconsole::bench
