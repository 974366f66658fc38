// The Team API (administrators): GET /api/team; POST /api/team/agents (201, with a one-time
// password), /api/team/agents/{id}, /{id}/disable, /{id}/enable; POST /api/team/skillsets (201),
// /api/team/skillsets/{id}; the bot's settings: GET and POST /api/settings/bot.
#include "server/api/http_util.hpp"
#include "server/api/json_fields.hpp"
#include "server/api/routes.hpp"
#include "server/center/team.hpp"
#include "server/clock.hpp"
#include "server/store/settings_store.hpp"
#include "shared/paging.hpp"

namespace waconsole {
namespace {

// Moves the value out of `field` into `target`, or answers the error; false when answered.
template <typename T>
bool take(std::variant<T, ApiError>&& field, T& target, httplib::Response& res) {
    if (send_if_error(field, res)) {
        return false;
    }
    target = std::move(std::get<T>(field));
    return true;
}

bool read_agent_fields(const nlohmann::json& body, AgentFields& fields, httplib::Response& res) {
    std::optional<std::int64_t> capacity;
    const bool ok = take(optional_string(body, "name"), fields.name, res) &&
                    take(optional_string(body, "email"), fields.email, res) &&
                    take(optional_string(body, "role"), fields.role, res) &&
                    take(optional_id_list(body, "skillsets"), fields.skillsets, res) &&
                    take(optional_integer(body, "max_concurrent_chats", 0, kMaxConcurrentChats),
                         capacity, res) &&
                    take(optional_string(body, "licence_type"), fields.licence_type, res);
    if (capacity) {
        fields.max_concurrent_chats = static_cast<int>(*capacity);
    }
    return ok;
}

bool read_skillset_fields(const nlohmann::json& body, SkillsetFields& fields,
                          httplib::Response& res) {
    std::optional<std::optional<std::int64_t>> digit;
    if (!take(optional_string(body, "name"), fields.name, res) ||
        !take(nullable_integer(body, "menu_digit", 0, 9), digit, res)) {
        return false;
    }
    if (digit) {
        fields.menu_digit = *digit ? std::optional<int>(static_cast<int>(**digit)) : std::nullopt;
    }
    return true;
}

bool read_body(const httplib::Request& req, httplib::Response& res, nlohmann::json& body) {
    return take(parse_json_object(req), body, res);
}

std::int64_t path_id(const httplib::Request& req) {
    return parse_whole_number(req.matches[1].str()).value_or(0);
}

void answer(httplib::Response& res, const std::variant<nlohmann::json, ApiError>& result,
            int status = 200) {
    if (send_if_error(result, res)) {
        return;
    }
    send_json(res, status, std::get<nlohmann::json>(result));
}

nlohmann::json settings_json(const BotSettings& settings) {
    return {{"menu_intro", settings.menu_intro},
            {"reprompt_limit", settings.reprompt_limit},
            {"exclusive_timeout_seconds", settings.exclusive_timeout_seconds
                                              ? nlohmann::json(*settings.exclusive_timeout_seconds)
                                              : nlohmann::json()}};
}

void get_bot_settings(const httplib::Request&, httplib::Response& res, RequestContext& context) {
    auto db = context.services.pool.acquire();
    send_json(res, 200, {{"settings", settings_json(load_bot_settings(*db))}});
}

void post_bot_settings(const httplib::Request& req, httplib::Response& res,
                       RequestContext& context) {
    nlohmann::json body;
    if (!read_body(req, res, body)) {
        return;
    }
    auto& services = context.services;
    auto db = services.pool.acquire();
    auto settings = load_bot_settings(*db);
    std::optional<std::string> intro;
    std::optional<std::int64_t> limit;
    std::optional<std::optional<std::int64_t>> timeout;
    if (!take(optional_string(body, "menu_intro"), intro, res) ||
        !take(optional_integer(body, "reprompt_limit", 0, kMaxRepromptLimit), limit, res) ||
        !take(nullable_integer(body, "exclusive_timeout_seconds", 1, kMaxExclusiveTimeoutSeconds),
              timeout, res)) {
        return;
    }
    if (intro) {
        settings.menu_intro = *intro;
    }
    if (limit) {
        settings.reprompt_limit = static_cast<int>(*limit);
    }
    if (timeout) {
        settings.exclusive_timeout_seconds = *timeout;
    }
    if (const auto problem = check_bot_settings(settings)) {
        return send_error(res, validation_error(problem->field, problem->message, 422));
    }
    {
        std::lock_guard write_lock(services.meta.store_write_mutex);
        save_bot_settings(*db, settings, now_seconds());
    }
    send_json(res, 200, {{"settings", settings_json(settings)}});
}

} // namespace

void register_team_routes(ApiRouter& router) {
    router.get("/api/team", "/api/team", Access::admin,
               [](const httplib::Request&, httplib::Response& res, RequestContext& context) {
                   send_json(res, 200, team_json(context.services));
               });
    router.post("/api/team/agents", "/api/team/agents", Access::admin,
                [](const httplib::Request& req, httplib::Response& res, RequestContext& context) {
                    nlohmann::json body;
                    AgentFields fields;
                    if (read_body(req, res, body) && read_agent_fields(body, fields, res)) {
                        answer(res, create_agent(context.services, fields), 201);
                    }
                });
    router.post(R"(/api/team/agents/(\d+))", "/api/team/agents/1", Access::admin,
                [](const httplib::Request& req, httplib::Response& res, RequestContext& context) {
                    nlohmann::json body;
                    AgentFields fields;
                    if (read_body(req, res, body) && read_agent_fields(body, fields, res)) {
                        answer(res, edit_agent(context.services, path_id(req), fields));
                    }
                });
    for (const bool disable : {true, false}) {
        const std::string verb = disable ? "disable" : "enable";
        router.post(R"(/api/team/agents/(\d+)/)" + verb, "/api/team/agents/1/" + verb,
                    Access::admin,
                    [disable](const httplib::Request& req, httplib::Response& res,
                              RequestContext& context) {
                        answer(res, set_agent_disabled(context.services, path_id(req), disable,
                                                       context.user.id));
                    });
    }
    router.post("/api/team/skillsets", "/api/team/skillsets", Access::admin,
                [](const httplib::Request& req, httplib::Response& res, RequestContext& context) {
                    nlohmann::json body;
                    SkillsetFields fields;
                    if (read_body(req, res, body) && read_skillset_fields(body, fields, res)) {
                        answer(res, create_team_skillset(context.services, fields), 201);
                    }
                });
    router.post(R"(/api/team/skillsets/(\d+))", "/api/team/skillsets/1", Access::admin,
                [](const httplib::Request& req, httplib::Response& res, RequestContext& context) {
                    nlohmann::json body;
                    SkillsetFields fields;
                    if (read_body(req, res, body) && read_skillset_fields(body, fields, res)) {
                        answer(res, edit_team_skillset(context.services, path_id(req), fields));
                    }
                });
    router.get("/api/settings/bot", "/api/settings/bot", Access::admin, get_bot_settings);
    router.post("/api/settings/bot", "/api/settings/bot", Access::admin, post_bot_settings);
}

} // namespace waconsole
