// The /_sim/ control API for tests and demos (docs/architecture.md "waconsole-metasim"): what
// was sent, the tunables, inbound customer messages, a customer's marketing preference, demo
// traffic, template status and business capability changes, and webhook counts. Not Meta's; no
// auth, served on loopback only.
#include "metasim/simulator.hpp"
#include "metasim/wa_id.hpp"
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

std::int64_t epoch_seconds_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Delivers a webhook at once and answers {"sent":true}, or 502 with why it did not arrive.
void deliver_and_answer(SimParts& parts, std::string body, const std::string& ordering_key,
                        httplib::Response& res) {
    const std::string problem = parts.dispatcher.deliver_now(std::move(body), ordering_key);
    if (!problem.empty()) {
        return send_api_error(res, make_error(502, "webhook_failed", problem));
    }
    send_json(res, 200, {{"sent", true}});
}

// POST /_sim/user_preferences {"wa_id","value":"stop"|"resume"[,"name"]}: the customer's choice
// changes marketing_stopped_numbers, then its webhook goes out.
void user_preferences(SimParts& parts, const json& body, httplib::Response& res) {
    const json wa_id_given = body.value("wa_id", json());
    const std::string digits =
        wa_id_given.is_string() ? digits_only(wa_id_given.get<std::string>()) : "";
    if (digits.size() < 8 || digits.size() > 15) {
        return send_api_error(
            res, validation_error("wa_id", "must be the customer's full international number"));
    }
    const json value = body.value("value", json());
    if (value != "stop" && value != "resume") {
        return send_api_error(res, validation_error("value", "must be stop or resume"));
    }
    const json name = body.value("name", json());
    if (!name.is_null() && !name.is_string()) {
        return send_api_error(res, validation_error("name", "must be a string"));
    }
    const std::string wa_id = canonical_wa_id(digits);
    const bool stop = value == "stop";
    parts.config.modify([&](SimConfig& config) {
        if (stop) {
            config.marketing_stopped_numbers.insert(wa_id);
        } else {
            config.marketing_stopped_numbers.erase(wa_id);
            config.marketing_stopped_numbers.erase(digits);
        }
    });
    deliver_and_answer(parts,
                       user_preferences_webhook(parts.business, wa_id,
                                                name.is_string() ? name.get<std::string>() : wa_id,
                                                value.get<std::string>(), epoch_seconds_now()),
                       wa_id, res);
}

// POST /_sim/capability {"max_daily_conversations_per_business":N}: Meta moved the portfolio to
// another daily limit; daily_limit follows, then its webhook goes out.
void capability(SimParts& parts, const json& body, httplib::Response& res) {
    const json limit = body.value("max_daily_conversations_per_business", json());
    if (!limit.is_number_integer() || limit.get<std::int64_t>() < 0 ||
        limit.get<std::int64_t>() > 1'000'000'000) {
        return send_api_error(res, validation_error("max_daily_conversations_per_business",
                                                    "must be a whole number of at least 0"));
    }
    const int daily_limit = limit.get<int>();
    parts.config.modify([daily_limit](SimConfig& config) { config.daily_limit = daily_limit; });
    deliver_and_answer(
        parts, business_capability_webhook(parts.business, daily_limit, epoch_seconds_now()),
        "business_capability", res);
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

    server.Post("/_sim/user_preferences",
                [&parts](const httplib::Request& req, httplib::Response& res) {
                    if (const auto body = read_body(req, res)) {
                        user_preferences(parts, *body, res);
                    }
                });

    server.Post("/_sim/capability", [&parts](const httplib::Request& req, httplib::Response& res) {
        if (const auto body = read_body(req, res)) {
            capability(parts, *body, res);
        }
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
            const auto now = epoch_seconds_now();
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
