// Issue 9's sending figures: a campaign of 100,000 customers sent by the real waconsole-server
// process (campaign sender → send worker → Graph over HTTP) to waconsole-metasim, another
// process, at META_MPS and the simulator's mps, with status webhooks coming back. The database
// gets its customers and administrator through the store code before the server starts; the
// campaign is made through the HTTP API as the console makes it (customers draft, Add all,
// settings, variables, review, Confirm). Prints:
// - the achieved send rate and the most sends in any 1-second window, from the simulator's log
//   of accepted sends (GET /_sim/sends, at_ms);
// - the server process's own CPU over the sending period (/proc/PID/stat, the simulator's and
//   this program's excluded), as % of one core;
// - the time from Confirm until every recipient is final (sent, delivered, read or failed), read
//   from the database file by this program, so that polling costs the server nothing.
//   campaign_send_bench SERVER SIMULATOR [--recipients 100000] [--mps 1000]
//                       [--status-delay-ms 20] [--status-batch 20] [--answer-delay-ms 150]
// --answer-delay-ms holds every send's answer in the simulator like the Graph API's round trip
// from a server on the internet (100-300 ms); 0 measures the server's CPU alone.
#include "bench_process.hpp"
#include "server/clock.hpp"
#include "server/store/database.hpp"
#include "server/store/migrations.hpp"
#include "server/store/users_store.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <httplib.h>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>
#include <vector>

using namespace waconsole;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

struct Options {
    std::string server;
    std::string simulator;
    int recipients = 100000;
    int mps = 1000;
    int status_delay_ms = 20;
    int status_batch = 20;
    int answer_delay_ms = 150;
};

constexpr const char* kEmail = "bench@example.com";
constexpr const char* kPassword = "bench-password-2026";
constexpr const char* kAppSecret = "bench-app-secret";
constexpr const char* kAccessToken = "bench-access-token";

std::int64_t epoch_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// The administrator and `count` customers with Spanish mobile numbers, one transaction.
void fill_database(const std::string& path, int count) {
    Connection db(path);
    apply_migrations(db);
    NewUser admin;
    admin.name = "Bench Admin";
    admin.email = kEmail;
    admin.role = Role::admin;
    admin.password = kPassword;
    create_user(db, admin, now_seconds());
    const char* first_names[] = {"Ana", "José", "Иван", "Zoë", "María", "Luis", "Ngozi", "Lucía"};
    const char* last_names[] = {"Pérez", "García", "Петров", "Núñez", "Silva", "Okafor", "Müller"};
    Transaction transaction(db);
    auto insert = db.prepare("INSERT INTO customers (wa_id, phone, name, email, custom_fields, "
                             "opted_out, created_at) VALUES (?, ?, ?, '', '{}', 0, ?)");
    for (int i = 1; i <= count; ++i) {
        const std::string digits = std::to_string(34600000000LL + i);
        insert.bind(1, digits)
            .bind(2, "+" + digits)
            .bind(3, std::string(first_names[i % 8]) + " " + last_names[i % 7] + " " +
                         std::to_string(i))
            .bind(4, now_seconds())
            .run();
        insert.reset();
    }
    transaction.commit();
}

// An HTTP API session with the server; every call must answer `status` or the bench stops.
struct Api {
    httplib::Client client;
    httplib::Headers auth;

    explicit Api(int port) : client("127.0.0.1", port) {
        client.set_read_timeout(600, 0);
        client.set_keep_alive(true);
    }
    json call(const std::string& method, const std::string& path, const json& body = nullptr,
              int status = 200) {
        auto result = method == "GET"
                          ? client.Get(path.c_str(), auth)
                          : client.Post(path.c_str(), auth, body.dump(), "application/json");
        if (!result || result->status != status) {
            throw std::runtime_error(method + " " + path + " answered " +
                                     (result ? std::to_string(result->status) + " " + result->body
                                             : httplib::to_string(result.error())));
        }
        return json::parse(result->body);
    }
};

// A customers draft of every customer, confirmed; returns the campaign's id.
std::int64_t make_campaign(Api& api, int recipients) {
    std::int64_t template_id = 0;
    for (int wait = 0; wait < 600 && template_id == 0; ++wait) { // synced from the simulator
        const auto page = api.call("GET", "/api/tables/campaign_templates?page_size=100");
        for (const auto& row : page["rows"]) {
            if (row["name"] == "order_update" && row["language"] == "en_US") {
                template_id = row["id"].get<std::int64_t>();
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (template_id == 0) {
        throw std::runtime_error("the template catalogue never came from the simulator");
    }
    auto step = [](const char* what, Clock::time_point start) {
        std::printf("  %-34s %7.2f s\n", what, seconds_since(start));
    };
    auto start = Clock::now();
    const auto draft =
        api.call("POST", "/api/campaign-drafts",
                 {{"template_id", template_id}, {"source", "customers"}}, 201)["draft"];
    const auto path = "/api/campaign-drafts/" + std::to_string(draft["id"].get<std::int64_t>());
    const auto added = api.call("POST", path + "/recipients/add-all", {{"search", ""}});
    step("Add all", start);
    if (added["draft"]["recipients"].get<int>() != recipients) {
        throw std::runtime_error("Add all gave " + added["draft"]["recipients"].dump());
    }
    api.call("POST", path + "/settings",
             {{"name", "Bench " + std::to_string(recipients) + " " + std::to_string(epoch_ms())}});
    // {{1}} the customer's name, the body's others the phone, a URL button a fixed order.
    json variables = json::object();
    for (const auto& name : draft["template"]["variables"]) {
        const auto key = name.get<std::string>();
        variables[key] = key == "1" ? json{{"source", "field"}, {"value", "name"}}
                         : key.rfind("button", 0) == 0
                             ? json{{"source", "text"}, {"value", "A-1043"}}
                             : json{{"source", "field"}, {"value", "phone"}};
    }
    api.call("POST", path + "/variables", {{"variables", variables}});
    start = Clock::now();
    const auto review = api.call("POST", path + "/review", json::object())["review"];
    step("review", start);
    if (review["messages"].get<int>() != recipients) {
        throw std::runtime_error("review: " + review.dump());
    }
    start = Clock::now();
    const auto campaign = api.call("POST", path + "/confirm", json::object(), 201)["campaign"];
    step("Confirm", start);
    return campaign["id"].get<std::int64_t>();
}

// The server's CPU seconds sampled every 100 ms, stamped with epoch milliseconds like at_ms.
class CpuSampler {
public:
    explicit CpuSampler(const bench::BenchProcess& process) : m_process(process) {
        m_thread = std::thread([this] {
            while (!m_stop) {
                {
                    std::lock_guard lock(m_mutex);
                    m_samples.emplace_back(epoch_ms(), m_process.cpu_seconds());
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        });
    }
    ~CpuSampler() { stop(); }
    void stop() {
        m_stop = true;
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }
    // CPU seconds at `at_ms`, interpolated between the samples around it.
    double at(std::int64_t at_ms) const {
        std::lock_guard lock(m_mutex);
        if (m_samples.empty()) {
            return 0;
        }
        auto after =
            std::lower_bound(m_samples.begin(), m_samples.end(), std::make_pair(at_ms, -1.0));
        if (after == m_samples.begin()) {
            return after->second;
        }
        if (after == m_samples.end()) {
            return m_samples.back().second;
        }
        const auto before = after - 1;
        const double share =
            static_cast<double>(at_ms - before->first) /
            static_cast<double>(std::max<std::int64_t>(1, after->first - before->first));
        return before->second + share * (after->second - before->second);
    }

private:
    const bench::BenchProcess& m_process;
    mutable std::mutex m_mutex;
    std::vector<std::pair<std::int64_t, double>> m_samples;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

// The most entries of sorted `times` (ms) in any window [t, t + 1000), and where the first such
// window starts (ms after the first entry): at the start, or in the middle of the run.
struct BusiestSecond {
    std::size_t sends = 0;
    std::int64_t starts_ms = 0;
};
BusiestSecond busiest_second(const std::vector<std::int64_t>& times) {
    BusiestSecond best;
    std::size_t first = 0;
    for (std::size_t last = 0; last < times.size(); ++last) {
        while (times[last] - times[first] >= 1000) {
            ++first;
        }
        if (last - first + 1 > best.sends) {
            best = {last - first + 1, times[first] - times.front()};
        }
    }
    return best;
}

Options parse_options(int argc, char** argv) {
    if (argc < 3) {
        throw std::invalid_argument(
            "usage: campaign_send_bench SERVER SIMULATOR [--recipients N] [--mps N] "
            "[--status-delay-ms MS] [--status-batch N] [--answer-delay-ms MS]");
    }
    Options options;
    options.server = argv[1];
    options.simulator = argv[2];
    for (int i = 3; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const int value = std::atoi(argv[i + 1]);
        if (flag == "--recipients") {
            options.recipients = std::max(1, value);
        } else if (flag == "--mps") {
            options.mps = std::max(1, value);
        } else if (flag == "--status-delay-ms") {
            options.status_delay_ms = std::max(0, value);
        } else if (flag == "--status-batch") {
            options.status_batch = std::max(1, value);
        } else if (flag == "--answer-delay-ms") {
            options.answer_delay_ms = std::max(0, value);
        } else {
            throw std::invalid_argument("unknown flag " + flag);
        }
    }
    return options;
}

// Where the server's CPU went from Confirm until every recipient was final, by thread name, per
// send: which part to make cheaper, and how often its threads waited (each wait is a context
// switch, which costs more than most of the work between them on a virtual machine).
void print_use_by_thread(const std::map<std::string, bench::BenchProcess::ThreadUse>& before,
                         const std::map<std::string, bench::BenchProcess::ThreadUse>& after,
                         std::size_t sends) {
    std::printf("  server CPU by thread, Confirm to final, per send:\n");
    for (const auto& [name, use] : after) {
        const auto was = before.find(name);
        const bench::BenchProcess::ThreadUse start =
            was == before.end() ? bench::BenchProcess::ThreadUse{} : was->second;
        const double per_send = static_cast<double>(std::max<std::size_t>(sends, 1));
        const double cpu = use.cpu_seconds - start.cpu_seconds;
        if (1e6 * cpu / per_send < 0.5) {
            continue; // the main thread, the routing engine: idle here
        }
        std::printf(
            "    %-16s %4d thread(s) %6.0f us, %5.2f waits and %5.2f preemptions\n", name.c_str(),
            use.threads, 1e6 * cpu / per_send,
            static_cast<double>(use.voluntary_switches - start.voluntary_switches) / per_send,
            static_cast<double>(use.involuntary_switches - start.involuntary_switches) / per_send);
    }
}

int run(const Options& options) {
    std::random_device random;
    const auto folder = std::filesystem::temp_directory_path() /
                        ("waconsole-send-bench-" + std::to_string(random()));
    std::filesystem::create_directories(folder);
    struct Cleanup {
        std::filesystem::path folder;
        ~Cleanup() { std::filesystem::remove_all(folder); }
    } cleanup{folder};
    const auto db_path = (folder / "bench.db").string();
    auto start = Clock::now();
    fill_database(db_path, options.recipients);
    std::printf("campaign of %d customers at META_MPS=%d, simulator mps=%d, status delay %d ms, "
                "Graph round trip %d ms\n",
                options.recipients, options.mps, options.mps, options.status_delay_ms,
                options.answer_delay_ms);
    std::printf("  %-34s %7.2f s\n", "customers into the database", seconds_since(start));

    const int server_port = bench::free_loopback_port();
    bench::BenchProcess simulator(
        {options.simulator, "--port", "0", "--webhook-url",
         "http://127.0.0.1:" + std::to_string(server_port) + "/webhook", "--app-secret", kAppSecret,
         "--access-token", kAccessToken, "--status-delay-ms",
         std::to_string(options.status_delay_ms), "--mps", std::to_string(options.mps),
         "--answer-delay-ms", std::to_string(options.answer_delay_ms), "--http-threads", "1024"});
    const auto sim_line = simulator.wait_for_line("listening");
    if (sim_line.empty()) {
        throw std::runtime_error("the simulator did not start: " + simulator.stderr_tail());
    }
    const int sim_port = std::stoi(sim_line.substr(sim_line.rfind(':') + 1));
    httplib::Client sim("127.0.0.1", sim_port);
    sim.set_read_timeout(60, 0);
    // Settings the simulator may have (it is growing them): several statuses per webhook POST
    // as Meta batches them, and a send log long enough for the whole campaign.
    const auto sim_config = json::parse(sim.Get("/_sim/config")->body);
    json changes = json::object();
    if (sim_config.contains("status_batch_max")) {
        changes["status_batch_max"] = options.status_batch;
    }
    if (sim_config.contains("send_log_limit") &&
        sim_config["send_log_limit"].get<long long>() < options.recipients) {
        changes["send_log_limit"] = options.recipients;
    }
    sim.Post("/_sim/config", changes.dump(), "application/json");
    std::printf("  simulator settings changed: %s\n", changes.dump().c_str());

    bench::BenchProcess server(
        {options.server, "--db", db_path, "--host", "127.0.0.1", "--port",
         std::to_string(server_port), "--meta-graph-url",
         "http://127.0.0.1:" + std::to_string(sim_port) + "/v21.0", "--meta-access-token",
         kAccessToken, "--meta-app-secret", kAppSecret, "--meta-phone-number-id", "1000000001",
         "--meta-waba-id", "2000000001", "--meta-mps", std::to_string(options.mps)});
    if (server.wait_for_line("listening on").empty()) {
        throw std::runtime_error("the server did not start: " + server.stderr_tail());
    }
    Api api(server_port);
    const auto login = api.call("POST", "/api/login", {{"email", kEmail}, {"password", kPassword}});
    api.auth = {{"Authorization", "Bearer " + login["token"].get<std::string>()}};

    CpuSampler cpu(server);
    const auto campaign = make_campaign(api, options.recipients);
    const auto confirmed_ms = epoch_ms();
    const auto confirmed = Clock::now();
    const auto use_at_confirm = server.use_by_thread_name();

    // Progress: the simulator's log, read incrementally, and the database, read by this program.
    Connection db(db_path);
    auto not_final = db.prepare(
        "SELECT COUNT(*) FROM campaign_recipients r LEFT JOIN messages m ON m.id = r.message_id "
        "WHERE r.campaign_id = ? AND (r.state = 'queued' OR (r.state = 'fed' AND m.status NOT IN "
        "('sent', 'delivered', 'read', 'failed')))");
    std::vector<std::int64_t> sent_at;
    std::int64_t seq = 0;
    double final_seconds = -1;
    auto last_check = confirmed;
    const double limit_seconds = 120 + 4.0 * options.recipients / options.mps;
    while (seconds_since(confirmed) < limit_seconds) {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        auto log = sim.Get(("/_sim/sends?since=" + std::to_string(seq)).c_str());
        if (log && log->status == 200) {
            const auto page = json::parse(log->body); // kept: the loop below reads into it
            for (const auto& record : page["sends"]) {
                seq = std::max(seq, record["seq"].get<std::int64_t>());
                sent_at.push_back(record["at_ms"].get<std::int64_t>());
            }
        }
        // The count reads the whole campaign: asked each round only once every send is in the
        // simulator's log (until then, every 5 s in case some never get there).
        const auto now = Clock::now();
        if (static_cast<int>(sent_at.size()) < options.recipients && now - last_check < 5s) {
            continue;
        }
        last_check = now;
        not_final.bind(1, campaign);
        not_final.step();
        const auto remaining = not_final.get_int(0);
        not_final.reset();
        if (remaining == 0) {
            final_seconds = std::chrono::duration<double>(Clock::now() - confirmed).count();
            break;
        }
    }
    const double final_cpu = server.cpu_seconds();
    const auto use_at_final = server.use_by_thread_name();
    const auto final_ms = epoch_ms();
    // Statuses still on their way (delivered, read) after every recipient is final.
    double drained_seconds = -1;
    while (seconds_since(confirmed) < limit_seconds + 60) {
        auto counts = sim.Get("/_sim/webhooks");
        if (counts && json::parse(counts->body).value("pending", 1) == 0) {
            drained_seconds = seconds_since(confirmed);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    const double drained_cpu = server.cpu_seconds();
    cpu.stop();

    std::sort(sent_at.begin(), sent_at.end());
    auto statuses = db.prepare(
        "SELECT COALESCE(m.status, r.state), COUNT(*), SUM(COALESCE(m.send_attempts, 0)) "
        "FROM campaign_recipients r LEFT JOIN messages m ON m.id = r.message_id "
        "WHERE r.campaign_id = ? GROUP BY 1 ORDER BY 2 DESC");
    statuses.bind(1, campaign);
    std::string by_status;
    long long attempts = 0;
    while (statuses.step()) {
        by_status += (by_status.empty() ? "" : ", ") + statuses.get_text(0) + " " +
                     std::to_string(statuses.get_int(1));
        attempts += statuses.get_int(2);
    }
    const auto webhooks = sim.Get("/_sim/webhooks");
    std::printf("results (recipients: %s; Graph attempts %lld; simulator webhooks %s)\n",
                by_status.c_str(), attempts, webhooks ? webhooks->body.c_str() : "?");
    auto failures =
        db.prepare("SELECT COALESCE(m.error_code, 0), COALESCE(m.error_title, ''), COUNT(*) "
                   "FROM campaign_recipients r JOIN messages m ON m.id = r.message_id "
                   "WHERE r.campaign_id = ? AND m.status = 'failed' GROUP BY 1, 2 ORDER BY 3 DESC");
    failures.bind(1, campaign);
    while (failures.step()) {
        std::printf("  failed with %lld %s: %lld\n", static_cast<long long>(failures.get_int(0)),
                    failures.get_text(1).c_str(), static_cast<long long>(failures.get_int(2)));
    }
    if (sent_at.size() < 2) {
        std::printf("  the simulator logged %zu sends: nothing to measure\n", sent_at.size());
        return 1;
    }
    const double sending_seconds = (sent_at.back() - sent_at.front()) / 1000.0;
    const double rate = static_cast<double>(sent_at.size() - 1) / sending_seconds;
    const BusiestSecond busiest_window = busiest_second(sent_at);
    const std::size_t busiest = busiest_window.sends;
    const double sending_cpu = cpu.at(sent_at.back()) - cpu.at(sent_at.front());
    std::printf("  sends logged by the simulator    %zu, first %.2f s after Confirm, over %.2f s\n",
                sent_at.size(), (sent_at.front() - confirmed_ms) / 1000.0, sending_seconds);
    std::printf("  achieved rate                    %.1f sends/s (target >= %.0f)\n", rate,
                0.99 * options.mps);
    std::printf(
        "  most sends in any 1 s window     %zu (target <= %d): %s; it starts %.2f s into the "
        "sending\n",
        busiest, options.mps, busiest <= static_cast<std::size_t>(options.mps) ? "met" : "NOT met",
        busiest_window.starts_ms / 1000.0);
    std::printf(
        "  server CPU while sending         %.2f s = %.1f%% of one core (target < 25%%): %s\n",
        sending_cpu, 100 * sending_cpu / sending_seconds,
        100 * sending_cpu / sending_seconds < 25 ? "met" : "NOT met");
    // Per send the figure does not depend on the rate a busy machine lets it reach: at 1,000/s,
    // 25 % of a core is 250 us a send, its status webhooks included.
    std::printf("  server CPU per send              %.0f us (within 25%% at %d/s: <= %.0f us)\n",
                1e6 * sending_cpu / static_cast<double>(sent_at.size()), options.mps,
                0.25e6 / options.mps);
    if (final_seconds < 0) {
        std::printf("  NOT every recipient was final after %.0f s\n", limit_seconds);
        return 1;
    }
    const double whole_cpu = final_cpu - cpu.at(confirmed_ms);
    std::printf("  every recipient final            %.2f s after Confirm (server CPU %.1f%% of "
                "one core over it)\n",
                final_seconds, 100 * whole_cpu / ((final_ms - confirmed_ms) / 1000.0));
    if (drained_seconds >= 0) {
        std::printf("  every status webhook delivered   %.2f s after Confirm (server CPU %.2f s "
                    "in all since Confirm)\n",
                    drained_seconds, drained_cpu - cpu.at(confirmed_ms));
    }
    std::printf("  server peak RSS                  %.1f MiB\n",
                server.memory_kb("VmHWM") / 1024.0);
    print_use_by_thread(use_at_confirm, use_at_final, sent_at.size());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(parse_options(argc, argv));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "campaign_send_bench: %s\n", e.what());
        return 1;
    }
}
