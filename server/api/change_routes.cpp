// GET /api/changes?run=R&since=N: which topics changed after version N of run R, from memory.
// The UI asks about once a second and refetches only what moved (docs/architecture.md, "Live").
#include "server/api/http_util.hpp"
#include "server/api/routes.hpp"
#include "shared/paging.hpp"

namespace waconsole {
namespace {

void changes(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    auto params = query_params(req);
    if (send_if_error(params, res)) {
        return;
    }
    const auto& values = std::get<std::map<std::string, std::string>>(params);
    std::uint64_t since = 0;
    if (const auto it = values.find("since"); it != values.end()) {
        const auto parsed = parse_whole_number(it->second);
        if (!parsed || *parsed < 0) {
            return send_error(res, validation_error("since", "must be a whole number"));
        }
        since = static_cast<std::uint64_t>(*parsed);
    }
    const auto run = values.count("run") ? values.at("run") : std::string();
    const auto answer = context.services.changes.since(run, since);
    nlohmann::json changed = nlohmann::json::array();
    for (const auto topic : answer.changed) {
        changed.push_back(to_string(topic));
    }
    send_json(res, 200, {{"run", answer.run}, {"version", answer.version}, {"changed", changed}});
}

} // namespace

void register_change_routes(ApiRouter& router) {
    router.get("/api/changes", "/api/changes", Access::admin, changes);
}

} // namespace waconsole
