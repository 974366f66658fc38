// Route registration with session and role checks.
#include "server/api/router.hpp"

#include "server/api/http_util.hpp"
#include "server/clock.hpp"

namespace waconsole {

std::string session_token(const httplib::Request& req) {
    const auto authorization = req.get_header_value("Authorization");
    const std::string bearer = "Bearer ";
    if (authorization.compare(0, bearer.size(), bearer) == 0) {
        return authorization.substr(bearer.size());
    }
    const auto cookies = req.get_header_value("Cookie");
    const std::string name = std::string(kSessionCookie) + "=";
    std::size_t start = 0;
    while (start < cookies.size()) {
        std::size_t end = cookies.find(';', start);
        if (end == std::string::npos) {
            end = cookies.size();
        }
        std::size_t begin = start;
        while (begin < end && cookies[begin] == ' ') {
            ++begin;
        }
        if (cookies.compare(begin, name.size(), name) == 0) {
            return cookies.substr(begin + name.size(), end - begin - name.size());
        }
        start = end + 1;
    }
    return "";
}

ApiRouter::ApiRouter(httplib::Server& server, Services& services)
    : m_server(server), m_services(services) {}

httplib::Server::Handler ApiRouter::wrap(Access access, ApiHandler handler) {
    return [this, access, handler = std::move(handler)](const httplib::Request& req,
                                                        httplib::Response& res) {
        RequestContext context{m_services, {}, session_token(req)};
        if (access != Access::public_route) {
            if (context.token.empty()) {
                send_error(res, make_error(401, "unauthorized", "log in first"));
                return;
            }
            std::optional<UserRecord> user;
            {
                auto db = m_services.pool.acquire();
                user = find_session_user(*db, context.token, now_seconds());
            }
            if (!user) {
                send_error(res,
                           make_error(401, "unauthorized",
                                      "the session has expired or does not exist; log in again"));
                return;
            }
            if (access == Access::admin && user->role != Role::admin) {
                send_error(res, make_error(403, "forbidden", "this needs an administrator"));
                return;
            }
            context.user = std::move(*user);
        }
        handler(req, res, context);
    };
}

void ApiRouter::get(const std::string& pattern, const std::string& example_path, Access access,
                    ApiHandler handler) {
    m_server.Get(pattern, wrap(access, std::move(handler)));
    m_routes.push_back({"GET", pattern, example_path, access});
}

void ApiRouter::post(const std::string& pattern, const std::string& example_path, Access access,
                     ApiHandler handler) {
    m_server.Post(pattern, wrap(access, std::move(handler)));
    m_routes.push_back({"POST", pattern, example_path, access});
}

} // namespace waconsole
