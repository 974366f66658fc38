// Info of one conversation (sections 3-6): GET /api/conversations/{id} (the overview with its
// transfers), GET /api/conversations/{id}/messages?before=&limit= (the transcript in pages, from
// the newest back) and POST /api/conversations/{id}/email {"to","body","time_zone"?} (the
// transcript mailed over SMTP). Shapes in docs/contact-center.md.
#include "server/api/http_util.hpp"
#include "server/api/routes.hpp"
#include "server/center/conversation_json.hpp"
#include "server/clock.hpp"
#include "server/mail/smtp_sender.hpp"
#include "server/mail/transcript_mail.hpp"
#include "server/store/conversations_store.hpp"
#include "server/store/read_snapshot.hpp"
#include "server/store/transcript_store.hpp"
#include "shared/email_address.hpp"
#include "shared/paging.hpp"

namespace waconsole {
namespace {

constexpr int kDefaultTranscriptPage = 100;
constexpr int kMaxTranscriptPage = 200;

ApiError no_such_conversation() {
    return make_error(404, "not_found", "there is no such conversation");
}

void get_overview(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    const auto id = parse_whole_number(req.matches[1].str());
    auto db = context.services.pool.acquire();
    ReadSnapshot snapshot(*db);
    // The engine's shape, which transfers answer with too (docs/contact-center.md).
    const auto overview = id ? conversation_json(*db, *id, now_seconds()) : nlohmann::json();
    if (overview.is_null()) {
        return send_error(res, no_such_conversation());
    }
    send_json(res, 200, {{"conversation", overview}});
}

void get_messages(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    auto params = query_params(req);
    if (send_if_error(params, res)) {
        return;
    }
    std::optional<std::int64_t> before;
    int limit = kDefaultTranscriptPage;
    for (const auto& [key, value] : std::get<std::map<std::string, std::string>>(params)) {
        const auto number = parse_whole_number(value);
        if (key == "before") {
            if (!number || *number < 1) {
                return send_error(res, validation_error("before", "must be a message id"));
            }
            before = *number;
        } else if (key == "limit") {
            if (!number || *number < 1 || *number > kMaxTranscriptPage) {
                return send_error(res, validation_error("limit", "must be a whole number from 1 "
                                                                 "to 200"));
            }
            limit = static_cast<int>(*number);
        } else {
            return send_error(res, validation_error(key, "is not a parameter of the transcript"));
        }
    }
    const auto id = parse_whole_number(req.matches[1].str());
    auto db = context.services.pool.acquire();
    ReadSnapshot snapshot(*db);
    if (!id || !find_conversation(*db, *id)) {
        return send_error(res, no_such_conversation());
    }
    const auto page = load_transcript_page(*db, *id, before, limit);
    send_json(res, 200, {{"messages", page.messages}, {"more", page.more}});
}

// The request's fields, checked; the error names the first bad one (422).
struct EmailRequest {
    std::string to;
    std::string body;
    TimeZone zone = TimeZone::server_zone();
};

std::variant<EmailRequest, ApiError> read_email_request(const httplib::Request& req) {
    auto parsed = parse_json_object(req);
    if (const auto* error = std::get_if<ApiError>(&parsed)) {
        return *error;
    }
    const auto& json = std::get<nlohmann::json>(parsed);
    EmailRequest request;
    auto to = required_string(json, "to");
    if (const auto* error = std::get_if<ApiError>(&to)) {
        return *error;
    }
    request.to = std::get<std::string>(to);
    if (const auto problem = email_address_problem(request.to)) {
        return validation_error("to", *problem, 422);
    }
    auto body = required_string(json, "body");
    if (const auto* error = std::get_if<ApiError>(&body)) {
        return *error;
    }
    request.body = std::get<std::string>(body);
    if (const auto problem = email_body_problem(request.body)) {
        return validation_error("body", *problem, 422);
    }
    if (const auto it = json.find("time_zone"); it != json.end() && !it->is_null()) {
        const auto zone = it->is_string() ? TimeZone::find(it->get<std::string>()) : std::nullopt;
        if (!zone) {
            return validation_error("time_zone",
                                    "must be an IANA time zone name such as Europe/Madrid", 422);
        }
        request.zone = *zone;
    }
    return request;
}

void post_email(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    const auto parsed = read_email_request(req);
    if (send_if_error(parsed, res)) {
        return;
    }
    const auto& request = std::get<EmailRequest>(parsed);
    const auto id = parse_whole_number(req.matches[1].str());
    const auto now = now_seconds();
    MailMessage mail;
    {
        auto db = context.services.pool.acquire();
        ReadSnapshot snapshot(*db);
        const auto overview = id ? conversation_json(*db, *id, now) : nlohmann::json();
        if (overview.is_null()) {
            return send_error(res, no_such_conversation());
        }
        mail = transcript_mail(*db, overview, request.body, request.zone);
    } // the connection goes back before the (slow) SMTP exchange
    const auto& config = context.services.config.mail;
    mail.from = config.from;
    mail.from_name = config.from_name;
    mail.to = request.to;
    if (const auto failure = send_mail(config, request.to, render_mail(mail, now))) {
        return send_error(res,
                          make_error(502, "mail_failed", "the e-mail was not sent: " + *failure));
    }
    send_json(res, 200, {{"sent", true}});
}

} // namespace

void register_conversation_info_routes(ApiRouter& router) {
    router.get(R"(/api/conversations/(\d+))", "/api/conversations/1", Access::admin, get_overview);
    router.get(R"(/api/conversations/(\d+)/messages)", "/api/conversations/1/messages",
               Access::admin, get_messages);
    router.post(R"(/api/conversations/(\d+)/email)", "/api/conversations/1/email", Access::admin,
                post_email, BodyRule{128 * 1024});
}

} // namespace waconsole
