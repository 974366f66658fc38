#include "server/config.hpp"

#include <catch2/catch.hpp>
#include <map>

using namespace waconsole;

namespace {

ConfigResult parse(const std::vector<std::string>& args,
                   std::map<std::string, std::string> env = {}) {
    return parse_server_config(args, [env](const char* name) -> const char* {
        const auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    });
}

} // namespace

TEST_CASE("flags override environment, which overrides defaults") {
    const auto result = parse({"--port", "9001", "--db", "/tmp/x.db"},
                              {{"WACONSOLE_PORT", "7000"},
                               {"WACONSOLE_CORS_ORIGIN", "http://ui.local"},
                               {"META_MPS", "1000"},
                               {"META_APP_SECRET", "s3cret"}});
    REQUIRE(result.config);
    CHECK(result.config->port == 9001);
    CHECK(result.config->db_path == "/tmp/x.db");
    CHECK(result.config->cors_origin == "http://ui.local");
    CHECK(result.config->meta.messages_per_second == 1000);
    CHECK(result.config->meta.app_secret == "s3cret");
    CHECK(result.config->host == "127.0.0.1");
}

TEST_CASE("bad flags are refused with a message naming them") {
    CHECK(parse({"--port", "70000"}).error.find("--port") != std::string::npos);
    CHECK(parse({"--port"}).error.find("needs a value") != std::string::npos);
    CHECK(parse({"--colour", "blue"}).error.find("unknown option --colour") != std::string::npos);
    CHECK(parse({}, {{"META_MPS", "fast"}}).error.find("META_MPS") != std::string::npos);
    CHECK(parse({"--help"}).help);
}

TEST_CASE("sign-in settings come from flags or the environment, with safe defaults") {
    const auto defaults = parse({});
    REQUIRE(defaults.config);
    CHECK(defaults.config->public_url.empty());
    CHECK_FALSE(defaults.config->secure_cookie);
    CHECK(defaults.config->trusted_proxies.empty());
    CHECK(defaults.config->password_hash_slots == 2);

    const auto set = parse({"--public-url", "https://wa.example.com", "--secure-cookie", "no",
                            "--password-hash-slots", "4"},
                           {{"WACONSOLE_TRUSTED_PROXIES", "10.0.0.1, ::ffff:10.0.0.2"},
                            {"WACONSOLE_PUBLIC_URL", "http://ignored"}});
    REQUIRE(set.config);
    CHECK(set.config->public_url == "https://wa.example.com");
    CHECK(set.config->secure_cookie == std::optional<bool>(false));
    CHECK(set.config->trusted_proxies == std::vector<std::string>{"10.0.0.1", "10.0.0.2"});
    CHECK(set.config->password_hash_slots == 4);
    CHECK(parse({"--secure-cookie", "yes"}).config->secure_cookie == std::optional<bool>(true));
}

TEST_CASE("bad sign-in settings are refused naming the setting") {
    CHECK(parse({"--public-url", "wa.example.com"}).error ==
          "--public-url must start with https:// or http://");
    CHECK(parse({"--secure-cookie", "maybe"}).error == "--secure-cookie must be yes, no or auto");
    CHECK(parse({}, {{"WACONSOLE_TRUSTED_PROXIES", "proxy.local"}}).error ==
          "--trusted-proxies: \"proxy.local\" is not an IP address");
    CHECK(parse({"--password-hash-slots", "0"}).error.find("--password-hash-slots") !=
          std::string::npos);
}

TEST_CASE("the SMTP server of Send via e-mail comes from flags or SMTP_ variables, checked, and "
          "an error never shows the password") {
    const auto result = parse({"--smtp-host", "mail.example.com", "--smtp-security", "tls",
                               "--smtp-port", "465", "--smtp-from", "console@center.example"},
                              {{"SMTP_USER", "mailer"},
                               {"SMTP_PASSWORD", "p4ss-word"},
                               {"SMTP_FROM_NAME", "Contact center"},
                               {"SMTP_HOST", "ignored.example.com"}});
    REQUIRE(result.config);
    const auto& mail = result.config->mail;
    CHECK(mail.host == "mail.example.com");
    CHECK(mail.port == 465);
    CHECK(mail.security == SmtpSecurity::tls);
    CHECK(mail.user == "mailer");
    CHECK(mail.password == "p4ss-word");
    CHECK(mail.from == "console@center.example");
    CHECK(mail.from_name == "Contact center");
    CHECK(mail.configured());
    CHECK(parse({}).config->mail.security == SmtpSecurity::starttls); // the default
    CHECK_FALSE(parse({}).config->mail.configured());

    CHECK(parse({"--smtp-security", "ssl"}).error.find("--smtp-security") != std::string::npos);
    CHECK(parse({"--smtp-port", "0"}).error.find("--smtp-port") != std::string::npos);
    CHECK(parse({"--smtp-from", "Ana <a@b.example>"}).error.find("--smtp-from") !=
          std::string::npos);
    const auto broken = parse({"--smtp-password", "line\r\nRCPT TO:<x@y.example>"});
    CHECK_FALSE(broken.config);
    CHECK(broken.error.find("line breaks") != std::string::npos);
    CHECK(broken.error.find("RCPT") == std::string::npos);
}

TEST_CASE("the time after which an unknown send is shown unresolved comes from a flag or "
          "META_UNRESOLVED_AFTER_MINUTES, within a minute and 30 days") {
    CHECK(parse({}).config->meta.unresolved_after_minutes == 60);
    CHECK(parse({"--meta-unresolved-after-minutes", "15"}).config->meta.unresolved_after_minutes ==
          15);
    CHECK(parse({}, {{"META_UNRESOLVED_AFTER_MINUTES", "90"}})
              .config->meta.unresolved_after_minutes == 90);
    CHECK(parse({"--meta-unresolved-after-minutes", "5"}, {{"META_UNRESOLVED_AFTER_MINUTES", "90"}})
              .config->meta.unresolved_after_minutes == 5);
    CHECK(
        parse({"--meta-unresolved-after-minutes", "43200"}).config->meta.unresolved_after_minutes ==
        43200);
    for (const char* bad : {"0", "43201", "soon", "-5"}) {
        INFO(bad);
        const auto refused = parse({"--meta-unresolved-after-minutes", bad});
        CHECK_FALSE(refused.config);
        CHECK(refused.error.find("--meta-unresolved-after-minutes") != std::string::npos);
    }
    CHECK(parse({}, {{"META_UNRESOLVED_AFTER_MINUTES", "0"}})
              .error.find("META_UNRESOLVED_AFTER_MINUTES") != std::string::npos);
}
