// Status webhooks after a send: Meta's envelope, the signature, the sent -> delivered -> read
// chain, failures 131026 and 131047, and retries when the server does not answer 200.
#include "metasim/signature.hpp"
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::metasim;
using namespace waconsole::test;
using namespace std::chrono_literals;

TEST_CASE("the simulator's HMAC matches the RFC 4231 test vector", "[metasim][webhooks]") {
    CHECK(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("webhook signatures verify with the app secret and fail with another",
          "[metasim][webhooks]") {
    SimFixture sim;
    const std::string wamid = accepted_wamid(sim, order_update_send("+34600000001"));
    REQUIRE(sim.receiver.wait_for(has_statuses(wamid, 1)));
    for (const auto& hook : sim.receiver.received()) {
        CHECK(hook.signature_valid);
        CHECK(hook.signature.rfind("sha256=", 0) == 0);
        CHECK(hook.signature != "sha256=" + reference_hmac_hex("another-secret", hook.body));
    }
}

TEST_CASE("an accepted send is followed by sent, delivered and read in Meta's envelope",
          "[metasim][webhooks]") {
    SimFixture sim;
    const std::string wamid = accepted_wamid(sim, order_update_send("+52 55 1234 5678"));
    REQUIRE(sim.receiver.wait_for(has_statuses(wamid, 3)));
    const auto hooks = sim.receiver.received();
    const auto statuses = statuses_of(hooks, wamid);
    CHECK(status_names(statuses) == std::vector<std::string>{"sent", "delivered", "read"});

    const json& envelope = hooks.front().parsed;
    CHECK(envelope["object"] == "whatsapp_business_account");
    CHECK(envelope["entry"][0]["id"] == "2000000001");
    const json& change = envelope["entry"][0]["changes"][0];
    CHECK(change["field"] == "messages");
    CHECK(change["value"]["messaging_product"] == "whatsapp");
    CHECK(change["value"]["metadata"]["phone_number_id"] == "1000000001");
    CHECK(change["value"]["metadata"].contains("display_phone_number"));

    const json& sent = statuses[0];
    CHECK(sent["recipient_id"] == "5215512345678");
    CHECK(sent["timestamp"].is_string());
    CHECK(std::stoll(sent["timestamp"].get<std::string>()) > 1'600'000'000);
    // Webhooks v24.0: per-message pricing and no conversation object.
    CHECK_FALSE(sent.contains("conversation"));
    CHECK(sent["pricing"] == json{{"billable", true},
                                  {"pricing_model", "PMP"},
                                  {"type", "regular"},
                                  {"category", "utility"}});
    CHECK(statuses[1]["pricing"]["pricing_model"] == "PMP"); // delivered
    CHECK_FALSE(statuses[2].contains("pricing"));            // read: priced already
}

TEST_CASE("read_percent 0 leaves messages delivered but never read", "[metasim][webhooks]") {
    SimFixture sim([](SimOptions& options) { options.config.read_percent = 0; });
    const std::string wamid = accepted_wamid(sim, order_update_send("+34600000001"));
    REQUIRE(sim.receiver.wait_for(has_statuses(wamid, 2)));
    std::this_thread::sleep_for(100ms); // a read would come 20 ms after delivered
    CHECK(status_names(statuses_of(sim.receiver.received(), wamid)) ==
          std::vector<std::string>{"sent", "delivered"});
}

TEST_CASE("a number not on WhatsApp fails with 131026", "[metasim][webhooks]") {
    SimFixture sim(
        [](SimOptions& options) { options.config.unreachable_numbers = {"34600000099"}; });
    // Configured, and the built-in rule (numbers ending in 0000).
    for (const char* to : {"+34 600 000 099", "+34600010000"}) {
        INFO(to);
        const std::string wamid = accepted_wamid(sim, order_update_send(to));
        REQUIRE(sim.receiver.wait_for(has_statuses(wamid, 1)));
        std::this_thread::sleep_for(60ms);
        const auto statuses = statuses_of(sim.receiver.received(), wamid);
        REQUIRE(statuses.size() == 1);
        CHECK(statuses[0]["status"] == "failed");
        const json& error = statuses[0]["errors"][0];
        CHECK(error["code"] == 131026);
        CHECK(error["title"] == "Message undeliverable");
        CHECK(error["message"] == "Message undeliverable");
        CHECK(error["error_data"]["details"].is_string());
        CHECK(error["href"] ==
              "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/");
    }
}

TEST_CASE("free text outside the 24-hour window fails with 131047 and inside it is delivered",
          "[metasim][webhooks][window]") {
    SimFixture sim;
    const std::string outside = accepted_wamid(sim, text_send("+34600000001", "¿Sigues ahí?"));
    REQUIRE(sim.receiver.wait_for(has_statuses(outside, 1)));
    const auto failed = statuses_of(sim.receiver.received(), outside);
    CHECK(failed[0]["status"] == "failed");
    CHECK(failed[0]["errors"][0]["code"] == 131047);
    CHECK(failed[0]["errors"][0]["title"] == "Re-engagement message");

    REQUIRE(sim.post("/_sim/inbound", {{"from", "34600000001"}, {"name", "Ana"}, {"text", "hola"}})
                ->status == 200);
    const std::string inside = accepted_wamid(sim, text_send("+34600000001", "¿En qué te ayudo?"));
    REQUIRE(sim.receiver.wait_for(has_statuses(inside, 2)));
    const auto statuses = statuses_of(sim.receiver.received(), inside);
    CHECK(status_names(statuses)[1] == "delivered");
    CHECK(statuses[0]["pricing"]["category"] == "service");
    CHECK(statuses[0]["pricing"]["billable"] == false);
}

TEST_CASE("a webhook the server does not answer with 200 is retried and counted",
          "[metasim][webhooks]") {
    SimFixture sim;
    sim.receiver.fail_next(2);
    const std::string wamid = accepted_wamid(sim, order_update_send("+34600000001"));
    REQUIRE(sim.receiver.wait_for(has_statuses(wamid, 3)));
    // The simulator counts an answer once it has read it, a moment after the receiver saw it.
    json counts;
    CHECK(sim.receiver.wait_for([&](const auto&) {
        counts = json::parse(sim.client->Get("/_sim/webhooks")->body);
        return counts["answered_200"] == 3;
    }));
    CHECK(counts["failed"] == 2);
    CHECK(counts["answered_200"] == 3);
    CHECK(counts["attempted"] == 5);
    CHECK(counts["gave_up"] == 0);
}

TEST_CASE("a webhook is given up after webhook_max_attempts failures", "[metasim][webhooks]") {
    SimFixture sim([](SimOptions& options) {
        options.config.webhook_max_attempts = 2;
        options.config.read_percent = 0;
    });
    sim.receiver.fail_next(1000);
    accepted_wamid(sim, order_update_send("+34600000001"));
    json counts;
    for (int i = 0; i < 200; ++i) {
        counts = json::parse(sim.client->Get("/_sim/webhooks")->body);
        if (counts["gave_up"] == 2) {
            break;
        }
        std::this_thread::sleep_for(10ms);
    }
    CHECK(counts["gave_up"] == 2); // sent and delivered, each tried twice
    CHECK(counts["attempted"] == 4);
    CHECK(counts["answered_200"] == 0);
}

TEST_CASE("biz_opaque_callback_data of a send is echoed in every one of its status webhooks",
          "[metasim][webhooks]") {
    SimFixture sim(
        [](SimOptions& options) { options.config.unreachable_numbers = {"34600000099"}; });
    json delivered = order_update_send("+34600000001");
    delivered["biz_opaque_callback_data"] = "waconsole:41";
    json undeliverable = order_update_send("+34600000099");
    undeliverable["biz_opaque_callback_data"] = "waconsole:42";
    const std::string read_wamid = accepted_wamid(sim, delivered);
    const std::string failed_wamid = accepted_wamid(sim, undeliverable);
    REQUIRE(sim.receiver.wait_for(has_statuses(read_wamid, 3)));
    REQUIRE(sim.receiver.wait_for(has_statuses(failed_wamid, 1)));
    const auto hooks = sim.receiver.received();
    for (const auto& status : statuses_of(hooks, read_wamid)) {
        INFO(status.dump());
        CHECK(status["biz_opaque_callback_data"] == "waconsole:41");
    }
    const auto failed = statuses_of(hooks, failed_wamid);
    CHECK(status_names(failed) == std::vector<std::string>{"failed"});
    CHECK(failed[0]["biz_opaque_callback_data"] == "waconsole:42");

    // A send without it gets statuses without it, and more than 512 characters is refused.
    const std::string plain = accepted_wamid(sim, order_update_send("+34600000002"));
    REQUIRE(sim.receiver.wait_for(has_statuses(plain, 1)));
    CHECK_FALSE(
        statuses_of(sim.receiver.received(), plain)[0].contains("biz_opaque_callback_data"));
    json too_long = order_update_send("+34600000003");
    too_long["biz_opaque_callback_data"] = std::string(513, 'x');
    const auto refused = sim.send(too_long);
    REQUIRE(refused);
    CHECK(refused->status == 400);
    CHECK(json::parse(refused->body)["error"]["code"] == 100);
}
