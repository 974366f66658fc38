// Server-wide handlers; the routes themselves live in one file per resource.
#include "server/api/http_server.hpp"

#include "server/api/http_util.hpp"
#include "server/api/routes.hpp"
#include "server/api/security_headers.hpp"
#include "server/api/static_revalidation.hpp"
#include "shared/xlsx_download.hpp"

#include <fstream>
#include <iostream>
#include <iterator>

namespace waconsole {
namespace {

bool is_api_path(const std::string& path) {
    return path.rfind("/api/", 0) == 0 || path == "/api" || path.rfind("/webhook", 0) == 0;
}

ApiError error_for_status(int status) {
    switch (status) {
    case 400:
        return make_error(400, "bad_request", "the request could not be read");
    case 401:
        return make_error(401, "unauthorized", "log in first");
    case 403:
        return make_error(403, "forbidden", "not allowed");
    case 404:
        return make_error(404, "not_found", "there is nothing at this address");
    case 405:
        return make_error(405, "method_not_allowed", "this method is not allowed here");
    case 413:
        return make_error(413, "too_large", "the request body is too large");
    case 414:
        return make_error(414, "uri_too_long", "the address is too long");
    default:
        return make_error(status, status >= 500 ? "internal" : "bad_request",
                          status >= 500 ? "the server failed; try again"
                                        : "the request was refused");
    }
}

bool ends_with(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool accepts_gzip(const httplib::Request& req) {
    return req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos;
}

// The web build leaves FILE.gz beside the UI's big files (wasm, fonts, scripts); a browser that
// accepts gzip gets that instead, compressed once at build time. Left to httplib, the script
// would be compressed on the fly for every first visit, with brotli at its slowest setting: 230
// ms of a core for 166 KB, a quarter of the first frame's wait. httplib compresses any text/*
// answer again (even one already gzip), so scripts go as "application/javascript;
// charset=utf-8", a type it leaves alone (see configure()). Called only for paths httplib has
// already resolved to a file under the web root.
void send_gzip_twin(const std::string& web_root, const httplib::Request& req,
                    httplib::Response& res) {
    if (!ends_with(req.path, ".wasm") && !ends_with(req.path, ".ttf") &&
        !ends_with(req.path, ".js")) {
        return;
    }
    res.set_header("Vary", "Accept-Encoding");
    if (!accepts_gzip(req)) {
        return;
    }
    std::ifstream twin(web_root + req.path + ".gz", std::ios::binary);
    if (!twin) {
        return;
    }
    res.body.assign(std::istreambuf_iterator<char>(twin), std::istreambuf_iterator<char>());
    res.set_header("Content-Encoding", "gzip");
}

} // namespace

namespace {

ConnectionLimits connection_limits(const ServerConfig& config) {
    auto limits = config.connection;
    limits.workers = static_cast<std::size_t>(config.http_threads);
    limits.max_workers_per_client = static_cast<std::size_t>(config.client_concurrency);
    // A trusted proxy is every client's address; its clients are told apart behind it.
    limits.uncapped_addresses = config.trusted_proxies;
    return limits;
}

} // namespace

HttpServer::HttpServer(Services& services, const std::function<void(ApiRouter&)>& extra_routes)
    : m_services(services), m_server(connection_limits(services.config)),
      m_router(m_server, services) {
    configure();
    register_auth_routes(m_router);
    register_change_routes(m_router);
    register_table_routes(m_router);
    register_message_routes(m_router);
    register_template_routes(m_router);
    register_webhook_routes(m_router);
    register_team_routes(m_router);
    register_transfer_routes(m_router);
    register_agent_routes(m_router);
    register_conversation_info_routes(m_router);
    register_campaign_routes(m_router);
    if (extra_routes) {
        extra_routes(m_router);
    }
}

void HttpServer::configure() {
    m_server.set_body_rule([this](const httplib::Request& req) { return m_router.body_rule(req); });
    // Small keep-alive answers would otherwise wait ~40 ms for the peer's delayed ACK.
    m_server.set_tcp_nodelay(true);

    m_server.set_exception_handler(
        [](const httplib::Request& req, httplib::Response& res, std::exception_ptr thrown) {
            std::string what = "unknown exception";
            try {
                std::rethrow_exception(thrown);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            // Only the route and the exception text: request bodies may hold secrets.
            std::cerr << "waconsole-server: " << req.method << " " << req.path
                      << " failed: " << what << std::endl;
            send_error(res, make_error(500, "internal", "the server failed; try again"));
        });

    const httplib::Server::HandlerWithResponse fill_error_body = [](const httplib::Request& req,
                                                                    httplib::Response& res) {
        // Route handlers write their own error bodies; fill in only the empty ones.
        if (!res.body.empty() || !is_api_path(req.path)) {
            return httplib::Server::HandlerResponse::Unhandled;
        }
        send_error(res, error_for_status(res.status));
        return httplib::Server::HandlerResponse::Handled;
    };
    m_server.set_error_answer_handler(fill_error_body);

    const auto cors_origin = m_services.config.cors_origin;
    m_server.set_admission_handler([cors_origin](const httplib::Request& req,
                                                 httplib::Response& res) {
        if (is_api_path(req.path)) {
            res.set_header("Cache-Control", "no-store");
        }
        res.set_header("X-Content-Type-Options", "nosniff");
        if (!cors_origin.empty() && req.get_header_value("Origin") == cors_origin) {
            res.set_header("Access-Control-Allow-Origin", cors_origin);
            res.set_header("Vary", "Origin");
            res.set_header("Access-Control-Expose-Headers", std::string("Content-Disposition, ") +
                                                                kExportRowsHeader + ", " +
                                                                kExportRowsLeftOutHeader);
            if (req.method == "OPTIONS") {
                res.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
                res.set_header("Access-Control-Allow-Headers",
                               "Authorization, Content-Type, Idempotency-Key");
                res.set_header("Access-Control-Max-Age", "600");
                res.status = 204;
                return httplib::Server::HandlerResponse::Handled;
            }
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });

    m_server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
        send_json(res, 200, {{"status", "ok"}});
    });

    m_server.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
    m_server.set_file_request_handler([web_root = m_services.config.web_root](
                                          const httplib::Request& req, httplib::Response& res) {
        send_gzip_twin(web_root, req, res);
        revalidate_static_file(req, res);
    });
    m_server.set_file_extension_and_mimetype_mapping("ttf", "font/ttf");
    // A JavaScript type httplib does not compress itself: the script has its gzip twin.
    m_server.set_file_extension_and_mimetype_mapping("js", "application/javascript; charset=utf-8");
    if (!m_services.config.web_root.empty() &&
        !m_server.set_mount_point("/", m_services.config.web_root, page_security_headers())) {
        throw std::runtime_error("the web root " + m_services.config.web_root + " is not a folder");
    }
}

int HttpServer::bind() {
    const auto& config = m_services.config;
    if (config.port == 0) {
        return m_server.bind_to_any_port(config.host);
    }
    return m_server.bind_to_port(config.host, config.port) ? config.port : -1;
}

bool HttpServer::run() {
    return m_server.listen_after_bind();
}

void HttpServer::stop() {
    m_server.stop();
}

} // namespace waconsole
