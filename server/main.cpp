// waconsole-server: reads the configuration, migrates the database, optionally seeds demo data,
// and serves the API, the webhook and the web UI until SIGINT/SIGTERM. `waconsole-server users
// ...` manages the accounts instead (server/cli/users_command.hpp).
#include "server/api/http_server.hpp"
#include "server/cli/users_command.hpp"
#include "server/clock.hpp"
#include "server/config.hpp"
#include "server/demo/demo_data.hpp"
#include "server/meta/template_sync.hpp"
#include "server/services.hpp"
#include "server/store/migrations.hpp"
#include "server/store/users_store.hpp"
#include "server/thread_name.hpp"

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

namespace {

waconsole::HttpServer* g_server = nullptr;

void handle_stop_signal(int) {
    if (g_server) {
        g_server->stop();
    }
}

// A new deployment has no account: say how to make the first one (never a default password).
void explain_first_administrator(const std::string& program, const std::string& db_path) {
    std::cerr << "waconsole-server: no administrator can log in yet; create one with\n"
              << "  " << program << " users add --db " << db_path
              << " --email you@example.com --name \"Your Name\" --role admin\n"
              << "  (add --password-stdin to type the password; otherwise one is generated)"
              << std::endl;
}

} // namespace

int main(int argc, char** argv) {
    using namespace waconsole;
    if (argc > 1 && std::string(argv[1]) == "users") {
        return run_users_command(std::vector<std::string>(argv + 2, argv + argc),
                                 [](const char* name) { return std::getenv(name); });
    }
    const auto parsed = parse_server_config(std::vector<std::string>(argv + 1, argv + argc),
                                            [](const char* name) { return std::getenv(name); });
    if (parsed.help) {
        std::cout << server_usage();
        return 0;
    }
    if (!parsed.config) {
        std::cerr << "waconsole-server: " << parsed.error << "\n" << server_usage();
        return 2;
    }
    try {
        const auto parent = std::filesystem::path(parsed.config->db_path).parent_path();
        if (!parent.empty()) {
            std::filesystem::create_directories(parent);
        }
        Services services(*parsed.config);
        {
            auto db = services.pool.acquire();
            const int applied = apply_migrations(*db);
            if (applied > 0) {
                std::cout << "waconsole-server: applied " << applied << " migration(s) to "
                          << services.config.db_path << std::endl;
            }
            if (services.config.demo_data && seed_demo_data(*db, now_seconds())) {
                std::cout << "waconsole-server: demo data created (admin " << kDemoAdminEmail << ")"
                          << std::endl;
            }
            if (count_enabled_admins(*db) == 0) {
                explain_first_administrator(argv[0], services.config.db_path);
            }
        }
        // Interrupted sends become `unknown`, then queued ones are retried in the background.
        services.meta.sends.start(services);
        // Closes the unmanaged conversations whose window ended while the server was down,
        // routes what waits, then sleeps until the next event or timer.
        services.center.routing.start(services);
        // Starts campaigns that came due while the server was down and feeds the rest.
        services.campaign_sender.start(services);
        HttpServer server(services);
        const int port = server.bind();
        if (port <= 0) {
            std::cerr << "waconsole-server: cannot listen on " << services.config.host << ":"
                      << services.config.port << std::endl;
            return 1;
        }
        g_server = &server;
        std::signal(SIGINT, handle_stop_signal);
        std::signal(SIGTERM, handle_stop_signal);
        std::signal(SIGPIPE, SIG_IGN);
        std::cout << "waconsole-server listening on http://" << services.config.host << ":" << port
                  << std::endl;
        // The template cache is refreshed in the background: Meta being slow or down must not
        // keep the console from starting. The thread is joined before services go away.
        std::thread template_sync;
        if (services.meta.client.catalogue_problem().empty()) {
            template_sync = std::thread([&services] {
                name_this_thread("wa-templates");
                const auto result = sync_templates(services);
                if (result.error) {
                    std::cerr << "waconsole-server: template sync failed: " << result.error->title
                              << std::endl;
                } else if (result.kept_cached_templates > 0) {
                    std::cerr << "waconsole-server: Meta listed no templates; kept the "
                              << result.kept_cached_templates << " cached ones" << std::endl;
                } else {
                    std::cout << "waconsole-server: synced " << result.templates
                              << " template(s) from Meta" << std::endl;
                }
                if (const auto error = sync_messaging_limit(services)) {
                    std::cerr << "waconsole-server: reading the daily messaging limit failed: "
                              << error->title << std::endl;
                } else {
                    services.campaign_sender.wake();
                }
            });
        }
        const bool ok = server.run();
        g_server = nullptr;
        // Stopped here, while every part they use is alive: the feeder first, then the sends
        // with Meta, whose answers are recorded before the worker returns.
        services.campaign_sender.stop();
        services.meta.sends.stop();
        if (template_sync.joinable()) {
            template_sync.join();
        }
        return ok ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "waconsole-server: " << e.what() << std::endl;
        return 1;
    }
}
