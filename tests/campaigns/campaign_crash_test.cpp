// The crash test of campaign delivery: a real server process sending a campaign to the Meta
// simulator is killed with SIGKILL at random moments and restarted on the same database, with 10 %
// of sends answered 5xx, 429 or not in time (held past the server's read timeout, or accepted
// with the answer lost). The simulator's own log must show every recipient exactly once (a send
// whose answer was lost or died with the process is at most once and ends known through its
// status webhook, or shown unknown), and every recipient must end in a final state.
#include "child_process.hpp"
#include "metasim/simulator.hpp"
#include "server/clock.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <netinet/in.h>
#include <random>
#include <sys/socket.h>
#include <unistd.h>

using namespace waconsole;
using namespace waconsole::testing;
using json = nlohmann::json;

namespace {

constexpr int kRecipients = 10000;
constexpr int kCrashes = 5;

int free_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    close(fd);
    return ntohs(address.sin_port);
}

struct Crashable {
    std::string db;
    int port = 0;
    int sim_port = 0;
    std::unique_ptr<ChildProcess> process;

    void start(bool first) {
        std::vector<std::string> argv = {server_binary(),
                                         "--db",
                                         db,
                                         "--host",
                                         "127.0.0.1",
                                         "--port",
                                         std::to_string(port),
                                         "--threads",
                                         "8",
                                         "--meta-graph-url",
                                         "http://127.0.0.1:" + std::to_string(sim_port) + "/v21.0",
                                         "--meta-access-token",
                                         "crash-token",
                                         "--meta-app-secret",
                                         "crash-secret",
                                         "--meta-phone-number-id",
                                         "1000000001",
                                         "--meta-waba-id",
                                         "2000000001",
                                         "--meta-mps",
                                         "1000",
                                         "--meta-read-timeout",
                                         "1"};
        if (first) {
            argv.push_back("--demo-data");
        }
        process = std::make_unique<ChildProcess>(argv, clean_environment());
        const auto line = process->wait_for_line("listening on");
        INFO(process->err());
        REQUIRE_FALSE(line.empty());
    }
    httplib::Client client() const {
        httplib::Client client("127.0.0.1", port);
        client.set_read_timeout(20, 0);
        return client;
    }
};

json get_json(const Crashable& server, const std::string& token, const std::string& path) {
    auto result = server.client().Get(path.c_str(), {{"Authorization", "Bearer " + token}});
    REQUIRE(result);
    INFO(path << ": " << result->body);
    REQUIRE(result->status == 200);
    return json::parse(result->body);
}

json post_json(const Crashable& server, const std::string& token, const std::string& path,
               const std::string& body, const char* type, int status) {
    auto result =
        server.client().Post(path.c_str(), {{"Authorization", "Bearer " + token}}, body, type);
    REQUIRE(result);
    INFO(path << ": " << result->body);
    REQUIRE(result->status == status);
    return json::parse(result->body);
}

} // namespace

TEST_CASE("a campaign whose server is killed again and again sends every recipient once") {
    TempDir dir;
    Crashable server;
    server.db = (dir.path / "crash.db").string();
    server.port = free_port();

    metasim::SimOptions sim;
    sim.port = 0;
    sim.webhook_url = "http://127.0.0.1:" + std::to_string(server.port) + "/webhook";
    sim.app_secret = "crash-secret";
    sim.access_token = "crash-token";
    sim.config.status_delay_ms = 20;
    sim.config.pair_rate_seconds = 0;
    sim.config.mps = 0;
    sim.config.fail_5xx_percent = 4;
    sim.config.rate_429_percent = 2;
    sim.config.timeout_percent = 2;     // answered after the server gave up waiting: unknown,
    sim.config.late_answer_percent = 2; // then resolved by the status webhook
    sim.config.timeout_hold_ms = 1500;
    // Webhooks that find the server down are tried again for about half a minute.
    sim.config.webhook_max_attempts = 9;
    sim.config.webhook_retry_base_ms = 100;
    metasim::Simulator simulator(sim);
    server.sim_port = simulator.start();

    server.start(true);
    auto login = server.client().Post(
        "/api/login", R"({"email":"admin@waconsole.local","password":"admin-demo-2026"})",
        "application/json");
    REQUIRE(login);
    REQUIRE(login->status == 200);
    const auto token = json::parse(login->body)["token"].get<std::string>();

    // The catalogue arrives from the simulator at start-up.
    std::int64_t template_id = 0;
    for (int wait = 0; wait < 200 && template_id == 0; ++wait) {
        const auto page = get_json(server, token, "/api/tables/campaign_templates?page_size=100");
        for (const auto& row : page["rows"]) {
            if (row["name"] == "order_update" && row["language"] == "es_MX") {
                template_id = row["id"].get<std::int64_t>();
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    INFO(server.process->err());
    REQUIRE(template_id > 0);
    const auto draft = post_json(server, token, "/api/campaign-drafts",
                                 json{{"template_id", template_id}, {"source", "excel"}}.dump(),
                                 "application/json", 201)["draft"]["id"]
                           .get<std::int64_t>();
    const auto path = "/api/campaign-drafts/" + std::to_string(draft);
    post_json(server, token, path + "/settings", R"({"name":"Crash"})", "application/json", 200);
    std::string csv = "phone,Var1,Var2,Button 3 var\n";
    for (int i = 0; i < kRecipients; ++i) {
        csv += "+34622" + std::to_string(100001 + i) + ",Ana,P-" + std::to_string(i) + ",P\n";
    }
    post_json(server, token, path + "/upload?file_name=c.csv", csv, "application/octet-stream",
              200);
    post_json(server, token, path + "/confirm", "{}", "application/json", 201);

    // Killed at random moments while it sends, then started again on the same database.
    std::mt19937 random(20261201);
    for (int crash = 0; crash < kCrashes; ++crash) {
        std::this_thread::sleep_for(std::chrono::milliseconds(500 + random() % 2000));
        server.process->kill_now();
        server.start(false);
    }

    auto status = [&] { return get_json(server, token, "/api/tables/campaigns")["rows"][0]; };
    std::string final_status;
    for (int wait = 0; wait < 3000; ++wait) {
        const auto row = status();
        final_status = row["status"].get<std::string>();
        if (final_status == "completed" &&
            row["sent"].get<int>() + row["failed"].get<int>() + row["unknown"].get<int>() ==
                kRecipients) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(final_status == "completed");
    // Sends the simulator still holds (timeout_percent) complete and their statuses arrive;
    // then every webhook still queued or waiting for a retry (the server was down for some) is
    // delivered.
    std::this_thread::sleep_for(std::chrono::milliseconds(sim.config.timeout_hold_ms + 1000));
    for (int wait = 0; wait < 600 && simulator.parts().dispatcher.counts()["pending"] != 0;
         ++wait) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(simulator.parts().dispatcher.counts()["pending"] == 0);

    // Every recipient's state, from the detail table.
    std::map<std::string, std::string> states;
    std::map<std::string, std::string> unknown_reasons;
    for (int page = 1; page <= kRecipients / 100; ++page) {
        const auto rows =
            get_json(server, token,
                     "/api/tables/campaign_recipients?page_size=100&campaign=1&page=" +
                         std::to_string(page))["rows"]; // a copy: the page dies here
        for (const auto& row : rows) {
            states[row["phone"].get<std::string>()] = row["status"].get<std::string>();
            if (row["status"] == "unknown" || row["status"] == "unresolved") {
                unknown_reasons[row["phone"].get<std::string>()] = row["error"].get<std::string>();
            }
        }
    }
    // Read after the states: a send the simulator held past the server's timeout is logged
    // before its statuses go, so every state that came from a status has its send in the log.
    std::map<std::string, int> sends;
    const auto log = simulator.parts().log.list_since(0);
    for (const auto& record : log["sends"]) {
        ++sends[record["to"].get<std::string>()];
    }
    REQUIRE(states.size() == kRecipients);
    int unknown = 0;
    int unknown_by_crash = 0;
    for (const auto& [phone, state] : states) {
        INFO(phone << " is " << state);
        const int count = sends.count(phone) ? sends[phone] : 0;
        CHECK(count <= 1);
        if (state == "unknown" || state == "unresolved") {
            ++unknown;
            // A send the simulator took has a status webhook on its way, which resolves it: an
            // unknown recipient is one Meta never took, or the webhook that names it was lost.
            INFO(unknown_reasons[phone]);
            CHECK(count == 0);
            if (unknown_reasons[phone].rfind("the server stopped", 0) == 0) {
                ++unknown_by_crash;
            }
        } else {
            CHECK(
                (state == "sent" || state == "delivered" || state == "read" || state == "failed"));
            if (state != "failed") {
                CHECK(count == 1);
            }
        }
    }
    INFO(unknown << " recipients ended unknown, " << unknown_by_crash << " of them by a kill");
    // Unknown by a kill are the sends claimed but not yet gone when the process died (claimed at
    // most 15 ms ahead of their slots: about 4-5 a kill at 1,000/s), and those in flight that
    // the simulator then refused (5xx, 429): 8 a kill leaves room for a kill at a batch's start.
    // The others are sends held past the server's read timeout and then refused (timeout_percent,
    // then fail_5xx_percent or rate_429_percent): Meta never had them, and nothing can tell the
    // server so.
    CHECK(unknown_by_crash <= kCrashes * 8);
    CHECK(sends.size() + static_cast<std::size_t>(unknown) >= kRecipients);
    server.process->stop();
    simulator.stop();
    // CRASH_TEST_KEEP=/path keeps the database and the simulator's log there, to look into.
    if (const char* keep = std::getenv("CRASH_TEST_KEEP")) {
        std::filesystem::copy_file(server.db, keep,
                                   std::filesystem::copy_options::overwrite_existing);
        std::ofstream(std::string(keep) + ".sends.json") << log.dump();
    }
}
