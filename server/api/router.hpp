// Registers API routes with the access they need. Every /api route goes through here, so
// none can forget its session check, and tests can walk the list to prove each one refuses
// a request without a session.
#pragma once

#include "server/net/gated_server.hpp"
#include "server/services.hpp"
#include "server/store/users_store.hpp"

#include <functional>
#include <httplib.h>
#include <regex>
#include <string>
#include <vector>

namespace waconsole {

enum class Access { public_route, admin, agent };

struct RequestContext {
    Services& services;
    UserRecord user;   // empty for public routes
    std::string token; // the session token of this request
};

using ApiHandler =
    std::function<void(const httplib::Request&, httplib::Response&, RequestContext&)>;

struct RouteInfo {
    std::string method;
    std::string pattern;
    std::string example_path; // a concrete path that matches, for tests
    Access access = Access::admin;
    BodyRule body;
};

class ApiRouter {
public:
    ApiRouter(GatedServer& server, Services& services);

    void get(const std::string& pattern, const std::string& example_path, Access access,
             ApiHandler handler);
    // The body is read (within `body`'s limit) after the session check and before `handler`
    // runs, which finds it in req.body; a request refused earlier is answered unread.
    void post(const std::string& pattern, const std::string& example_path, Access access,
              ApiHandler handler, BodyRule body = {});
    const std::vector<RouteInfo>& routes() const { return m_routes; }
    // The body rule of the route a request is for (the default for unknown routes).
    BodyRule body_rule(const httplib::Request& req) const;

private:
    // Checks the session and role; fills `context` or answers the refusal and returns false.
    bool admit(Access access, const httplib::Request& req, httplib::Response& res,
               RequestContext& context);

    GatedServer& m_server;
    Services& m_services;
    std::vector<RouteInfo> m_routes;
    std::vector<std::regex> m_post_patterns; // parallel to the POST entries of m_routes
    std::vector<BodyRule> m_post_rules;
};

// The session token of a request: "Authorization: Bearer X" first, then the session cookie.
std::string session_token(const httplib::Request& req);

constexpr const char* kSessionCookie = "waconsole_session";

} // namespace waconsole
