// The command line and environment of waconsole-metasim.
#include "metasim/sim_options.hpp"

#include <catch2/catch.hpp>
#include <map>

using namespace waconsole;
using namespace waconsole::metasim;

namespace {

Getenv environment(std::map<std::string, std::string> values) {
    return [values = std::move(values)](const char* name) -> const char* {
        const auto found = values.find(name);
        return found == values.end() ? nullptr : found->second.c_str();
    };
}

} // namespace

TEST_CASE("flags from the contract set the simulator's options", "[metasim][cli]") {
    const auto parsed = parse_sim_options(
        {"--port", "0", "--webhook-url", "http://127.0.0.1:8080/webhook", "--app-secret", "S",
         "--access-token", "T", "--phone-number-id", "111", "--waba-id", "222", "--status-delay-ms",
         "50", "--traffic-per-minute", "6", "--templates", "t.json", "--mps=1000"},
        environment({}));
    REQUIRE(parsed.options);
    const SimOptions& options = *parsed.options;
    CHECK(options.port == 0);
    CHECK(options.webhook_url == "http://127.0.0.1:8080/webhook");
    CHECK(options.app_secret == "S");
    CHECK(options.access_token == "T");
    CHECK(options.phone_number_id == "111");
    CHECK(options.waba_id == "222");
    CHECK(options.config.status_delay_ms == 50);
    CHECK(options.config.traffic_per_minute == 6);
    CHECK(options.templates_file == "t.json");
    CHECK(options.config.mps == 1000);
}

TEST_CASE("the environment fills what the flags leave out, and flags win", "[metasim][cli]") {
    const auto parsed = parse_sim_options(
        {"--app-secret", "from-flag"}, environment({{"META_APP_SECRET", "from-env"},
                                                    {"META_ACCESS_TOKEN", "env-token"},
                                                    {"META_PHONE_NUMBER_ID", "333"},
                                                    {"META_WABA_ID", "444"},
                                                    {"METASIM_PORT", "9191"},
                                                    {"METASIM_WEBHOOK_URL", "http://h/webhook"}}));
    REQUIRE(parsed.options);
    CHECK(parsed.options->app_secret == "from-flag");
    CHECK(parsed.options->access_token == "env-token");
    CHECK(parsed.options->phone_number_id == "333");
    CHECK(parsed.options->waba_id == "444");
    CHECK(parsed.options->port == 9191);
    CHECK(parsed.options->webhook_url == "http://h/webhook");
}

TEST_CASE("bad flags are refused with a reason", "[metasim][cli]") {
    CHECK(parse_sim_options({"--port", "http"}, environment({})).error.find("--port") !=
          std::string::npos);
    CHECK(parse_sim_options({"--frobnicate"}, environment({})).error.find("unknown option") !=
          std::string::npos);
    CHECK(parse_sim_options({"--webhook-url"}, environment({})).error.find("needs a value") !=
          std::string::npos);
    CHECK(parse_sim_options({"--help"}, environment({})).help);
}
