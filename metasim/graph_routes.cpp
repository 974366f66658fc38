// Meta's Graph endpoints: POST /{version}/{phone-number-id}/messages,
// GET /{version}/{waba-id}/message_templates and GET /{version}/{phone-number-id} (the number's
// fields, among them the daily messaging limit), with Bearer-token checks. Handlers only parse,
// call the service and write its answer.
#include "metasim/daily_limit.hpp"
#include "metasim/graph_error.hpp"
#include "metasim/simulator.hpp"

#include <httplib.h>

namespace waconsole::metasim {
namespace {

void send_graph_error(httplib::Response& res, const GraphError& error) {
    res.status = error.http_status;
    res.set_content(to_json(error).dump(), "application/json");
}

// Meta takes the token as a Bearer header or an access_token query parameter.
bool authorised(const httplib::Request& req, const SimOptions& options) {
    const std::string header = req.get_header_value("Authorization");
    static const std::string bearer = "Bearer ";
    if (header.size() > bearer.size() && header.compare(0, bearer.size(), bearer) == 0) {
        return header.substr(bearer.size()) == options.access_token;
    }
    return req.has_param("access_token") &&
           req.get_param_value("access_token") == options.access_token;
}

std::vector<std::string> split_fields(const std::string& text) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        std::string field = text.substr(start, comma - start);
        field.erase(0, field.find_first_not_of(' '));
        field.erase(field.find_last_not_of(' ') + 1);
        if (!field.empty()) {
            fields.push_back(field);
        }
        start = comma + 1;
    }
    return fields;
}

// GET /{phone-number-id}?fields=...: the fields the simulator knows of a phone number node.
// Without fields Meta answers a default set; an unknown field is error 100 like Meta's.
void answer_phone_number(const httplib::Request& req, httplib::Response& res, SimParts& parts) {
    std::vector<std::string> fields = split_fields(req.get_param_value("fields"));
    if (fields.empty()) {
        fields = {"display_phone_number"};
    }
    nlohmann::json node = nlohmann::json::object();
    for (const auto& field : fields) {
        if (field == "whatsapp_business_manager_messaging_limit") {
            const int limit = parts.config.get()->daily_limit;
            node[field] = messaging_limit_tier(limit);
            // Not Meta's: the exact limit, so tests with small limits can read it.
            node["max_daily_conversations_per_business"] = limit;
        } else if (field == "display_phone_number") {
            node[field] = parts.business.display_phone_number;
        } else if (field != "id") {
            GraphError error = invalid_parameter_error("");
            error.message = "(#100) Tried accessing nonexisting field (" + field +
                            ") on node type (WhatsAppBusinessPhoneNumber)";
            return send_graph_error(res, error);
        }
    }
    node["id"] = parts.options.phone_number_id;
    res.set_content(node.dump(), "application/json");
}

} // namespace

void register_graph_routes(httplib::Server& server, SimParts& parts) {
    server.Post(R"(/(v\d+\.\d+)/([^/]+)/messages)",
                [&parts](const httplib::Request& req, httplib::Response& res) {
                    if (!authorised(req, parts.options)) {
                        return send_graph_error(res, invalid_token_error());
                    }
                    if (req.matches[2] != parts.options.phone_number_id) {
                        return send_graph_error(res, unknown_object_error(req.matches[2]));
                    }
                    const SendResponse answer = parts.messages.send(req.body);
                    res.status = answer.http_status;
                    res.set_content(answer.body, "application/json");
                });

    server.Get(R"(/(v\d+\.\d+)/([^/]+))",
               [&parts](const httplib::Request& req, httplib::Response& res) {
                   if (!authorised(req, parts.options)) {
                       return send_graph_error(res, invalid_token_error());
                   }
                   if (req.matches[2] != parts.options.phone_number_id) {
                       return send_graph_error(res, unknown_object_error(req.matches[2]));
                   }
                   answer_phone_number(req, res, parts);
               });

    server.Get(R"(/(v\d+\.\d+)/([^/]+)/message_templates)", [&parts](const httplib::Request& req,
                                                                     httplib::Response& res) {
        if (!authorised(req, parts.options)) {
            return send_graph_error(res, invalid_token_error());
        }
        if (req.matches[2] != parts.options.waba_id) {
            return send_graph_error(res, unknown_object_error(req.matches[2]));
        }
        TemplateListQuery query;
        if (req.has_param("limit")) {
            const std::string limit = req.get_param_value("limit");
            query.limit = limit.empty() || limit.size() > 6 ||
                                  limit.find_first_not_of("0123456789") != std::string::npos
                              ? -1
                              : std::stoi(limit);
        }
        query.fields = split_fields(req.get_param_value("fields"));
        query.after = req.get_param_value("after");
        query.before = req.get_param_value("before");
        query.name = req.get_param_value("name");
        query.status = req.get_param_value("status");
        const std::string host = req.get_header_value("Host");
        query.url = "http://" +
                    (host.empty() ? "127.0.0.1:" + std::to_string(req.local_port) : host) +
                    req.path;
        std::string problem;
        const auto page = parts.catalogue.list(query, problem);
        if (!page) {
            return send_graph_error(res, invalid_parameter_error(problem));
        }
        res.set_content(page->dump(), "application/json");
    });
}

} // namespace waconsole::metasim
