// Server configuration from command-line flags, then environment variables, then defaults.
// Secrets (Meta token, app secret, SMTP password) are read here and never printed.
#pragma once

#include "server/mail/mail_config.hpp"
#include "server/net/connection_limits.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

struct MetaConfig {
    std::string graph_url = "https://graph.facebook.com/v21.0";
    std::string access_token;
    std::string app_secret;
    std::string verify_token;
    std::string phone_number_id;
    std::string waba_id;
    int messages_per_second = 80;
    std::string ca_file;               // PEM CAs to trust for the Graph API; "" = the system's
    int unresolved_after_minutes = 60; // an `unknown` send no status resolved is `unresolved`
    int unmatched_status_days = 7;     // statuses of wamids we do not know are kept this long
    // How long a Graph request may wait for its answer. A send whose answer does not come in
    // time is `unknown` (Meta may have it), so this bounds how long a worker thread is stuck.
    int read_timeout_seconds = 20;
    // Sends with Meta at once (0: from the rate, see send_concurrency).
    int send_concurrency = 0;
};

// Each send waits for Meta's answer, so the rate needs about rate x round trip of them at once:
// META_SEND_CONCURRENCY, or enough for a 250 ms round trip (at least 8).
inline int send_concurrency(const MetaConfig& meta) {
    if (meta.send_concurrency > 0) {
        return meta.send_concurrency;
    }
    return std::clamp((meta.messages_per_second + 3) / 4, 8, 1024);
}

struct ServerConfig {
    std::string db_path = "var/waconsole.db";
    std::string host = "127.0.0.1";
    int port = 8080;         // 0: any free port (the chosen one is printed)
    std::string web_root;    // static UI files; empty: no UI served
    std::string cors_origin; // a separately hosted UI's origin, e.g. http://localhost:9000
    bool demo_data = false;  // fill an empty database with demo data
    int session_hours = 12;
    int http_threads = 32;       // requests running at once; idle connections hold none
    int client_concurrency = 6;  // requests one client address may run at once
    ConnectionLimits connection; // timeouts and sizes; workers and per-client from the above
    // Rows per Excel sheet, header included; 0: Excel's own limit. No flag or variable sets it:
    // tests lower it to reach the limit without writing a million rows.
    int export_row_limit = 0;
    MetaConfig meta;
    MailConfig mail; // Send via e-mail's SMTP server
    // Sign-in: how people reach the console (an https URL makes the session cookie Secure),
    // an explicit Secure choice (nullopt: from public_url), the proxies whose X-Forwarded-For
    // names the client (normalised addresses), and how many password checks run at once
    // (Argon2id takes 64 MiB each).
    std::string public_url;
    std::optional<bool> secure_cookie;
    std::vector<std::string> trusted_proxies;
    int password_hash_slots = 2;
};

struct ConfigResult {
    std::optional<ServerConfig> config;
    std::string error; // set when the flags are wrong
    bool help = false;
};

// `environment` looks a name up (getenv in main, a map in tests).
ConfigResult parse_server_config(const std::vector<std::string>& args,
                                 const std::function<const char*(const char*)>& environment);

std::string server_usage();

} // namespace waconsole
