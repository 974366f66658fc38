// POST /api/login, POST /api/logout, GET /api/me.
#include "server/api/client_address.hpp"
#include "server/api/http_util.hpp"
#include "server/api/routes.hpp"
#include "server/auth/passwords.hpp"
#include "server/center/agent_desk.hpp"
#include "server/clock.hpp"

namespace waconsole {
namespace {

// Longest e-mail address a login may name (RFC 5321's path limit); longer is not an account.
constexpr std::size_t kMaxEmailBytes = 254;

nlohmann::json user_json(const UserRecord& user) {
    return {{"id", user.id},
            {"name", user.name},
            {"email", user.email},
            {"role", to_string(user.role)}};
}

// A fixed Argon2id hash, verified when the email is unknown so that the answer takes as long
// as for a real account and does not reveal which addresses exist.
const std::string& decoy_hash() {
    static const std::string hash = hash_password("decoy password for unknown accounts");
    return hash;
}

bool cookie_is_secure(const ServerConfig& config) {
    return config.secure_cookie.value_or(config.public_url.rfind("https://", 0) == 0);
}

// Setting and clearing use the same attributes, or the browser keeps the cookie it was told to
// clear.
std::string session_cookie(const std::string& token, std::int64_t max_age, bool secure) {
    return std::string(kSessionCookie) + "=" + token +
           "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
           (max_age == 0 ? "; Expires=Thu, 01 Jan 1970 00:00:00 GMT" : "") +
           (secure ? "; Secure" : "");
}

std::string wait_in_words(std::int64_t seconds) {
    if (seconds < 60) {
        return std::to_string(seconds) + (seconds == 1 ? " second" : " seconds");
    }
    const auto minutes = (seconds + 59) / 60;
    return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

void refuse_throttled(httplib::Response& res, const LoginAttempt& attempt) {
    const char* what = attempt.refused_by == LoginLimitHit::account_and_address
                           ? "too many failed logins for this account from your address"
                       : attempt.refused_by == LoginLimitHit::account
                           ? "too many failed logins for this account"
                           : "too many failed logins from your address";
    res.set_header("Retry-After", std::to_string(attempt.retry_after));
    send_error(res, make_error(429, "too_many_attempts",
                               std::string(what) + "; try again in " +
                                   wait_in_words(attempt.retry_after)));
}

void login(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    auto body = parse_json_object(req);
    if (send_if_error(body, res)) {
        return;
    }
    const auto& json = std::get<nlohmann::json>(body);
    auto email_field = required_string(json, "email");
    if (send_if_error(email_field, res)) {
        return;
    }
    auto password_field = required_string(json, "password");
    if (send_if_error(password_field, res)) {
        return;
    }
    const auto& email = std::get<std::string>(email_field);
    const auto& password = std::get<std::string>(password_field);
    if (email.empty()) {
        return send_error(res, validation_error("email", "is required", 422));
    }
    if (email.size() > kMaxEmailBytes) {
        return send_error(res, validation_error("email", "is too long", 422));
    }

    auto& services = context.services;
    // Counted before the slow check, so parallel guesses cannot all pass the throttle first.
    const auto attempt = services.login_throttle.begin(
        email, client_address(req, services.config.trusted_proxies), now_seconds());
    if (!attempt.allowed()) {
        return refuse_throttled(res, attempt);
    }
    std::optional<UserRecord> user;
    {
        auto db = services.pool.acquire();
        user = find_user_by_email(*db, email);
    }
    bool valid = false;
    {
        // Hashing is slow and large on purpose: a bounded number at a time, no connection held.
        auto slot = services.password_hashing.acquire();
        if (!slot) {
            services.login_throttle.cancelled(attempt);
            res.set_header("Retry-After", "1");
            return send_error(res, make_error(429, "busy",
                                              "the server is busy checking other logins; try "
                                              "again in a second"));
        }
        valid = verify_password(password, user ? user->password_hash : decoy_hash()) && user &&
                !user->disabled();
    }
    if (!valid) {
        return send_error(res, make_error(401, "invalid_credentials", "invalid email or password"));
    }
    services.login_throttle.succeeded(attempt, now_seconds());
    // Agents log in too (the agent API); the answer's role tells the UI, which keeps the menu
    // for administrators, and every route keeps its own role check.
    const auto token = random_token();
    const auto now = now_seconds();
    const auto lifetime = static_cast<std::int64_t>(services.config.session_hours) * 3600;
    {
        auto db = services.pool.acquire();
        delete_expired_sessions(*db, now);
        create_session(*db, token, user->id, now, now + lifetime);
    }
    res.set_header("Set-Cookie",
                   session_cookie(token, lifetime, cookie_is_secure(services.config)));
    send_json(res, 200, {{"token", token}, {"user", user_json(*user)}});
}

// Public, so that a browser whose session has already ended (expired, user disabled) can still
// have its cookie cleared. A user's last session ending sets them offline, which hands their
// conversations back to the queues.
void logout(const httplib::Request&, httplib::Response& res, RequestContext& context) {
    if (!context.token.empty()) {
        std::optional<UserRecord> user;
        bool last_session = false;
        {
            auto db = context.services.pool.acquire();
            user = find_session_user(*db, context.token, now_seconds());
            delete_session(*db, context.token);
            last_session = user && count_live_sessions(*db, user->id, now_seconds()) == 0;
        }
        if (last_session) {
            set_agent_presence(context.services, user->id, "offline");
        }
    }
    res.set_header("Set-Cookie", session_cookie("", 0, cookie_is_secure(context.services.config)));
    send_json(res, 200, {{"ok", true}});
}

void me(const httplib::Request&, httplib::Response& res, RequestContext& context) {
    send_json(res, 200, {{"user", user_json(context.user)}});
}

} // namespace

void register_auth_routes(ApiRouter& router) {
    router.post("/api/login", "/api/login", Access::public_route, login);
    router.post("/api/logout", "/api/logout", Access::public_route, logout);
    router.get("/api/me", "/api/me", Access::agent, me);
}

} // namespace waconsole
