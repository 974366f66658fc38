// Transfers (administrators): GET /api/transfer-targets (users with presence and load,
// skillsets with ready and logged-in agents) and POST /api/conversations/{id}/transfer
// {"to_user_id"|"to_skillset_id", "mode":"immediate"|"exclusive"} → the conversation and a
// warning (null, or e.g. "no agent of Sales is logged in").
#include "server/api/http_util.hpp"
#include "server/api/json_fields.hpp"
#include "server/api/routes.hpp"
#include "server/center/conversation_json.hpp"
#include "server/center/team.hpp"
#include "server/center/transfers.hpp"
#include "server/clock.hpp"
#include "server/services.hpp"
#include "shared/paging.hpp"

namespace waconsole {
namespace {

void post_transfer(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    const auto parsed = parse_json_object(req);
    if (send_if_error(parsed, res)) {
        return;
    }
    const auto& body = std::get<nlohmann::json>(parsed);
    TransferRequest request;
    request.conversation_id = parse_whole_number(req.matches[1].str()).value_or(0);
    request.by_user_id = context.user.id;
    const auto user = optional_integer(body, "to_user_id", 1, INT64_MAX);
    if (send_if_error(user, res)) {
        return;
    }
    const auto skillset = optional_integer(body, "to_skillset_id", 1, INT64_MAX);
    if (send_if_error(skillset, res)) {
        return;
    }
    request.to_user_id = std::get<0>(user);
    request.to_skillset_id = std::get<0>(skillset);
    const auto mode = required_string(body, "mode");
    if (send_if_error(mode, res)) {
        return;
    }
    const auto parsed_mode = transfer_mode_from_string(std::get<std::string>(mode));
    if (!parsed_mode) {
        return send_error(res, validation_error("mode", "must be immediate or exclusive", 422));
    }
    request.mode = *parsed_mode;
    const auto now = now_seconds();
    const auto result = transfer_conversation(context.services, request, now);
    if (send_if_error(result, res)) {
        return;
    }
    const auto& done = std::get<TransferDone>(result);
    auto db = context.services.pool.acquire();
    send_json(res, 200,
              {{"conversation", conversation_json(*db, request.conversation_id, now)},
               {"warning", done.warning ? nlohmann::json(*done.warning) : nlohmann::json()}});
}

} // namespace

void register_transfer_routes(ApiRouter& router) {
    router.get("/api/transfer-targets", "/api/transfer-targets", Access::admin,
               [](const httplib::Request&, httplib::Response& res, RequestContext& context) {
                   send_json(res, 200, transfer_targets_json(context.services));
               });
    router.post(R"(/api/conversations/(\d+)/transfer)", "/api/conversations/1/transfer",
                Access::admin, post_transfer);
}

} // namespace waconsole
