// Sends whose outcome is unknown, against the simulator's "accepted, but the answer came too
// late" fault: never sent twice, never holding the request for retries, resolved by the status
// webhooks through biz_opaque_callback_data. Sends are counted at the simulator.
#include "meta_loop.hpp"
#include "server/clock.hpp"
#include "server/meta/message_payloads.hpp"
#include "server/meta/webhook_signature.hpp"
#include "server/store/customers_store.hpp"
#include "server/store/messages_store.hpp"
#include "test_data.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::testing;
using namespace std::chrono_literals;

namespace {

// Meta accepts each send at once but answers after `hold_ms`; our client gives up after
// `read_timeout`.
MetaLoopOptions late_answers(int hold_ms, int status_delay_ms,
                             std::chrono::milliseconds read_timeout = 400ms) {
    MetaLoopOptions options;
    options.sim_config = {{"late_answer_percent", 100},
                          {"timeout_hold_ms", hold_ms},
                          {"status_delay_ms", status_delay_ms},
                          {"read_percent", 0}};
    options.adjust_client = [read_timeout](MetaClientOptions& client) {
        client.timeouts.read = read_timeout;
    };
    return options;
}

std::string where_id(const nlohmann::json& message) {
    return " FROM messages WHERE id = " + std::to_string(message["id"].get<std::int64_t>());
}

} // namespace

TEST_CASE("a send Meta accepted but answered too late is unknown and sent once until its status "
          "webhook resolves it") {
    // The statuses come well after our read timeout, so the send is answered `unknown` first.
    MetaLoop loop(late_answers(8000, 2500));
    sync_catalogue(loop);
    const auto result =
        loop.api_post("/api/messages/template", order_update_request("+34600000901"));
    REQUIRE(result);
    INFO(result->body);
    REQUIRE(result->status == 202);
    const auto message = json_of(result)["message"];
    CHECK(message["status"] == "unknown");
    CHECK(message["wamid"].is_null());
    CHECK(message["attempts"] == 1);
    CHECK(message["status_reason"].get<std::string>().find("may have") != std::string::npos);
    const auto where = where_id(message);
    CHECK(loop.text("SELECT status" + where) == "unknown");

    const auto sent = loop.sim_get("/_sim/sends")["sends"];
    REQUIRE(sent.size() == 1);
    CHECK(sent[0]["request"]["biz_opaque_callback_data"] ==
          "waconsole:" + std::to_string(message["id"].get<std::int64_t>()));
    const auto wamid = sent[0]["wamid"].get<std::string>();
    CHECK(eventually([&] { return loop.text("SELECT status" + where) == "delivered"; }));
    CHECK(loop.text("SELECT wamid" + where) == wamid);
    CHECK(loop.count("SELECT send_attempts" + where) == 1);
    CHECK(sim_sends(loop) == 1);
}

TEST_CASE("a status webhook that beats the late answer makes the send answer with its wamid") {
    // The status comes 10 ms after Meta accepted; 3 s leave its webhook time to be committed
    // on a loaded machine, still well before the answer (8 s).
    MetaLoop loop(late_answers(8000, 10, 3s));
    sync_catalogue(loop);
    const auto result =
        loop.api_post("/api/messages/template", order_update_request("+34600000902"));
    REQUIRE(result);
    INFO(result->body);
    CHECK(result->status == 200);
    const auto message = json_of(result)["message"];
    const auto sent = loop.sim_get("/_sim/sends")["sends"];
    REQUIRE(sent.size() == 1);
    CHECK(message["wamid"] == sent[0]["wamid"]);
    CHECK(message["status"] != "unknown");
    CHECK(
        eventually([&] { return loop.text("SELECT status" + where_id(message)) == "delivered"; }));
    CHECK(sim_sends(loop) == 1);
}

TEST_CASE("a send refused with a retryable error is answered queued at once and retried once "
          "off the request thread") {
    MetaLoopOptions options;
    // No reads: a read status could replace `delivered` between two looks of a slow poll.
    options.sim_config = {{"rate_429_percent", 100}, {"read_percent", 0}};
    // The loop's usual retries (2-20 ms apart, 40 attempts) can all be spent on a loaded machine
    // before this test turns the refusals off; 100-200 ms apart (the first 50-100 ms), 300
    // attempts last at least 30 s, beyond the test's own waits.
    options.adjust_client = [](MetaClientOptions& client) {
        client.retry.base_delay = std::chrono::milliseconds(100);
        client.retry.max_delay = std::chrono::milliseconds(200);
        client.retry.max_attempts = 300;
    };
    MetaLoop loop(options);
    sync_catalogue(loop);
    const auto result =
        loop.api_post("/api/messages/template", order_update_request("+34600000903"));
    REQUIRE(result);
    INFO(result->body);
    REQUIRE(result->status == 202);
    const auto message = json_of(result)["message"];
    CHECK(message["status"] == "queued");
    CHECK(message["attempts"] == 1);
    CHECK(message["error"]["code"] == 130429);
    CHECK(sim_sends(loop) == 0);

    loop.sim_post("/_sim/config", {{"rate_429_percent", 0}});
    const auto where = where_id(message);
    CHECK(eventually([&] { return loop.text("SELECT status" + where) == "delivered"; }));
    const auto sent = loop.sim_get("/_sim/sends")["sends"];
    REQUIRE(sent.size() == 1);
    CHECK(loop.text("SELECT wamid" + where) == sent[0]["wamid"].get<std::string>());
    CHECK(loop.count("SELECT send_attempts" + where) > 1);
}

namespace {

// The message a send request stores before calling Meta, as a run that then stopped left it:
// `pending` with its Graph request (our id as biz_opaque_callback_data).
std::int64_t stored_send(MetaLoop& loop, const std::string& to) {
    auto db = loop.services().pool.acquire();
    const auto customer = create_customer(*db, std::nullopt, to, "", now_seconds());
    OutboundMessage message;
    message.customer_id = customer;
    message.kind = "template";
    message.template_name = "order_update";
    const auto id = insert_outbound_message(*db, message, now_seconds());
    TemplateMessage order{to,
                          "order_update",
                          "es_MX",
                          {{"", "Ana"}, {"", "A-1043"}},
                          {{0, ButtonKind::quick_reply, "C42|YES"}, {2, ButtonKind::url, "A-1043"}},
                          {}};
    auto request = template_payload(order);
    request["biz_opaque_callback_data"] = callback_data_for_message(id);
    set_send_request(*db, id, request.dump());
    return id;
}

// The message queued again after a first attempt Meta refused for now (130429), due at once.
void queue_for_retry(MetaLoop& loop, std::int64_t id) {
    auto db = loop.services().pool.acquire();
    record_send_queued(*db, id, {130429, "throughput", "", true},
                       "waiting to be sent again: Meta refused it for now", 1, 0);
}

std::string stored_request(MetaLoop& loop, std::int64_t id) {
    return loop.text("SELECT request FROM message_requests WHERE message_id = " +
                     std::to_string(id));
}

// What reached Meta before the stop: the stored request, posted to the simulator directly.
std::string post_to_meta(MetaLoop& loop, const std::string& request) {
    httplib::Client graph("127.0.0.1", loop.sim().port());
    const auto answer =
        graph.Post("/v21.0/1000000001/messages", {{"Authorization", "Bearer loop-access-token"}},
                   request, "application/json");
    REQUIRE(answer);
    REQUIRE(answer->status == 200);
    return nlohmann::json::parse(answer->body)["messages"][0]["id"].get<std::string>();
}

} // namespace

TEST_CASE("a message a stopped server left pending is unknown at start-up and its status "
          "webhook names it without a second send") {
    MetaLoopOptions options;
    options.start_send_worker = false;
    options.sim_config = {{"read_percent", 0}};
    MetaLoop loop(options);
    const auto id = stored_send(loop, "+34600000904");
    const auto where = " FROM messages WHERE id = " + std::to_string(id);

    loop.start_send_worker();
    CHECK(loop.text("SELECT status" + where) == "unknown");
    CHECK(loop.text("SELECT status_reason" + where).find("server stopped") != std::string::npos);
    const auto state = json_of(loop.api_get("/api/messages/" + std::to_string(id)));
    CHECK(state["message"]["status"] == "unknown");

    // Meta had it: its statuses carry our id and name the message.
    const auto wamid = post_to_meta(loop, stored_request(loop, id));
    CHECK(eventually([&] { return loop.text("SELECT status" + where) == "delivered"; }));
    CHECK(loop.text("SELECT wamid" + where) == wamid);
    CHECK(loop.text("SELECT status_reason" + where).find("named by Meta") != std::string::npos);
    CHECK(sim_sends(loop) == 1);
}

TEST_CASE("a queued message survives a restart and the worker sends it once") {
    MetaLoopOptions options;
    options.start_send_worker = false;
    options.sim_config = {{"read_percent", 0}};
    MetaLoop loop(options);
    const auto id = stored_send(loop, "+34600000905");
    queue_for_retry(loop, id);
    const auto where = " FROM messages WHERE id = " + std::to_string(id);
    loop.start_send_worker();
    CHECK(eventually([&] { return loop.text("SELECT status" + where) == "delivered"; }));
    const auto sent = loop.sim_get("/_sim/sends")["sends"];
    REQUIRE(sent.size() == 1);
    CHECK(loop.text("SELECT wamid" + where) == sent[0]["wamid"].get<std::string>());
    CHECK(loop.count("SELECT send_attempts" + where) == 2);
    CHECK(loop.text("SELECT status_reason IS NULL" + where) == "1");
}

TEST_CASE("a queued message whose stored request is cut short or missing fails without reaching "
          "Meta") {
    MetaLoopOptions options;
    options.start_send_worker = false;
    MetaLoop loop(options);
    const auto cut = stored_send(loop, "+34600000909");
    const auto missing = stored_send(loop, "+34600000910");
    for (const auto id : {cut, missing}) {
        queue_for_retry(loop, id);
    }
    {
        auto db = loop.services().pool.acquire();
        db->exec("UPDATE message_requests SET request = substr(request, 1, 40) WHERE "
                 "message_id = " +
                 std::to_string(cut));
        db->exec("DELETE FROM message_requests WHERE message_id = " + std::to_string(missing));
    }
    // Whole requests still go: a third one, queued the same way, is sent.
    const auto whole = stored_send(loop, "+34600000911");
    queue_for_retry(loop, whole);
    loop.start_send_worker();
    for (const auto id : {cut, missing}) {
        const auto where = " FROM messages WHERE id = " + std::to_string(id);
        CHECK(eventually([&] { return loop.text("SELECT status" + where) == "failed"; }));
        CHECK(loop.text("SELECT error_title" + where) == "the stored request could not be read");
    }
    // The whole one reaches Meta (it is `pending` before it does: the simulator's log says).
    CHECK(eventually([&] { return sim_sends(loop) == 1; }));
    const auto sent = loop.sim_get("/_sim/sends")["sends"];
    REQUIRE(sent.size() == 1);
    CHECK(sent[0]["request"]["biz_opaque_callback_data"] == callback_data_for_message(whole));
}

TEST_CASE("an unknown send no status resolves in time is shown unresolved with its reason and a "
          "late status still resolves it") {
    // The worker starts after the message is unknown: its sweep at start-up is the one that marks
    // it (a worker already running could sweep before or after the write, either way).
    MetaLoopOptions options;
    options.start_send_worker = false;
    MetaLoop loop(options);
    const auto id = stored_send(loop, "+34600000906");
    const auto two_hours_ago = now_seconds() - 2 * 60 * 60;
    {
        auto db = loop.services().pool.acquire();
        record_send_unknown(*db, id, "no answer from Meta after the request was sent (Read)", 1,
                            two_hours_ago);
    }
    loop.start_send_worker();
    // The default is 60 minutes.
    const auto where = " FROM messages WHERE id = " + std::to_string(id);
    REQUIRE(eventually([&] { return loop.text("SELECT status" + where) == "unresolved"; }));
    CHECK(loop.services().meta.sends.sweep(now_seconds()).unresolved == 0);
    const auto unresolved = loop.api_get("/api/messages/" + std::to_string(id));
    REQUIRE(unresolved);
    CHECK(unresolved->status == 202);
    const auto message = json_of(unresolved)["message"];
    CHECK(message["status"] == "unresolved");
    const auto reason = message["status_reason"].get<std::string>();
    CHECK(reason.find("no answer from Meta") != std::string::npos);
    CHECK(reason.find("no status from Meta in 120 minutes") != std::string::npos);

    const auto late = webhook_envelope(
        "messages", {{"messaging_product", "whatsapp"},
                     {"metadata", {{"phone_number_id", "1000000001"}}},
                     {"statuses",
                      {{{"id", "wamid.LATE-1"},
                        {"status", "delivered"},
                        {"timestamp", std::to_string(now_seconds())},
                        {"recipient_id", "34600000906"},
                        {"biz_opaque_callback_data", callback_data_for_message(id)}}}}});
    const auto body = late.dump();
    const auto posted = loop.server().client().Post(
        "/webhook", {{"X-Hub-Signature-256", webhook_signature(kLoopAppSecret, body)}}, body,
        "application/json");
    REQUIRE(posted);
    CHECK(posted->status == 200);
    const auto resolved = loop.api_get("/api/messages/" + std::to_string(id));
    REQUIRE(resolved);
    CHECK(resolved->status == 200);
    CHECK(json_of(resolved)["message"]["status"] == "delivered");
    CHECK(json_of(resolved)["message"]["wamid"] == "wamid.LATE-1");
    CHECK(sim_sends(loop) == 0);
}

TEST_CASE("unknown sends become unresolved after the configured time, not the default hour") {
    MetaLoopOptions options;
    options.start_send_worker = false;
    options.adjust_config = [](ServerConfig& config) { config.meta.unresolved_after_minutes = 15; };
    MetaLoop loop(options);
    const auto overdue = stored_send(loop, "+34600000907");
    const auto recent = stored_send(loop, "+34600000908");
    const auto now = now_seconds();
    {
        auto db = loop.services().pool.acquire();
        record_send_unknown(*db, overdue, "no answer from Meta after the request was sent (Read)",
                            1, now - 16 * 60);
        record_send_unknown(*db, recent, "no answer from Meta after the request was sent (Read)", 1,
                            now - 14 * 60);
    }
    // The worker sweeps when it starts, then every minute.
    loop.start_send_worker();
    const auto overdue_where = " FROM messages WHERE id = " + std::to_string(overdue);
    REQUIRE(eventually([&] { return loop.text("SELECT status" + overdue_where) == "unresolved"; }));
    CHECK(loop.text("SELECT status_reason" + overdue_where)
              .find("no status from Meta in 16 "
                    "minutes") != std::string::npos);
    CHECK(loop.text("SELECT status FROM messages WHERE id = " + std::to_string(recent)) ==
          "unknown");
    // A sweep a minute later takes the other one too.
    CHECK(loop.services().meta.sends.sweep(now + 60).unresolved == 1);
    CHECK(loop.text("SELECT status FROM messages WHERE id = " + std::to_string(recent)) ==
          "unresolved");
    CHECK(sim_sends(loop) == 0);
}
