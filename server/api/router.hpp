// Registers API routes with the access they need. Every /api route goes through here, so
// none can forget its session check, and tests can walk the list to prove each one refuses
// a request without a session.
#pragma once

#include "server/services.hpp"
#include "server/store/users_store.hpp"

#include <functional>
#include <httplib.h>
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
};

class ApiRouter {
public:
    ApiRouter(httplib::Server& server, Services& services);

    void get(const std::string& pattern, const std::string& example_path, Access access,
             ApiHandler handler);
    void post(const std::string& pattern, const std::string& example_path, Access access,
              ApiHandler handler);
    const std::vector<RouteInfo>& routes() const { return m_routes; }

private:
    httplib::Server::Handler wrap(Access access, ApiHandler handler);

    httplib::Server& m_server;
    Services& m_services;
    std::vector<RouteInfo> m_routes;
};

// The session token of a request: "Authorization: Bearer X" first, then the session cookie.
std::string session_token(const httplib::Request& req);

constexpr const char* kSessionCookie = "waconsole_session";

} // namespace waconsole
