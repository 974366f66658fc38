// The /_sim/ control API for tests and demos (docs/architecture.md "waconsole-metasim"): what
// was sent, the tunables, inbound customer messages, demo traffic, template status changes and
// webhook counts. Not Meta's; no auth, served on loopback only.
#include "metasim/simulator.hpp"
#include "shared/api_error.hpp"

#include <chrono>
#include <httplib.h>

namespace waconsole::metasim {
namespace {

using json = nlohmann::json;

void send_json(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

void send_api_error(httplib::Response& res, const ApiError& error) {
    send_json(res, error.http_status, to_json_body(error));
}

// The request body as a JSON object, or nullopt after answering 400.
std::optional<json> read_body(const httplib::Request& req, httplib::Response& res) {
    json body = json::parse(req.body.empty() ? "{}" : req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        send_api_error(res, make_error(400, "malformed_json", "the body must be a JSON object"));
        return std::nullopt;
    }
    return body;
}

} // namespace

void register_control_routes(httplib::Server& server, SimParts& parts) {
    server.Get("/_sim/reads", [&parts](const httplib::Request&, httplib::Response& res) {
        res.set_content(parts.log.reads().dump(), "application/json");
    });
    server.Get("/_sim/sends", [&parts](const httplib::Request& req, httplib::Response& res) {
        std::int64_t since = 0;
        if (req.has_param("since")) {
            const std::string text = req.get_param_value("since");
            if (text.empty() || text.size() > 18 ||
                text.find_first_not_of("0123456789") != std::string::npos) {
                return send_api_error(
                    res, validation_error("since", "must be a sequence number of 0 or more"));
            }
            since = std::stoll(text);
        }
        send_json(res, 200, parts.log.list_since(since));
    });

    server.Get("/_sim/config", [&parts](const httplib::Request&, httplib::Response& res) {
        send_json(res, 200, to_json(*parts.config.get()));
    });

    server.Post("/_sim/config", [&parts](const httplib::Request& req, httplib::Response& res) {
        const auto body = read_body(req, res);
        if (!body) {
            return;
        }
        json result;
        const std::string problem = parts.config.update(*body, result);
        if (!problem.empty()) {
            const std::string field = problem.substr(0, problem.find(' '));
            return send_api_error(res, validation_error(field, problem, 422));
        }
        parts.traffic.config_changed();
        send_json(res, 200, result);
    });

    server.Post("/_sim/inbound", [&parts](const httplib::Request& req, httplib::Response& res) {
        const auto body = read_body(req, res);
        if (!body) {
            return;
        }
        std::string problem;
        const auto wamid = parts.inbox.receive(*body, std::chrono::milliseconds(0), problem);
        if (!wamid) {
            return send_api_error(res, make_error(422, "validation_failed", problem));
        }
        send_json(res, 200, {{"wamid", *wamid}});
    });

    server.Post("/_sim/traffic", [&parts](const httplib::Request& req, httplib::Response& res) {
        const auto body = read_body(req, res);
        if (!body) {
            return;
        }
        const json count = body->value("conversations", json(1));
        if (!count.is_number_integer() || count.get<int>() < 1 || count.get<int>() > 1000) {
            return send_api_error(
                res,
                validation_error("conversations", "must be a whole number from 1 to 1000", 422));
        }
        send_json(res, 200, parts.traffic.start_conversations(count.get<int>()));
    });

    server.Post(
        "/_sim/templates/status", [&parts](const httplib::Request& req, httplib::Response& res) {
            const auto body = read_body(req, res);
            if (!body) {
                return;
            }
            const std::string name = body->value("name", "");
            const std::string language = body->value("language", "");
            const std::string status = body->value("status", "");
            static const std::set<std::string> statuses = {"APPROVED", "PENDING",  "REJECTED",
                                                           "PAUSED",   "DISABLED", "IN_APPEAL",
                                                           "ARCHIVED", "FLAGGED",  "REINSTATED"};
            if (!statuses.count(status)) {
                return send_api_error(
                    res, validation_error("status", "must be a Meta template status", 422));
            }
            const auto changed = parts.catalogue.set_status(name, language, status);
            if (changed.empty()) {
                return send_api_error(
                    res, make_error(404, "not_found", "no template " + name + " " + language));
            }
            const std::string reason = body->value("reason", "NONE");
            const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
            json updated = json::array();
            for (const auto& tpl : changed) {
                parts.dispatcher.enqueue(
                    template_status_webhook(parts.business, *tpl, status, reason, now),
                    std::chrono::milliseconds(0), tpl->id);
                updated.push_back(tpl->listing);
            }
            send_json(res, 200, {{"templates", updated}});
        });

    server.Get("/_sim/webhooks", [&parts](const httplib::Request&, httplib::Response& res) {
        send_json(res, 200, parts.dispatcher.counts());
    });
}

} // namespace waconsole::metasim
