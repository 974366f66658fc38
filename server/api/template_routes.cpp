// GET /api/templates (the cached catalogue) and POST /api/templates/sync (re-read from Meta;
// {"allow_empty":true} lets an empty listing empty the cache, which is otherwise kept: 409).
#include "server/api/http_util.hpp"
#include "server/api/routes.hpp"
#include "server/meta/template_sync.hpp"
#include "server/store/templates_store.hpp"

namespace waconsole {
namespace {

void get_templates(const httplib::Request&, httplib::Response& res, RequestContext& context) {
    std::vector<TemplateRecord> records;
    {
        auto db = context.services.pool.acquire();
        records = list_templates(*db);
    }
    auto templates = nlohmann::json::array();
    for (const auto& record : records) {
        templates.push_back(to_json(record));
    }
    send_json(res, 200, {{"templates", std::move(templates)}, {"total", records.size()}});
}

void post_sync(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    bool allow_empty = false;
    if (!req.body.empty()) {
        const auto parsed = parse_json_object(req);
        if (send_if_error(parsed, res)) {
            return;
        }
        const auto& body = std::get<nlohmann::json>(parsed);
        if (const auto it = body.find("allow_empty"); it != body.end()) {
            if (!it->is_boolean()) {
                return send_error(res,
                                  validation_error("allow_empty", "must be true or false", 422));
            }
            allow_empty = it->get<bool>();
        }
    }
    if (const auto problem = context.services.meta.client.catalogue_problem(); !problem.empty()) {
        return send_error(res, make_error(503, "meta_not_configured",
                                          "the template catalogue is not configured: " + problem));
    }
    const auto result = sync_templates(context.services, allow_empty);
    if (result.error) {
        return send_error(
            res, make_error(502, "meta_error",
                            "Meta's template list could not be read: " + result.error->title));
    }
    if (result.kept_cached_templates > 0) {
        return send_error(
            res, make_error(409, "empty_catalogue",
                            "Meta listed no templates; the " +
                                std::to_string(result.kept_cached_templates) +
                                " cached templates were kept. If the account really has none, "
                                "sync again with {\"allow_empty\":true}"));
    }
    send_json(res, 200, {{"templates", result.templates}, {"pages", result.pages}});
}

} // namespace

void register_template_routes(ApiRouter& router) {
    router.get("/api/templates", "/api/templates", Access::agent, get_templates);
    router.post("/api/templates/sync", "/api/templates/sync", Access::admin, post_sync);
}

} // namespace waconsole
