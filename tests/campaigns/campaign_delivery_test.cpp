// Campaign delivery's later rules through the whole loop: replies tied to their recipient, opt-out
// by Meta's signals (131050, user_preferences), the daily messaging limit pausing and resuming,
// and Retry failed through the review. The simulator plays Meta and the customers.
#include "campaign_loop_support.hpp"
#include "server/clock.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::testing;
using json = nlohmann::json;

namespace {

std::string phone_of(int index) {
    return "+34622" + std::to_string(300001 + index);
}
std::string wa_id_of(int index) {
    return phone_of(index).substr(1);
}

// An order_update (utility) campaign to recipients 0..count-1.
std::int64_t order_campaign(MetaLoop& loop, const std::string& name, int count) {
    std::string csv = "phone,name,Var1,Var2,Button 3 var\n";
    for (int i = 0; i < count; ++i) {
        csv += phone_of(i) + ",Cliente " + std::to_string(i) + ",Cliente,P-" + std::to_string(i) +
               ",P-" + std::to_string(i) + "\n";
    }
    return confirm_draft(loop, csv_draft(loop, "order_update", "es_MX", name, csv));
}

// A promo_rebajas (marketing) draft: a header variable, three body variables, a URL button's.
std::string promo_draft(MetaLoop& loop, const std::string& name, int first, int count) {
    std::string csv = "phone,name,Header var1,Var1,Var2,Var3,Button 3 var\n";
    for (int i = first; i < first + count; ++i) {
        csv += phone_of(i) + ",Cliente " + std::to_string(i) + ",Ana " + std::to_string(i) +
               ",Ana,30%,zapatos " + std::to_string(i) + ",verano-" + std::to_string(i) + "\n";
    }
    return csv_draft(loop, "promo_rebajas", "es_MX", name, csv);
}

json history_row(MetaLoop& loop, std::int64_t campaign) {
    const auto page = json_of(loop.api_get("/api/tables/campaigns?page_size=100"));
    for (const auto& row : page["rows"]) {
        if (row["id"] == campaign) {
            return row;
        }
    }
    return json();
}

json detail_rows(MetaLoop& loop, std::int64_t campaign) {
    return json_of(loop.api_get("/api/tables/campaign_recipients?page_size=100&campaign=" +
                                std::to_string(campaign)))["rows"];
}

std::string wamid_sent_to(MetaLoop& loop, const std::string& wa_id) {
    return loop.text("SELECT m.wamid FROM messages m JOIN customers c ON c.id = m.customer_id "
                     "WHERE c.wa_id = '" +
                     wa_id + "' AND m.direction = 'out' AND m.wamid IS NOT NULL");
}

std::int64_t opted_out(MetaLoop& loop, const std::string& wa_id) {
    return loop.count("SELECT COALESCE(MAX(opted_out), -1) FROM customers WHERE wa_id = '" + wa_id +
                      "'");
}

} // namespace

TEST_CASE("replies by quick reply, by context and by a message in the window mark their "
          "recipient, once") {
    MetaLoop loop;
    sync_catalogue(loop);
    loop.services().campaign_sender.start(loop.services());
    const auto campaign = order_campaign(loop, "Respuestas", 5);
    REQUIRE(eventually([&] { return campaign_status(loop, campaign) == "completed"; }));
    REQUIRE(eventually([&] {
        return loop.count("SELECT COUNT(*) FROM messages m JOIN campaign_recipients r ON "
                          "r.message_id = m.id WHERE m.wamid IS NOT NULL") == 5;
    }));
    // Recipient 0 taps the quick reply the campaign gave its button (row 1's payload).
    const auto log = loop.sim_get("/_sim/sends");
    std::string payload;
    for (const auto& send : log["sends"]) {
        if (send["to"] == phone_of(0)) {
            for (const auto& component : send["request"]["template"]["components"]) {
                if (component["type"] == "button" && component["sub_type"] == "quick_reply") {
                    payload = component["parameters"][0]["payload"].get<std::string>();
                }
            }
        }
    }
    REQUIRE(payload == "c" + std::to_string(campaign) + ".r2.b1");
    loop.sim_post("/_sim/inbound",
                  {{"from", wa_id_of(0)}, {"button", {{"payload", payload}, {"text", "Sí"}}}});
    // Recipient 1 answers quoting the template; recipient 2 just writes; 3 and 4 say nothing.
    loop.sim_post("/_sim/inbound", {{"from", wa_id_of(1)},
                                    {"text", "¿Cuándo llega?"},
                                    {"context_id", wamid_sent_to(loop, wa_id_of(1))}});
    loop.sim_post("/_sim/inbound", {{"from", wa_id_of(2)}, {"text", "Gracias"}});
    loop.sim_post("/_sim/inbound", {{"from", wa_id_of(2)}, {"text", "Otra vez"}});
    // Someone who got no campaign writes too: nobody else's recipient is touched.
    loop.sim_post("/_sim/inbound", {{"from", "34622399999"}, {"text", "Hola"}});
    REQUIRE(eventually([&] { return history_row(loop, campaign)["replied"] == 3; }));
    const auto rows = detail_rows(loop, campaign);
    for (int i = 0; i < 5; ++i) {
        INFO(i);
        CHECK(rows[i]["replied_at"].is_number() == (i < 3));
    }
    // Outside the reply window a plain message is not a reply.
    loop.count("INSERT INTO settings (key, value, updated_at) VALUES "
               "('campaigns.reply_window_hours', '1', 0) RETURNING 1");
    loop.count("UPDATE messages SET created_at = created_at - 7200 WHERE direction = 'out' "
               "RETURNING 1");
    loop.sim_post("/_sim/inbound", {{"from", wa_id_of(3)}, {"text", "Tarde"}});
    REQUIRE(eventually([&] {
        return loop.count("SELECT COUNT(*) FROM messages m JOIN customers c ON c.id = "
                          "m.customer_id WHERE c.wa_id = '" +
                          wa_id_of(3) + "' AND m.direction = 'in'") == 1;
    }));
    CHECK(history_row(loop, campaign)["replied"] == 3);
    CHECK(
        loop.count("SELECT replied_count FROM campaign_counts WHERE campaign_id = " + std::to_string(campaign)) ==
        loop.count("SELECT COUNT(*) FROM campaign_recipients WHERE replied_at IS NOT NULL"));
}

TEST_CASE("Meta's 131050 and user_preferences opt a customer out of later campaigns, and resume "
          "opts them back in") {
    MetaLoop loop;
    sync_catalogue(loop);
    loop.services().campaign_sender.start(loop.services());
    loop.sim_post("/_sim/config", {{"marketing_stopped_numbers", json::array({wa_id_of(1)})}});
    const auto campaign = confirm_draft(loop, promo_draft(loop, "Promo", 0, 3));
    REQUIRE(eventually([&] { return campaign_status(loop, campaign) == "completed"; }));
    // Accepted, then failed by its status webhook with 131050: the customer is opted out.
    REQUIRE(eventually([&] { return opted_out(loop, wa_id_of(1)) == 1; }));
    CHECK(opted_out(loop, wa_id_of(0)) == 0);
    const auto rows = detail_rows(loop, campaign);
    CHECK(rows[1]["status"] == "failed");
    CHECK(rows[1]["error"].get<std::string>().rfind("131050", 0) == 0);

    // The user_preferences webhook: stop for recipient 2, and for a number we never had.
    auto stopped =
        loop.sim_post("/_sim/user_preferences", {{"wa_id", wa_id_of(2)}, {"value", "stop"}});
    INFO(stopped.dump());
    loop.sim_post("/_sim/user_preferences", {{"wa_id", wa_id_of(7)}, {"value", "stop"}});
    REQUIRE(eventually([&] { return opted_out(loop, wa_id_of(2)) == 1; }));
    REQUIRE(eventually([&] { return opted_out(loop, wa_id_of(7)) == 1; }));

    // The next campaign's review rejects all three with the reason.
    const auto next = promo_draft(loop, "Promo 2", 0, 8);
    const auto review = json_of(loop.api_post(next + "/review", json::object()))["review"];
    CHECK(review["messages"] == 5);
    CHECK(review["rejected"] == 3);
    const auto rejected = json_of(loop.api_get("/api/tables/draft_rejected?page_size=100&draft=" +
                                               next.substr(next.rfind('/') + 1)));
    REQUIRE(rejected["rows"].size() == 3);
    for (const auto& row : rejected["rows"]) {
        CHECK(row["reason"] == "The customer asked not to receive campaigns.");
    }

    // resume brings recipient 2 back.
    loop.sim_post("/_sim/user_preferences", {{"wa_id", wa_id_of(2)}, {"value", "resume"}});
    REQUIRE(eventually([&] { return opted_out(loop, wa_id_of(2)) == 0; }));
    const auto again = json_of(loop.api_post(next + "/review", json::object()))["review"];
    CHECK(again["messages"] == 6);
}

TEST_CASE("the daily messaging limit pauses a campaign visibly and it goes on when the limit "
          "rises or the window moves") {
    MetaLoop loop;
    sync_catalogue(loop);
    loop.services().campaign_sender.start(loop.services());
    // Meta moves the portfolio to a limit that leaves room for 4 more customers today
    // (business_capability_update); the fixture's agents sent templates today already.
    const auto reached_before = loop.count(
        "SELECT COUNT(DISTINCT customer_id) FROM messages WHERE direction = 'out' AND kind = "
        "'template' AND status != 'failed' AND created_at >= " +
        std::to_string(now_seconds() - 86400));
    const auto limit = reached_before + 4;
    loop.sim_post("/_sim/capability", {{"max_daily_conversations_per_business", limit}});
    REQUIRE(eventually([&] {
        return loop.text("SELECT value FROM settings WHERE key = 'meta.daily_limit_customers'") ==
               std::to_string(limit);
    }));
    const auto campaign = order_campaign(loop, "Con límite", 7);
    REQUIRE(eventually([&] { return campaign_status(loop, campaign) == "paused"; }));
    // What was queued before the pause goes out; then nothing more.
    REQUIRE(eventually([&] {
        return loop.count("SELECT COUNT(*) FROM messages m JOIN campaign_recipients r ON "
                          "r.message_id = m.id WHERE r.campaign_id = " +
                          std::to_string(campaign) +
                          " AND (m.status = 'queued' OR m.status = 'pending')") == 0;
    }));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(sends_by_number(loop).size() == 4);
    const auto paused = history_row(loop, campaign);
    CHECK(paused["status"] == "paused");
    // It resumes when the oldest of the day's templates is a day old.
    CHECK(paused["resume_at"].get<std::int64_t>() ==
          loop.count("SELECT MIN(created_at) FROM messages WHERE direction = 'out' AND kind = "
                     "'template' AND status != 'failed' AND created_at >= " +
                     std::to_string(now_seconds() - 86400)) +
              86400);
    CHECK(paused["pause_reason"].get<std::string>().find(
              "daily messaging limit of " + std::to_string(limit)) != std::string::npos);
    // Nothing failed for the limit: the excess waits instead (Meta's 131048 never came).
    CHECK(loop.count("SELECT COUNT(*) FROM messages WHERE error_code = 131048") == 0);

    SECTION("the limit rises") {
        loop.sim_post("/_sim/capability",
                      {{"max_daily_conversations_per_business", reached_before + 250}});
        REQUIRE(eventually([&] { return campaign_status(loop, campaign) == "completed"; }));
        CHECK(sends_by_number(loop).size() == 7);
        CHECK(loop.text("SELECT value FROM settings WHERE key = 'meta.messaging_limit_tier'") ==
              (reached_before + 250 <= 250 ? "\"TIER_250\"" : "\"TIER_2K\""));
    }
    SECTION("the 24-hour window moves past the first sends") {
        // A day passes for what was sent (the simulator's own limit is lifted: its clock is real).
        loop.sim_post("/_sim/config", {{"daily_limit", 0}});
        loop.count("UPDATE messages SET created_at = created_at - 86401 WHERE direction = 'out' "
                   "RETURNING 1");
        loop.count("UPDATE campaigns SET resume_at = " + std::to_string(now_seconds()) +
                   " WHERE id = " + std::to_string(campaign) + " RETURNING 1");
        loop.services().campaign_sender.wake();
        REQUIRE(eventually([&] { return campaign_status(loop, campaign) == "completed"; }));
        CHECK(sends_by_number(loop).size() == 7);
    }
    for (const auto& [number, sends] : sends_by_number(loop)) {
        INFO(number);
        CHECK(sends == 1);
    }
}

TEST_CASE("retry failed makes a new campaign of the retryable failures only, through the "
          "review, with the same text") {
    MetaLoop loop;
    sync_catalogue(loop);
    loop.services().campaign_sender.start(loop.services());
    // 0 is delivered; 1 hits Meta's marketing cap (131049); 2 stopped marketing (131050);
    // 3 is not on WhatsApp (131026).
    loop.sim_post("/_sim/config", {{"marketing_capped_numbers", json::array({wa_id_of(1)})},
                                   {"marketing_stopped_numbers", json::array({wa_id_of(2)})},
                                   {"unreachable_numbers", json::array({wa_id_of(3)})}});
    const auto campaign = confirm_draft(loop, promo_draft(loop, "Rebajas", 0, 4));
    REQUIRE(eventually([&] { return campaign_status(loop, campaign) == "completed"; }));
    REQUIRE(eventually([&] { return history_row(loop, campaign)["failed"] == 3; }));
    const auto retry_path = "/api/campaigns/" + std::to_string(campaign) + "/retry-failed";

    // Within 24 hours of the cap nothing can go again.
    auto refused = loop.api_post(retry_path, json::object());
    REQUIRE(refused);
    INFO(refused->body);
    CHECK(refused->status == 422);
    CHECK(json_of(refused)["error"]["code"] == "nothing_to_retry");
    CHECK(loop.count("SELECT COUNT(*) FROM campaign_drafts") == 0);

    // A day later the capped one may: a draft of that one recipient, reviewed.
    loop.count("UPDATE messages SET failed_at = failed_at - 86401 WHERE error_code = 131049 "
               "RETURNING 1");
    auto retried = loop.api_post(retry_path, json::object());
    REQUIRE(retried);
    INFO(retried->body);
    REQUIRE(retried->status == 201);
    const auto answer = json_of(retried);
    CHECK(answer["retry"]["recipients"] == 1);
    CHECK(answer["retry"]["held_back"].size() == 2);
    CHECK(answer["draft"]["settings"]["name"] == "Rebajas (retry)");
    CHECK(answer["draft"]["review"]["messages"] == 1);
    const auto draft =
        "/api/campaign-drafts/" + std::to_string(answer["draft"]["id"].get<std::int64_t>());
    const auto messages = json_of(loop.api_get("/api/tables/draft_messages?page_size=10&draft=" +
                                               std::to_string(answer["draft"]["id"].get<int>())));
    REQUIRE(messages["rows"].size() == 1);
    CHECK(messages["rows"][0]["phone"] == phone_of(1));
    // The same text as the first time (header, body and button values read back).
    CHECK(messages["rows"][0]["text"] ==
          loop.text("SELECT rendered_text FROM campaign_recipients WHERE row_number = 3 AND "
                    "campaign_id = " +
                    std::to_string(campaign)));

    loop.sim_post("/_sim/config", {{"marketing_capped_numbers", json::array()}});
    const auto second = confirm_draft(loop, draft);
    CHECK(loop.count("SELECT retry_of FROM campaigns WHERE id = " + std::to_string(second)) ==
          campaign);
    REQUIRE(eventually([&] { return campaign_status(loop, second) == "completed"; }));
    REQUIRE(eventually([&] { return history_row(loop, second)["delivered"] == 1; }));
    const auto counts = sends_by_number(loop);
    CHECK(counts.at(phone_of(1)) == 2);
    CHECK(counts.at(phone_of(0)) == 1);
    CHECK(counts.at(phone_of(2)) == 1);
    CHECK(counts.at(phone_of(3)) == 1);
    // What went the second time carries the same parameters (the URL button's value too).
    const auto log = loop.sim_get("/_sim/sends");
    json first_request;
    json second_request;
    for (const auto& send : log["sends"]) {
        if (send["to"] == phone_of(1)) {
            (first_request.is_null() ? first_request : second_request) = send["request"];
        }
    }
    CHECK(first_request["template"]["components"].dump().find("verano-1") != std::string::npos);
    CHECK(second_request["template"]["components"].dump().find("verano-1") != std::string::npos);
    CHECK(second_request["template"]["components"].dump().find("Ana 1") != std::string::npos);

    auto missing = loop.api_post("/api/campaigns/999999/retry-failed", json::object());
    REQUIRE(missing);
    CHECK(missing->status == 404);
}
