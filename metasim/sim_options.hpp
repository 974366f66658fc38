// waconsole-metasim's command line and environment (docs/architecture.md "waconsole-metasim").
// Flags override the environment, which uses the server's names for the shared values.
#pragma once

#include "metasim/sim_agents.hpp"
#include "metasim/sim_config.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace waconsole::metasim {

struct SimOptions {
    std::string host = "127.0.0.1"; // loopback only: the control API has no auth
    int port = 9090;                // 0: any free port
    std::string webhook_url;        // empty: webhooks are dropped
    std::string app_secret = "metasim-app-secret";
    std::string access_token = "metasim-access-token";
    std::string phone_number_id = "1000000001";
    std::string waba_id = "2000000001";
    std::string display_phone_number = "15550001234";
    std::string templates_file; // empty: the built-in catalogue
    int http_threads = 32;      // keep-alive connections each hold one
    int webhook_workers = 4;
    SimConfig config;
    SimAgentOptions agents; // agents played through the server's agent API (demo)
};

struct ParsedOptions {
    std::optional<SimOptions> options;
    std::string error;
    bool help = false;
};

using Getenv = std::function<const char*(const char*)>;

ParsedOptions parse_sim_options(const std::vector<std::string>& args, const Getenv& getenv);
std::string sim_usage();

} // namespace waconsole::metasim
