// Flag and environment parsing for the server.
#include "server/config.hpp"

#include "server/api/client_address.hpp"
#include "shared/email_address.hpp"
#include "shared/paging.hpp"

namespace waconsole {
namespace {

struct Setting {
    const char* flag;
    const char* env;
    std::string* text = nullptr;
    int* number = nullptr;
    int min = 0;
    int max = 0;
};

std::optional<std::string> set_value(const Setting& setting, const std::string& value) {
    if (setting.text) {
        *setting.text = value;
        return std::nullopt;
    }
    const auto parsed = parse_whole_number(value);
    if (!parsed || *parsed < setting.min || *parsed > setting.max) {
        return std::string(setting.flag) + " must be a whole number from " +
               std::to_string(setting.min) + " to " + std::to_string(setting.max);
    }
    *setting.number = static_cast<int>(*parsed);
    return std::nullopt;
}

// The sign-in settings that are more than a string or a number; an error names the setting.
std::optional<std::string> finish_sign_in_settings(ServerConfig& config,
                                                   const std::string& secure_cookie,
                                                   const std::string& trusted_proxies) {
    const auto& url = config.public_url;
    if (!url.empty() && url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) {
        return "--public-url must start with https:// or http://";
    }
    if (secure_cookie == "yes" || secure_cookie == "no") {
        config.secure_cookie = secure_cookie == "yes";
    } else if (!secure_cookie.empty() && secure_cookie != "auto") {
        return "--secure-cookie must be yes, no or auto";
    }
    auto proxies = parse_address_list(trusted_proxies);
    if (!proxies.error.empty()) {
        return "--trusted-proxies: " + proxies.error;
    }
    config.trusted_proxies = std::move(proxies.addresses);
    return std::nullopt;
}

// The SMTP settings that are more than a string or a number. Errors name the setting, never
// the password's value.
std::optional<std::string> finish_mail_settings(MailConfig& mail, const std::string& security) {
    if (!security.empty() && !smtp_security_from_string(security, mail.security)) {
        return "--smtp-security must be starttls, tls or none";
    }
    if (!mail.from.empty()) {
        if (const auto problem = email_address_problem(mail.from)) {
            return "--smtp-from " + *problem;
        }
    }
    for (const auto* text : {&mail.host, &mail.user, &mail.password, &mail.from_name}) {
        if (text->find_first_of("\r\n") != std::string::npos) {
            return "the SMTP settings must not hold line breaks";
        }
    }
    return std::nullopt;
}

} // namespace

std::string server_usage() {
    return "usage: waconsole-server [options]\n"
           "       waconsole-server users add|passwd|list|disable|enable ... (users --help)\n"
           "  --db PATH            SQLite database file (WACONSOLE_DB, default var/waconsole.db)\n"
           "  --host ADDRESS       address to listen on (WACONSOLE_HOST, default 127.0.0.1)\n"
           "  --port N             port, 0 for any free one (WACONSOLE_PORT, default 8080)\n"
           "  --web-root DIR       serve the web UI from DIR (WACONSOLE_WEB_ROOT)\n"
           "  --cors-origin ORIGIN allow a separately hosted UI (WACONSOLE_CORS_ORIGIN)\n"
           "  --demo-data          fill an empty database with demo data\n"
           "  --session-hours N    session lifetime (default 12)\n"
           "  --threads N          HTTP worker threads (default 32)\n"
           "  --client-concurrency N  requests one client address may run at once (default 6)\n"
           "  --public-url URL     how users reach the console (WACONSOLE_PUBLIC_URL); https "
           "makes\n"
           "                       the session cookie Secure\n"
           "  --secure-cookie yes|no|auto  override that (WACONSOLE_SECURE_COOKIE, default auto)\n"
           "  --trusted-proxies LIST  proxy addresses whose X-Forwarded-For names the client\n"
           "                       (WACONSOLE_TRUSTED_PROXIES, default none)\n"
           "  --password-hash-slots N  password checks at once, 64 MiB each (default 2)\n"
           "Meta Cloud API: --meta-graph-url (META_GRAPH_URL), --meta-access-token\n"
           "  (META_ACCESS_TOKEN), --meta-app-secret (META_APP_SECRET), --meta-verify-token\n"
           "  (META_VERIFY_TOKEN), --meta-phone-number-id (META_PHONE_NUMBER_ID), --meta-waba-id\n"
           "  (META_WABA_ID), --meta-mps (META_MPS, default 80), --meta-ca-file (META_CA_FILE),\n"
           "  --meta-unresolved-after-minutes (META_UNRESOLVED_AFTER_MINUTES, default 60),\n"
           "  --meta-unmatched-status-days (META_UNMATCHED_STATUS_DAYS, default 7),\n"
           "  --meta-read-timeout (META_READ_TIMEOUT, seconds, default 20),\n"
           "  --meta-send-concurrency (META_SEND_CONCURRENCY, sends waiting for Meta at once,\n"
           "  default META_MPS / 4, at least 8)\n"
           "Send via e-mail (SMTP): --smtp-host (SMTP_HOST), --smtp-port (SMTP_PORT, default "
           "587),\n"
           "  --smtp-security starttls|tls|none (SMTP_SECURITY, default starttls), --smtp-user\n"
           "  (SMTP_USER), --smtp-password (SMTP_PASSWORD; prefer the variable: flags show in "
           "ps),\n"
           "  --smtp-from ADDRESS (SMTP_FROM), --smtp-from-name (SMTP_FROM_NAME), --smtp-ca-file\n"
           "  (SMTP_CA_FILE), --smtp-timeout SECONDS (SMTP_TIMEOUT, default 30)\n";
}

ConfigResult parse_server_config(const std::vector<std::string>& args,
                                 const std::function<const char*(const char*)>& environment) {
    ServerConfig config;
    std::string secure_cookie;
    std::string trusted_proxies;
    std::string smtp_security;
    const std::vector<Setting> settings = {
        {"--db", "WACONSOLE_DB", &config.db_path},
        {"--host", "WACONSOLE_HOST", &config.host},
        {"--port", "WACONSOLE_PORT", nullptr, &config.port, 0, 65535},
        {"--web-root", "WACONSOLE_WEB_ROOT", &config.web_root},
        {"--cors-origin", "WACONSOLE_CORS_ORIGIN", &config.cors_origin},
        {"--session-hours", "WACONSOLE_SESSION_HOURS", nullptr, &config.session_hours, 1, 24 * 30},
        {"--threads", "WACONSOLE_THREADS", nullptr, &config.http_threads, 1, 256},
        {"--client-concurrency", "WACONSOLE_CLIENT_CONCURRENCY", nullptr,
         &config.client_concurrency, 1, 256},
        {"--meta-graph-url", "META_GRAPH_URL", &config.meta.graph_url},
        {"--meta-access-token", "META_ACCESS_TOKEN", &config.meta.access_token},
        {"--meta-app-secret", "META_APP_SECRET", &config.meta.app_secret},
        {"--meta-verify-token", "META_VERIFY_TOKEN", &config.meta.verify_token},
        {"--meta-phone-number-id", "META_PHONE_NUMBER_ID", &config.meta.phone_number_id},
        {"--meta-waba-id", "META_WABA_ID", &config.meta.waba_id},
        {"--meta-mps", "META_MPS", nullptr, &config.meta.messages_per_second, 1, 100000},
        {"--meta-ca-file", "META_CA_FILE", &config.meta.ca_file},
        {"--meta-unresolved-after-minutes", "META_UNRESOLVED_AFTER_MINUTES", nullptr,
         &config.meta.unresolved_after_minutes, 1, 60 * 24 * 30},
        {"--meta-unmatched-status-days", "META_UNMATCHED_STATUS_DAYS", nullptr,
         &config.meta.unmatched_status_days, 1, 365},
        {"--meta-read-timeout", "META_READ_TIMEOUT", nullptr, &config.meta.read_timeout_seconds, 1,
         300},
        {"--meta-send-concurrency", "META_SEND_CONCURRENCY", nullptr, &config.meta.send_concurrency,
         1, 1024},
        {"--public-url", "WACONSOLE_PUBLIC_URL", &config.public_url},
        {"--secure-cookie", "WACONSOLE_SECURE_COOKIE", &secure_cookie},
        {"--trusted-proxies", "WACONSOLE_TRUSTED_PROXIES", &trusted_proxies},
        {"--password-hash-slots", "WACONSOLE_PASSWORD_HASH_SLOTS", nullptr,
         &config.password_hash_slots, 1, 64},
        {"--smtp-host", "SMTP_HOST", &config.mail.host},
        {"--smtp-port", "SMTP_PORT", nullptr, &config.mail.port, 1, 65535},
        {"--smtp-security", "SMTP_SECURITY", &smtp_security},
        {"--smtp-user", "SMTP_USER", &config.mail.user},
        {"--smtp-password", "SMTP_PASSWORD", &config.mail.password},
        {"--smtp-from", "SMTP_FROM", &config.mail.from},
        {"--smtp-from-name", "SMTP_FROM_NAME", &config.mail.from_name},
        {"--smtp-ca-file", "SMTP_CA_FILE", &config.mail.ca_file},
        {"--smtp-timeout", "SMTP_TIMEOUT", nullptr, &config.mail.timeout_seconds, 1, 600},
    };
    for (const auto& setting : settings) {
        if (const char* value = environment(setting.env); value && *value) {
            if (auto error = set_value(setting, value)) {
                return {std::nullopt, std::string(setting.env) + ": " + *error};
            }
        }
    }
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--help" || arg == "-h") {
            return {std::nullopt, "", true};
        }
        if (arg == "--demo-data") {
            config.demo_data = true;
            continue;
        }
        const Setting* match = nullptr;
        for (const auto& setting : settings) {
            if (arg == setting.flag) {
                match = &setting;
            }
        }
        if (!match) {
            return {std::nullopt, "unknown option " + arg};
        }
        if (i + 1 >= args.size()) {
            return {std::nullopt, arg + " needs a value"};
        }
        if (auto error = set_value(*match, args[++i])) {
            return {std::nullopt, *error};
        }
    }
    if (auto error = finish_sign_in_settings(config, secure_cookie, trusted_proxies)) {
        return {std::nullopt, *error};
    }
    if (auto error = finish_mail_settings(config.mail, smtp_security)) {
        return {std::nullopt, *error};
    }
    return {config, ""};
}

} // namespace waconsole
