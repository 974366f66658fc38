// Framing checks, body rules and the hand-over between httplib and the connection gate.
#include "server/net/gated_server.hpp"

#include "server/net/guarded_stream.hpp"
#include "server/net/request_guard.hpp"
#include "shared/api_error.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <sys/socket.h>
#include <variant>

namespace waconsole {
namespace {

// httplib's listen loop hands each accepted socket to its task queue; ours passes it straight
// to the gate (process_and_close_socket below), so the listen thread never waits on a client.
class GateTaskQueue : public httplib::TaskQueue {
public:
    explicit GateTaskQueue(ConnectionGate& gate) : m_gate(gate) { m_gate.start(); }
    void enqueue(std::function<void()> fn) override { fn(); }
    void shutdown() override { m_gate.stop(); }

private:
    ConnectionGate& m_gate;
};

bool expects_body(const std::string& method) {
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string lowercase_trimmed(std::string text) {
    const auto first = text.find_first_not_of(" \t");
    const auto last = text.find_last_not_of(" \t");
    text = first == std::string::npos ? "" : text.substr(first, last - first + 1);
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

void answer(httplib::Response& res, const ApiError& error) {
    res.status = error.http_status;
    res.set_content(to_json_body(error).dump(), "application/json; charset=utf-8");
}

ApiError too_large(const RequestGuard& guard) {
    return make_error(413, "too_large",
                      "the request body is larger than " + size_text(guard.body_limit));
}

// Content-Length as one number, or why not. Repeated identical values are allowed (RFC 9110).
std::variant<std::optional<std::uint64_t>, std::string>
content_length_of(const httplib::Request& req) {
    std::optional<std::uint64_t> length;
    const auto count = req.get_header_value_count("Content-Length");
    for (std::size_t i = 0; i < count; ++i) {
        const auto text = req.get_header_value("Content-Length", i);
        if (text.empty() || text.size() > 18 ||
            !std::all_of(text.begin(), text.end(),
                         [](unsigned char c) { return std::isdigit(c); })) {
            return std::string("Content-Length must be a whole number of bytes");
        }
        const auto value = std::stoull(text);
        if (length && *length != value) {
            return std::string("Content-Length is given twice with different values");
        }
        length = value;
    }
    return length;
}

// RFC 9110 token characters: what a field name may hold. httplib keeps whatever precedes the
// colon as the name, so "Transfer-Encoding : chunked" or a folded " Transfer-Encoding" line would
// be a header it ignores and a lenient proxy honours.
bool is_token(const std::string& name) {
    static const std::string punctuation = "!#$%&'*+-.^_`|~";
    return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return std::isalnum(c) || punctuation.find(static_cast<char>(c)) != std::string::npos;
    });
}

} // namespace

std::string size_text(std::uint64_t bytes) {
    if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) {
        return std::to_string(bytes >> 20) + " MiB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
        return std::to_string(bytes >> 10) + " KiB";
    }
    return std::to_string(bytes) + " bytes";
}

std::uint64_t wire_limit(const BodyRule& rule) {
    return rule.max_bytes + rule.max_bytes / 8 + 16 * 1024;
}

GatedServer::GatedServer(ConnectionLimits limits)
    : m_limits(std::move(limits)),
      m_gate(m_limits, [this](GateConnection& connection) { return serve(connection); }) {
    new_task_queue = [this] { return new GateTaskQueue(m_gate); };
    httplib::Server::set_pre_routing_handler(
        [this](const httplib::Request& req, httplib::Response& res) { return admit(req, res); });
    httplib::Server::set_expect_100_continue_handler(
        [](const httplib::Request& req, httplib::Response& res) {
            // Refuse before the client sends the body it asked permission for.
            return refuse_framing(req, res) ? res.status : 100;
        });
    httplib::Server::set_error_handler(
        HandlerWithResponse([this](const httplib::Request& req, httplib::Response& res) {
            if (const auto* guard = current_request_guard()) {
                if (guard->body_over_limit && (res.status != 413 || res.body.empty())) {
                    answer(res, too_large(*guard));
                } else if (guard->body_timed_out && res.status == 400) {
                    answer(res, make_error(408, "request_timeout",
                                           "the request body arrived too slowly"));
                }
            }
            return m_error_answer ? m_error_answer(req, res) : HandlerResponse::Unhandled;
        }));
    httplib::Server::set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
        const auto* guard = current_request_guard();
        if (guard && (guard->close_connection || !body_complete(*guard))) {
            // The answer goes out, then the connection closes: what is left of the body is
            // never read as a request.
            res.headers.erase("Keep-Alive");
            res.headers.erase("Connection");
            res.set_header("Connection", "close");
        }
    });
}

GatedServer::~GatedServer() {
    m_gate.stop();
}

void GatedServer::set_body_rule(std::function<BodyRule(const httplib::Request&)> rule) {
    m_body_rule = std::move(rule);
}

void GatedServer::set_admission_handler(HandlerWithResponse handler) {
    m_admission = std::move(handler);
}

void GatedServer::set_error_answer_handler(HandlerWithResponse handler) {
    m_error_answer = std::move(handler);
}

bool GatedServer::bind_to_port(const std::string& host, int port) {
    const bool bound = httplib::Server::bind_to_port(host, port);
    if (bound) {
        widen_backlog();
    }
    return bound;
}

int GatedServer::bind_to_any_port(const std::string& host) {
    const int port = httplib::Server::bind_to_any_port(host);
    if (port > 0) {
        widen_backlog();
    }
    return port;
}

void GatedServer::widen_backlog() {
    // listen() on a listening socket only changes its backlog.
    ::listen(svr_sock_, m_limits.listen_backlog);
}

bool GatedServer::process_and_close_socket(socket_t sock) {
    m_gate.adopt(sock);
    return true;
}

AfterRequest GatedServer::serve(GateConnection& connection) {
    RequestGuard guard;
    ScopedRequestGuard current(guard);
    GuardedStream stream(connection, m_limits, guard);
    const bool last = connection.requests_served + 1 >= m_limits.keep_alive_max_requests;
    bool client_closes = false;
    const bool written = process_request(stream, last, client_closes, [&](httplib::Request& req) {
        guard.framing_known = true;
        const BodyRule rule = m_body_rule ? m_body_rule(req) : BodyRule{};
        guard.body_limit = rule.max_bytes;
        guard.accepts_content_encoding = rule.accepts_content_encoding;
        guard.chunked = req.has_header("Transfer-Encoding");
        const auto length = content_length_of(req);
        if (const auto* value = std::get_if<std::optional<std::uint64_t>>(&length)) {
            guard.content_length = *value;
        }
        if (expects_body(req.method) && !guard.chunked && !req.has_header("Content-Length")) {
            // A request with neither framing has no body (RFC 9112 §6.3); httplib would
            // read until the client closes.
            req.set_header("Content-Length", "0");
            guard.content_length = 0;
        }
        stream.begin_body(wire_limit(rule), guard.chunked);
    });
    ++connection.requests_served;
    if (!written || (stream.broken() && !guard.body_over_limit)) {
        return AfterRequest::close;
    }
    if (guard.body_over_limit || guard.close_connection || client_closes || last ||
        !body_complete(guard)) {
        return AfterRequest::drain_and_close;
    }
    return AfterRequest::keep_alive;
}

httplib::Server::HandlerResponse GatedServer::admit(const httplib::Request& req,
                                                    httplib::Response& res) {
    if (refuse_framing(req, res)) {
        return HandlerResponse::Handled;
    }
    return m_admission ? m_admission(req, res) : HandlerResponse::Unhandled;
}

bool refuse_framing(const httplib::Request& req, httplib::Response& res) {
    auto* guard = current_request_guard();
    const auto refuse = [&](const ApiError& error) {
        answer(res, error);
        if (guard) {
            guard->close_connection = true;
        }
        return true;
    };
    for (const auto& [name, value] : req.headers) {
        if (!is_token(name)) {
            return refuse(make_error(400, "bad_request",
                                     "a header name holds a character other than a token's "
                                     "(whitespace before the colon, a folded line)"));
        }
    }
    if (req.has_header("Transfer-Encoding")) {
        // Only plain chunked framing, and never together with Content-Length: anything else
        // is how requests are smuggled past a proxy.
        if (req.get_header_value_count("Transfer-Encoding") != 1 ||
            lowercase_trimmed(req.get_header_value("Transfer-Encoding")) != "chunked" ||
            req.has_header("Content-Length")) {
            return refuse(make_error(400, "bad_request",
                                     "Transfer-Encoding must be chunked alone, without "
                                     "Content-Length"));
        }
    }
    const auto length = content_length_of(req);
    if (const auto* problem = std::get_if<std::string>(&length)) {
        return refuse(make_error(400, "bad_request", *problem));
    }
    if (guard) {
        const auto encoding = lowercase_trimmed(req.get_header_value("Content-Encoding"));
        if (!encoding.empty() && encoding != "identity" && !guard->accepts_content_encoding) {
            return refuse(make_error(415, "unsupported_encoding",
                                     "a compressed request body (Content-Encoding: " + encoding +
                                         ") is not accepted here; send it uncompressed"));
        }
        if (guard->content_length && *guard->content_length > guard->body_limit) {
            return refuse(too_large(*guard));
        }
    }
    return false;
}

} // namespace waconsole
