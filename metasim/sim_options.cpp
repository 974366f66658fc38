// Parsing waconsole-metasim's flags and environment.
#include "metasim/sim_options.hpp"

#include <map>
#include <stdexcept>

namespace waconsole::metasim {
namespace {

int to_int(const std::string& flag, const std::string& text, int low, int high) {
    std::size_t used = 0;
    int value = 0;
    try {
        value = std::stoi(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || text.empty() || value < low || value > high) {
        throw std::invalid_argument(flag + " must be a whole number from " + std::to_string(low) +
                                    " to " + std::to_string(high));
    }
    return value;
}

double to_double(const std::string& flag, const std::string& text) {
    std::size_t used = 0;
    double value = -1;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || text.empty() || value < 0) {
        throw std::invalid_argument(flag + " must be a number of at least 0");
    }
    return value;
}

} // namespace

std::string sim_usage() {
    return "usage: waconsole-metasim [options]\n"
           "  --port N                  listen on 127.0.0.1:N, 0 for any free port (METASIM_PORT, "
           "default 9090)\n"
           "  --webhook-url URL         the server's webhook (METASIM_WEBHOOK_URL)\n"
           "  --app-secret S            signs webhooks (META_APP_SECRET)\n"
           "  --access-token T          the Bearer token sends must carry (META_ACCESS_TOKEN)\n"
           "  --phone-number-id ID      (META_PHONE_NUMBER_ID, default 1000000001)\n"
           "  --waba-id ID              (META_WABA_ID, default 2000000001)\n"
           "  --display-phone-number N  the business number in webhooks (default 15550001234)\n"
           "  --status-delay-ms MS      delay between sent, delivered and read (default 200)\n"
           "  --answer-delay-ms MS      every send's answer this late: Graph's round trip (default "
           "0)\n"
           "  --read-percent P          share of delivered messages that are read (default 70)\n"
           "  --mps N                   messages per second before 130429 (default 80, 0 = off)\n"
           "  --pair-rate-seconds S     per-customer interval before 131056 (default 6, 0 = off)\n"
           "  --traffic-per-minute N    generated customers writing in (default 0)\n"
           "  --templates FILE          template catalogue, the listing's data array\n"
           "  --http-threads N          server threads (default 32)\n"
           "  --webhook-workers N       webhook delivery threads (default 4)\n"
           "  --agents-server URL       play agents through this waconsole server's agent API\n"
           "  --agents E1,E2,...        the agents' e-mail addresses (logins)\n"
           "  --agent-password P        their password (METASIM_AGENT_PASSWORD)\n"
           "  --agent-pace-ms MS        pause between the agents' rounds (default 1000)\n"
           "  --help\n";
}

ParsedOptions parse_sim_options(const std::vector<std::string>& args, const Getenv& getenv) {
    ParsedOptions parsed;
    SimOptions options;
    auto env = [&](const char* name, std::string& target) {
        if (const char* value = getenv(name); value && *value) {
            target = value;
        }
    };
    env("META_APP_SECRET", options.app_secret);
    env("META_ACCESS_TOKEN", options.access_token);
    env("META_PHONE_NUMBER_ID", options.phone_number_id);
    env("META_WABA_ID", options.waba_id);
    env("METASIM_WEBHOOK_URL", options.webhook_url);
    env("METASIM_AGENT_PASSWORD", options.agents.password);
    try {
        std::string port;
        env("METASIM_PORT", port);
        if (!port.empty()) {
            options.port = to_int("METASIM_PORT", port, 0, 65535);
        }
        const std::map<std::string, std::function<void(const std::string&)>> flags = {
            {"--port", [&](const std::string& v) { options.port = to_int("--port", v, 0, 65535); }},
            {"--webhook-url", [&](const std::string& v) { options.webhook_url = v; }},
            {"--app-secret", [&](const std::string& v) { options.app_secret = v; }},
            {"--access-token", [&](const std::string& v) { options.access_token = v; }},
            {"--phone-number-id", [&](const std::string& v) { options.phone_number_id = v; }},
            {"--waba-id", [&](const std::string& v) { options.waba_id = v; }},
            {"--display-phone-number",
             [&](const std::string& v) { options.display_phone_number = v; }},
            {"--templates", [&](const std::string& v) { options.templates_file = v; }},
            {"--status-delay-ms",
             [&](const std::string& v) {
                 options.config.status_delay_ms = to_int("--status-delay-ms", v, 0, 3'600'000);
             }},
            {"--answer-delay-ms",
             [&](const std::string& v) {
                 options.config.answer_delay_ms = to_int("--answer-delay-ms", v, 0, 60'000);
             }},
            {"--read-percent",
             [&](const std::string& v) {
                 options.config.read_percent = to_int("--read-percent", v, 0, 100);
             }},
            {"--mps", [&](const std::string& v) { options.config.mps = to_double("--mps", v); }},
            {"--pair-rate-seconds",
             [&](const std::string& v) {
                 options.config.pair_rate_seconds = to_double("--pair-rate-seconds", v);
             }},
            {"--traffic-per-minute",
             [&](const std::string& v) {
                 options.config.traffic_per_minute = to_double("--traffic-per-minute", v);
             }},
            {"--http-threads",
             [&](const std::string& v) {
                 options.http_threads = to_int("--http-threads", v, 1, 1024);
             }},
            {"--agents-server", [&](const std::string& v) { options.agents.server_url = v; }},
            {"--agents",
             [&](const std::string& v) {
                 options.agents.emails.clear();
                 std::size_t start = 0;
                 while (start <= v.size()) {
                     const auto comma = std::min(v.find(',', start), v.size());
                     if (comma > start) {
                         options.agents.emails.push_back(v.substr(start, comma - start));
                     }
                     start = comma + 1;
                 }
             }},
            {"--agent-password", [&](const std::string& v) { options.agents.password = v; }},
            {"--agent-pace-ms",
             [&](const std::string& v) {
                 options.agents.pace =
                     std::chrono::milliseconds(to_int("--agent-pace-ms", v, 10, 600'000));
             }},
            {"--webhook-workers",
             [&](const std::string& v) {
                 options.webhook_workers = to_int("--webhook-workers", v, 1, 64);
             }},
        };
        for (std::size_t i = 0; i < args.size(); ++i) {
            std::string flag = args[i];
            std::string value;
            bool has_value = false;
            if (const auto equals = flag.find('='); equals != std::string::npos) {
                value = flag.substr(equals + 1);
                flag = flag.substr(0, equals);
                has_value = true;
            }
            if (flag == "--help" || flag == "-h") {
                parsed.help = true;
                return parsed;
            }
            const auto handler = flags.find(flag);
            if (handler == flags.end()) {
                throw std::invalid_argument("unknown option " + flag);
            }
            if (!has_value) {
                if (i + 1 >= args.size()) {
                    throw std::invalid_argument(flag + " needs a value");
                }
                value = args[++i];
            }
            handler->second(value);
        }
    } catch (const std::invalid_argument& e) {
        parsed.error = e.what();
        return parsed;
    }
    parsed.options = std::move(options);
    return parsed;
}

} // namespace waconsole::metasim
