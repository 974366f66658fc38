// The agent API (agent or admin sessions; each acts as themselves): POST /api/agent/presence,
// GET /api/agent/conversations, POST /api/agent/conversations/{id}/accept, /reply {"text"}
// (inside the window; marks the customer's messages read at Meta) and /close {"reason"}.
#include "server/api/http_util.hpp"
#include "server/api/routes.hpp"
#include "server/center/agent_desk.hpp"
#include "server/clock.hpp"
#include "server/services.hpp"
#include "shared/paging.hpp"

namespace waconsole {
namespace {

std::int64_t path_id(const httplib::Request& req) {
    return parse_whole_number(req.matches[1].str()).value_or(0);
}

void answer(httplib::Response& res, const std::variant<nlohmann::json, ApiError>& result) {
    if (send_if_error(result, res)) {
        return;
    }
    send_json(res, 200, std::get<nlohmann::json>(result));
}

// The one string field of a body, or the error answered.
std::optional<std::string> string_field(const httplib::Request& req, httplib::Response& res,
                                        const char* field) {
    const auto parsed = parse_json_object(req);
    if (send_if_error(parsed, res)) {
        return std::nullopt;
    }
    auto value = required_string(std::get<nlohmann::json>(parsed), field);
    if (send_if_error(value, res)) {
        return std::nullopt;
    }
    return std::get<std::string>(value);
}

void post_presence(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    if (const auto presence = string_field(req, res, "presence")) {
        const auto result = set_agent_presence(context.services, context.user.id, *presence);
        if (send_if_error(result, res)) {
            return;
        }
        send_json(res, 200, {{"agent", std::get<nlohmann::json>(result)}});
    }
}

void post_reply(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    const auto text = string_field(req, res, "text");
    if (!text) {
        return;
    }
    const auto id = path_id(req);
    const auto result = reply_to_conversation(context.services, context.user.id, id, *text);
    if (send_if_error(result, res)) {
        return;
    }
    const auto& done = std::get<ReplyDone>(result);
    nlohmann::json message = {
        {"id", done.message.id},
        {"wamid", done.message.wamid ? nlohmann::json(*done.message.wamid) : nlohmann::json()},
        {"status", done.message.status}};
    if (done.message.status == "failed") {
        auto body = to_json_body(make_error(
            502, "meta_error", "Meta did not accept the reply: " + done.message.error_title));
        body["message"] = message;
        return send_json(res, 502, body);
    }
    auto db = context.services.pool.acquire();
    send_json(res, 200,
              {{"message", message},
               {"marked_read", done.marked_read},
               {"conversation", conversation_json(*db, id, now_seconds())}});
}

} // namespace

void register_agent_routes(ApiRouter& router) {
    router.post("/api/agent/presence", "/api/agent/presence", Access::agent, post_presence);
    router.get("/api/agent/conversations", "/api/agent/conversations", Access::agent,
               [](const httplib::Request&, httplib::Response& res, RequestContext& context) {
                   send_json(res, 200, agent_conversations(context.services, context.user.id));
               });
    router.post(R"(/api/agent/conversations/(\d+)/accept)", "/api/agent/conversations/1/accept",
                Access::agent,
                [](const httplib::Request& req, httplib::Response& res, RequestContext& context) {
                    answer(res,
                           accept_conversation(context.services, context.user.id, path_id(req)));
                });
    router.post(R"(/api/agent/conversations/(\d+)/reply)", "/api/agent/conversations/1/reply",
                Access::agent, post_reply);
    router.post(R"(/api/agent/conversations/(\d+)/close)", "/api/agent/conversations/1/close",
                Access::agent,
                [](const httplib::Request& req, httplib::Response& res, RequestContext& context) {
                    if (const auto reason = string_field(req, res, "reason")) {
                        answer(res, close_agent_conversation(context.services, context.user.id,
                                                             path_id(req), *reason));
                    }
                });
}

} // namespace waconsole
