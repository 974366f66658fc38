// Route registration with session and role checks.
#include "server/api/router.hpp"

#include "server/api/http_util.hpp"
#include "server/clock.hpp"
#include "server/net/request_guard.hpp"

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

ApiRouter::ApiRouter(GatedServer& server, Services& services)
    : m_server(server), m_services(services) {}

bool ApiRouter::admit(Access access, const httplib::Request& req, httplib::Response& res,
                      RequestContext& context) {
    context.token = session_token(req);
    if (access == Access::public_route) {
        return true;
    }
    if (context.token.empty()) {
        send_error(res, make_error(401, "unauthorized", "log in first"));
        return false;
    }
    std::optional<UserRecord> user;
    {
        auto db = m_services.pool.acquire();
        user = find_session_user(*db, context.token, now_seconds());
    }
    if (!user) {
        send_error(res, make_error(401, "unauthorized",
                                   "the session has expired or does not exist; log in again"));
        return false;
    }
    if (access == Access::admin && user->role != Role::admin) {
        send_error(res, make_error(403, "forbidden", "this needs an administrator"));
        return false;
    }
    context.user = std::move(*user);
    return true;
}

void ApiRouter::get(const std::string& pattern, const std::string& example_path, Access access,
                    ApiHandler handler) {
    m_server.Get(pattern, [this, access, handler = std::move(handler)](const httplib::Request& req,
                                                                       httplib::Response& res) {
        RequestContext context{m_services, {}, {}};
        if (admit(access, req, res, context)) {
            handler(req, res, context);
        }
    });
    m_routes.push_back({"GET", pattern, example_path, access, {}});
}

void ApiRouter::post(const std::string& pattern, const std::string& example_path, Access access,
                     ApiHandler handler, BodyRule body) {
    m_server.Post(pattern, [this, access, handler = std::move(handler), limit = body.max_bytes](
                               const httplib::Request& req, httplib::Response& res,
                               const httplib::ContentReader& reader) {
        RequestContext context{m_services, {}, {}};
        // No session, no body read: the connection layer closes the connection instead.
        if (!admit(access, req, res, context)) {
            return;
        }
        if (req.is_multipart_form_data()) {
            return send_error(res, make_error(415, "unsupported_media_type",
                                              "multipart bodies are not accepted here"));
        }
        std::string received;
        bool over_limit = false;
        const bool complete = reader([&](const char* data, std::size_t size) {
            if (received.size() + size > limit) {
                over_limit = true;
                return false;
            }
            received.append(data, size);
            return true;
        });
        auto* guard = current_request_guard();
        if (over_limit || (guard && guard->body_over_limit)) {
            if (guard) {
                guard->body_over_limit = true;
            }
            return send_error(res,
                              make_error(413, "too_large",
                                         "the request body is larger than " + size_text(limit)));
        }
        if (!complete) {
            close_connection_after_answer();
            if (guard && guard->body_timed_out) {
                return send_error(
                    res, make_error(408, "request_timeout", "the request body arrived too slowly"));
            }
            return send_error(res,
                              make_error(400, "bad_request", "the request body could not be read"));
        }
        if (guard) {
            guard->body_read = true;
        }
        // httplib hands content-reader handlers a const view of the Request it owns (a
        // non-const object), so handlers can keep reading req.body as for any other route.
        const_cast<httplib::Request&>(req).body = std::move(received);
        handler(req, res, context);
    });
    m_routes.push_back({"POST", pattern, example_path, access, body});
    m_post_patterns.emplace_back(pattern);
    m_post_rules.push_back(body);
}

BodyRule ApiRouter::body_rule(const httplib::Request& req) const {
    if (req.method == "POST") {
        for (std::size_t i = 0; i < m_post_patterns.size(); ++i) {
            if (std::regex_match(req.path, m_post_patterns[i])) {
                return m_post_rules[i];
            }
        }
    }
    return {};
}

} // namespace waconsole
