// GET /webhook (Meta's verification handshake) and POST /webhook (signed events). Public
// routes: Meta has no session; the verify token and the body signature are the checks. A POST
// is verified on its raw bytes before anything is parsed, and answered as soon as the
// transaction it is written in commits (its own, or the send worker's next claim's within 10 ms:
// SharedWrites), because Meta retries slow or failed deliveries for days.
#include "server/api/http_util.hpp"
#include "server/api/routes.hpp"
#include "server/campaigns/campaign_replies.hpp"
#include "server/center/bot.hpp"
#include "server/clock.hpp"
#include "server/meta/webhook_ingest.hpp"
#include "server/meta/webhook_signature.hpp"
#include "server/services.hpp"

#include <iostream>
#include <sodium.h>

namespace waconsole {
namespace {

constexpr std::size_t kMaxWebhookBytes = 1 << 20;

bool same_secret(const std::string& given, const std::string& ours) {
    return !ours.empty() && given.size() == ours.size() &&
           sodium_memcmp(given.data(), ours.data(), ours.size()) == 0;
}

void verify(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    const auto& ours = context.services.config.meta.verify_token;
    if (req.get_param_value("hub.mode") != "subscribe" ||
        !same_secret(req.get_param_value("hub.verify_token"), ours)) {
        return send_error(res, make_error(403, "forbidden", "the verify token does not match"));
    }
    res.status = 200;
    res.set_content(req.get_param_value("hub.challenge"), "text/plain; charset=utf-8");
}

void receive(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    if (req.body.size() > kMaxWebhookBytes) {
        return send_error(res,
                          make_error(413, "too_large", "the webhook body is larger than 1 MiB"));
    }
    if (!verify_webhook_signature(context.services.config.meta.app_secret, req.body,
                                  req.get_header_value("X-Hub-Signature-256"))) {
        return send_error(
            res, make_error(403, "forbidden", "the webhook signature is missing or wrong"));
    }
    const auto parsed = parse_webhook(req.body, context.services.config.meta.phone_number_id);
    if (!parsed) {
        return send_error(
            res, make_error(400, "malformed_json", "the webhook body is not a JSON object"));
    }
    const auto& batch = *parsed;
    for (const auto& error : batch.account_errors) {
        std::cerr << "waconsole-server: Meta reported an account error: " << error << std::endl;
    }
    // Counted afresh at each run: a shared transaction that rolls back runs it again.
    struct Applied {
        IngestResult result;
        int menus_queued = 0;
        int replies = 0;
        int bot_opt_out_changes = 0;
    };
    Applied applied;
    const auto now = now_seconds();
    if (has_writes(batch)) {
        context.services.meta.shared_writes.write(
            context.services.pool, context.services.meta.store_write_mutex, [&](Connection& db) {
                BotListener bot;
                CampaignReplyListener replies;
                InboundListeners listeners({&replies, &bot});
                const auto result = apply_webhook_batch_in(db, batch, now, &listeners);
                applied = {result, bot.menus_queued, replies.replies, bot.opt_out_changes};
            });
    }
    const auto& result = applied.result;
    if (result.messages_stored > 0 || result.identity_changes > 0) {
        context.services.changes.bump({Topic::conversations, Topic::messages});
        // New windows, queued conversations: the engine's timers and queues moved.
        context.services.center.routing.notify();
    }
    if (applied.menus_queued > 0) {
        context.services.meta.sends.wake();
    }
    if (result.statuses_applied > 0) {
        // A campaign recipient's status is its message's: the history's counts moved too.
        context.services.changes.bump({Topic::messages, Topic::campaigns});
    }
    if (applied.replies > 0 || result.opt_out_changes > 0 || applied.bot_opt_out_changes > 0) {
        context.services.changes.bump(Topic::campaigns);
    }
    if (result.daily_limit_changed) {
        // A campaign paused by the daily limit may go on, or one sending must pause.
        context.services.changes.bump(Topic::campaigns);
        context.services.campaign_sender.wake();
    }
    if (result.templates_updated > 0) {
        context.services.changes.bump(Topic::templates);
    }
    send_json(res, 200,
              {{"messages", result.messages_stored},
               {"statuses", result.statuses_applied},
               {"templates", result.templates_updated},
               {"ignored_other_numbers", batch.ignored_other_numbers}});
}

} // namespace

void register_webhook_routes(ApiRouter& router) {
    router.get("/webhook", "/webhook", Access::public_route, verify);
    router.post("/webhook", "/webhook", Access::public_route, receive);
}

} // namespace waconsole
