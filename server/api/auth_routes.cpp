// POST /api/login, POST /api/logout, GET /api/me.
#include "server/api/http_util.hpp"
#include "server/api/routes.hpp"
#include "server/auth/passwords.hpp"
#include "server/clock.hpp"

namespace waconsole {
namespace {

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

void login(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    auto body = parse_json_object(req);
    if (send_if_error(body, res)) {
        return;
    }
    const auto& json = std::get<nlohmann::json>(body);
    auto email = required_string(json, "email");
    if (send_if_error(email, res)) {
        return;
    }
    auto password = required_string(json, "password");
    if (send_if_error(password, res)) {
        return;
    }
    if (std::get<std::string>(email).empty()) {
        return send_error(res, validation_error("email", "is required", 422));
    }

    auto& throttle = context.services.login_throttle;
    const auto& address = req.remote_addr;
    if (const auto wait =
            throttle.retry_after(std::get<std::string>(email), address, now_seconds())) {
        res.set_header("Retry-After", std::to_string(wait));
        return send_error(res, make_error(429, "too_many_attempts",
                                          "too many failed logins; try again in " +
                                              std::to_string((wait + 59) / 60) + " minute(s)"));
    }

    std::optional<UserRecord> user;
    {
        auto db = context.services.pool.acquire();
        user = find_user_by_email(*db, std::get<std::string>(email));
    }
    // Hashing is slow on purpose; no connection is held while it runs.
    // A disabled user's right password is refused like a wrong one.
    const bool valid =
        user ? verify_password(std::get<std::string>(password), user->password_hash) &&
                   !user->disabled()
             : (verify_password(std::get<std::string>(password), decoy_hash()), false);
    if (!valid) {
        throttle.record_failure(std::get<std::string>(email), address, now_seconds());
        return send_error(res, make_error(401, "invalid_credentials", "invalid email or password"));
    }
    throttle.record_success(std::get<std::string>(email));
    if (user->role != Role::admin) {
        return send_error(
            res, make_error(403, "forbidden", "only administrators can use the WhatsApp menu"));
    }
    const auto token = random_token();
    const auto now = now_seconds();
    const auto lifetime = static_cast<std::int64_t>(context.services.config.session_hours) * 3600;
    {
        auto db = context.services.pool.acquire();
        delete_expired_sessions(*db, now);
        create_session(*db, token, user->id, now, now + lifetime);
    }
    res.set_header("Set-Cookie",
                   session_cookie(token, lifetime, cookie_is_secure(context.services.config)));
    send_json(res, 200, {{"token", token}, {"user", user_json(*user)}});
}

// Public, so that a browser whose session has already ended (expired, user disabled) can still
// have its cookie cleared.
void logout(const httplib::Request&, httplib::Response& res, RequestContext& context) {
    if (!context.token.empty()) {
        auto db = context.services.pool.acquire();
        delete_session(*db, context.token);
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
    router.get("/api/me", "/api/me", Access::admin, me);
}

} // namespace waconsole
