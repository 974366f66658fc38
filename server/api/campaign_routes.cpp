// The campaign wizard's routes (administrators), docs/campaigns.md: the template's detail and
// sample file, the customer picker, and every draft step up to Confirm. Handlers parse, call the
// campaign service, and answer.
#include "server/api/http_util.hpp"
#include "server/api/json_fields.hpp"
#include "server/api/routes.hpp"
#include "server/campaigns/campaign_drafts.hpp"
#include "server/campaigns/campaign_retry.hpp"
#include "server/campaigns/campaign_sender.hpp"
#include "server/campaigns/sample_file.hpp"
#include "server/clock.hpp"
#include "server/export/xlsx_workbook.hpp"
#include "server/store/customer_facts_store.hpp"
#include "shared/meta_limits.hpp"
#include "shared/paging.hpp"

namespace waconsole {
namespace {

// Uploads are read while they arrive and refused past this (the import reader has its own
// limits on what the file inflates to).
constexpr std::uint64_t kMaxUploadBytes = 20ull << 20;

std::int64_t path_id(const httplib::Request& req) {
    return parse_whole_number(req.matches[1].str()).value_or(0);
}

void answer(httplib::Response& res, const DraftAnswer& result, int status = 200) {
    if (send_if_error(result, res)) {
        return;
    }
    send_json(res, status, std::get<nlohmann::json>(result));
}

// Answers a draft change and tells open consoles.
void answer_change(httplib::Response& res, RequestContext& context, const DraftAnswer& result,
                   int status = 200) {
    answer(res, result, status);
    if (std::holds_alternative<nlohmann::json>(result)) {
        context.services.changes.bump(Topic::campaigns);
    }
}

bool read_body(const httplib::Request& req, httplib::Response& res, nlohmann::json& body) {
    auto parsed = parse_json_object(req);
    if (send_if_error(parsed, res)) {
        return false;
    }
    body = std::move(std::get<nlohmann::json>(parsed));
    return true;
}

std::optional<CampaignTemplateView> template_view(Connection& db, std::int64_t id) {
    if (const auto record = find_template_by_id(db, id)) {
        return view_campaign_template(*record);
    }
    return std::nullopt;
}

void get_campaign_template(const httplib::Request& req, httplib::Response& res,
                           RequestContext& context) {
    auto db = context.services.pool.acquire();
    const auto view = template_view(*db, path_id(req));
    if (!view) {
        return send_error(res, make_error(404, "not_found", "no such template"));
    }
    send_json(res, 200,
              {{"template", to_json(*view)},
               {"limits",
                {{"body", kMaxTemplateBodyCharacters},
                 {"header", kMaxTemplateHeaderCharacters},
                 {"footer", 60},
                 {"max_quick_replies", kMaxCampaignQuickReplies}}}});
}

void get_sample_file(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    std::optional<CampaignTemplateView> view;
    {
        auto db = context.services.pool.acquire();
        view = template_view(*db, path_id(req));
    }
    if (!view) {
        return send_error(res, make_error(404, "not_found", "no such template"));
    }
    res.set_header("Content-Disposition",
                   "attachment; filename=\"" + sample_file_name(*view) + "\"");
    res.set_content(sample_file_bytes(*view),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

void get_customers(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    const auto params = query_params(req);
    if (send_if_error(params, res)) {
        return;
    }
    const auto& values = std::get<std::map<std::string, std::string>>(params);
    std::string search;
    int limit = 20;
    for (const auto& [key, value] : values) {
        if (key == "search") {
            search = value;
        } else if (key == "limit") {
            const auto number = parse_whole_number(value);
            if (!number || *number < 1 || *number > 100) {
                return send_error(res, validation_error("limit", "must be between 1 and 100"));
            }
            limit = static_cast<int>(*number);
        } else {
            return send_error(res, validation_error(key, "unknown query parameter"));
        }
    }
    auto db = context.services.pool.acquire();
    auto customers = nlohmann::json::array();
    for (const auto& customer : search_customers(*db, search, limit)) {
        customers.push_back({{"id", customer.id},
                             {"name", customer.name},
                             {"phone", customer.phone},
                             {"email", customer.email},
                             {"opted_out", customer.opted_out}});
    }
    send_json(res, 200, {{"customers", customers}});
}

void post_draft(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    nlohmann::json body;
    if (!read_body(req, res, body)) {
        return;
    }
    std::optional<std::int64_t> template_id;
    auto field = optional_integer(body, "template_id", 1, std::numeric_limits<std::int64_t>::max());
    if (send_if_error(field, res)) {
        return;
    }
    template_id = std::get<std::optional<std::int64_t>>(field);
    if (!template_id) {
        return send_error(res, validation_error("template_id", "required", 422));
    }
    const auto source = required_string(body, "source");
    if (send_if_error(source, res)) {
        return;
    }
    auto db = context.services.pool.acquire();
    expire_drafts(*db, now_seconds()); // abandoned drafts go when new ones come
    answer_change(res, context,
                  create_draft(*db, *template_id, std::get<std::string>(source), context.user.id,
                               now_seconds()),
                  201);
}

void get_draft_route(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    auto db = context.services.pool.acquire();
    answer(res, get_draft(*db, path_id(req), now_seconds()));
}

void post_settings(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    nlohmann::json body;
    if (!read_body(req, res, body)) {
        return;
    }
    auto db = context.services.pool.acquire();
    answer_change(res, context, save_settings(*db, path_id(req), body, now_seconds()));
}

void post_upload(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    const std::string file_name = req.get_param_value("file_name");
    if (file_name.empty() || file_name.size() > 255) {
        return send_error(res, validation_error("file_name", "give the file's name (e.g. "
                                                             "clients.xlsx), at most 255 bytes"));
    }
    auto db = context.services.pool.acquire();
    answer_change(
        res, context,
        upload_recipients(*db, path_id(req), req.body, file_name, ImportLimits{}, now_seconds()));
}

void post_variables(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    nlohmann::json body;
    if (!read_body(req, res, body)) {
        return;
    }
    auto db = context.services.pool.acquire();
    answer_change(res, context, save_variables(*db, path_id(req), body, now_seconds()));
}

void get_samples(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    int limit = 5;
    if (req.has_param("limit")) {
        const auto number = parse_whole_number(req.get_param_value("limit"));
        if (!number || *number < 1 || *number > 20) {
            return send_error(res, validation_error("limit", "must be between 1 and 20"));
        }
        limit = static_cast<int>(*number);
    }
    auto db = context.services.pool.acquire();
    answer(res, draft_samples(*db, path_id(req), limit, now_seconds()));
}

// {"customer_ids":[...]}, required and not empty.
bool read_customer_ids(const httplib::Request& req, httplib::Response& res,
                       std::vector<std::int64_t>& ids) {
    nlohmann::json body;
    if (!read_body(req, res, body)) {
        return false;
    }
    auto field = optional_id_list(body, "customer_ids");
    if (send_if_error(field, res)) {
        return false;
    }
    const auto& list = std::get<std::optional<std::vector<std::int64_t>>>(field);
    if (!list || list->empty()) {
        send_error(res, validation_error("customer_ids", "give at least one customer id", 422));
        return false;
    }
    if (list->size() > 1000) {
        send_error(res, validation_error("customer_ids",
                                         "at most 1,000 at a time; use Add all for more", 422));
        return false;
    }
    ids = *list;
    return true;
}

void post_add_customers(const httplib::Request& req, httplib::Response& res,
                        RequestContext& context) {
    std::vector<std::int64_t> ids;
    if (!read_customer_ids(req, res, ids)) {
        return;
    }
    auto db = context.services.pool.acquire();
    answer_change(res, context, add_customers(*db, path_id(req), ids, now_seconds()));
}

void post_remove_customers(const httplib::Request& req, httplib::Response& res,
                           RequestContext& context) {
    std::vector<std::int64_t> ids;
    if (!read_customer_ids(req, res, ids)) {
        return;
    }
    auto db = context.services.pool.acquire();
    answer_change(res, context, remove_customers(*db, path_id(req), ids, now_seconds()));
}

void post_add_all(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    nlohmann::json body;
    if (!read_body(req, res, body)) {
        return;
    }
    auto search = optional_string(body, "search");
    if (send_if_error(search, res)) {
        return;
    }
    auto db = context.services.pool.acquire();
    answer_change(res, context,
                  add_all_customers(*db, path_id(req),
                                    std::get<std::optional<std::string>>(search).value_or(""),
                                    now_seconds()));
}

void post_review(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    auto db = context.services.pool.acquire();
    answer_change(res, context, review(*db, path_id(req), now_seconds()));
}

void post_confirm(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    {
        auto db = context.services.pool.acquire();
        answer_change(res, context, confirm(*db, path_id(req), context.user.id, now_seconds()),
                      201);
    }
    context.services.campaign_sender.wake(); // an immediate campaign starts now
}

void post_cancel_campaign(const httplib::Request& req, httplib::Response& res,
                          RequestContext& context) {
    const auto result = cancel_campaign(context.services, path_id(req), now_seconds());
    if (result.http_status != 200) {
        return send_error(res, make_error(result.http_status,
                                          result.http_status == 404 ? "not_found" : "conflict",
                                          result.message));
    }
    send_json(res, 200,
              {{"campaign", {{"id", path_id(req)}, {"status", result.status}}},
               {"not_sent", result.not_sent}});
}

void post_retry_failed(const httplib::Request& req, httplib::Response& res,
                       RequestContext& context) {
    auto db = context.services.pool.acquire();
    answer_change(res, context, retry_failed(*db, path_id(req), context.user.id, now_seconds()),
                  201);
}

void post_cancel(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    auto db = context.services.pool.acquire();
    answer_change(res, context, cancel(*db, path_id(req)));
}

} // namespace

void register_campaign_routes(ApiRouter& router) {
    router.get(R"(/api/campaign-templates/(\d+))", "/api/campaign-templates/1", Access::admin,
               get_campaign_template);
    router.get(R"(/api/campaign-templates/(\d+)/sample\.xlsx)",
               "/api/campaign-templates/1/sample.xlsx", Access::admin, get_sample_file);
    router.get("/api/customers", "/api/customers", Access::admin, get_customers);
    router.post("/api/campaign-drafts", "/api/campaign-drafts", Access::admin, post_draft);
    router.get(R"(/api/campaign-drafts/(\d+))", "/api/campaign-drafts/1", Access::admin,
               get_draft_route);
    router.post(R"(/api/campaign-drafts/(\d+)/settings)", "/api/campaign-drafts/1/settings",
                Access::admin, post_settings);
    router.post(R"(/api/campaign-drafts/(\d+)/upload)", "/api/campaign-drafts/1/upload",
                Access::admin, post_upload, BodyRule{kMaxUploadBytes, false});
    router.post(R"(/api/campaign-drafts/(\d+)/variables)", "/api/campaign-drafts/1/variables",
                Access::admin, post_variables);
    router.get(R"(/api/campaign-drafts/(\d+)/samples)", "/api/campaign-drafts/1/samples",
               Access::admin, get_samples);
    router.post(R"(/api/campaign-drafts/(\d+)/recipients)", "/api/campaign-drafts/1/recipients",
                Access::admin, post_add_customers);
    router.post(R"(/api/campaign-drafts/(\d+)/recipients/add-all)",
                "/api/campaign-drafts/1/recipients/add-all", Access::admin, post_add_all);
    router.post(R"(/api/campaign-drafts/(\d+)/recipients/remove)",
                "/api/campaign-drafts/1/recipients/remove", Access::admin, post_remove_customers);
    router.post(R"(/api/campaign-drafts/(\d+)/review)", "/api/campaign-drafts/1/review",
                Access::admin, post_review);
    router.post(R"(/api/campaign-drafts/(\d+)/confirm)", "/api/campaign-drafts/1/confirm",
                Access::admin, post_confirm);
    router.post(R"(/api/campaign-drafts/(\d+)/cancel)", "/api/campaign-drafts/1/cancel",
                Access::admin, post_cancel);
    router.post(R"(/api/campaigns/(\d+)/cancel)", "/api/campaigns/1/cancel", Access::admin,
                post_cancel_campaign);
    router.post(R"(/api/campaigns/(\d+)/retry-failed)", "/api/campaigns/1/retry-failed",
                Access::admin, post_retry_failed);
}

} // namespace waconsole
