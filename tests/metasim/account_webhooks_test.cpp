// Control routes that make Meta's account-side webhooks: a customer's marketing preference
// (/_sim/user_preferences, value.user_preferences) and a new daily messaging limit
// (/_sim/capability, business_capability_update). Both change the simulator's own rules too.
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::metasim;
using namespace waconsole::test;
using namespace std::chrono_literals;

namespace {

std::int64_t now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The webhooks whose first change has `field`, in arrival order.
std::vector<ReceivedWebhook> with_field(SimFixture& sim, const std::string& field) {
    std::vector<ReceivedWebhook> found;
    for (const auto& hook : sim.receiver.received()) {
        if (hook.parsed["entry"][0]["changes"][0]["field"] == field) {
            found.push_back(hook);
        }
    }
    return found;
}

std::vector<json> preference_values(SimFixture& sim) {
    std::vector<json> values;
    for (const auto& hook : with_field(sim, "messages")) {
        const json& value = hook.parsed["entry"][0]["changes"][0]["value"];
        if (value.contains("user_preferences")) {
            CHECK(hook.signature_valid);
            values.push_back(value);
        }
    }
    return values;
}

json config_of(SimFixture& sim) {
    return json::parse(sim.client->Get("/_sim/config")->body);
}

// The code of the one failed status of a send, or 0 when it was delivered.
int outcome(SimFixture& sim, const json& body) {
    const std::string wamid = accepted_wamid(sim, body);
    REQUIRE(sim.receiver.wait_for(has_final_status(wamid)));
    // A moment more for any status that should not follow.
    std::this_thread::sleep_for(60ms);
    const auto statuses = statuses_of(sim.receiver.received(), wamid);
    if (statuses[0]["status"] == "failed") {
        CHECK(statuses.size() == 1);
        return statuses[0]["errors"][0]["code"];
    }
    CHECK(status_names(statuses) == std::vector<std::string>{"sent", "delivered", "read"});
    return 0;
}

json summer_sale(const std::string& to) {
    return template_send(to, "summer_sale", "en_US", {"Zoë", "20%"});
}

void check_refused(SimFixture& sim, const std::string& path, const std::string& body,
                   const std::string& code, const std::string& field) {
    INFO(path << " " << body);
    const auto res = sim.client->Post(path.c_str(), body, "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);
    const json error = json::parse(res->body)["error"];
    CHECK(error["code"] == code);
    if (!field.empty()) {
        CHECK(error["field"] == field);
    }
}

} // namespace

TEST_CASE("a customer's stop arrives as a user_preferences webhook and blocks marketing until "
          "resume",
          "[metasim][marketing][preferences]") {
    SimFixture sim;
    const auto stop = sim.post("/_sim/user_preferences",
                               {{"wa_id", "+52 55 1234 5678"}, {"value", "stop"}, {"name", "Zoë"}});
    REQUIRE(stop);
    REQUIRE(stop->status == 200);
    CHECK(json::parse(stop->body) == json{{"sent", true}});
    // Delivered before the answer.
    auto values = preference_values(sim);
    REQUIRE(values.size() == 1);
    const json& value = values[0];
    CHECK(value["messaging_product"] == "whatsapp");
    CHECK(value["metadata"]["phone_number_id"] == "1000000001");
    CHECK(value["metadata"].contains("display_phone_number"));
    CHECK(value["contacts"] ==
          json::array({{{"wa_id", "5215512345678"}, {"profile", {{"name", "Zoë"}}}}}));
    REQUIRE(value["user_preferences"].size() == 1);
    const json& preference = value["user_preferences"][0];
    CHECK(preference["wa_id"] == "5215512345678");
    CHECK(preference["detail"] == "User requested to stop marketing messages");
    CHECK(preference["category"] == "marketing_messages");
    CHECK(preference["value"] == "stop");
    REQUIRE(preference["timestamp"].is_number_integer());
    CHECK(std::abs(preference["timestamp"].get<std::int64_t>() - now_seconds()) <= 2);
    CHECK_FALSE(value.contains("messages"));
    CHECK_FALSE(value.contains("statuses"));

    CHECK(config_of(sim)["marketing_stopped_numbers"] == json{"5215512345678"});
    CHECK(outcome(sim, summer_sale("+52 55 1234 5678")) == 131050);
    CHECK(outcome(sim, order_update_send("+52 55 1234 5678")) == 0);

    const auto resume =
        sim.post("/_sim/user_preferences", {{"wa_id", "5215512345678"}, {"value", "resume"}});
    REQUIRE(resume);
    REQUIRE(resume->status == 200);
    values = preference_values(sim);
    REQUIRE(values.size() == 2);
    CHECK(values[1]["user_preferences"][0]["value"] == "resume");
    CHECK(values[1]["user_preferences"][0]["detail"] ==
          "User requested to resume marketing messages");
    // Without a name the profile name is the number, as for inbound messages.
    CHECK(values[1]["contacts"][0]["profile"]["name"] == "5215512345678");
    CHECK(config_of(sim)["marketing_stopped_numbers"] == json::array());
    CHECK(outcome(sim, summer_sale("+52 55 1234 5678")) == 0);
}

TEST_CASE("user_preferences refuses bad input with 400", "[metasim][preferences]") {
    SimFixture sim;
    const std::string path = "/_sim/user_preferences";
    check_refused(sim, path, R"({"value":"stop"})", "validation_failed", "wa_id");
    check_refused(sim, path, R"({"wa_id":34600000001,"value":"stop"})", "validation_failed",
                  "wa_id");
    check_refused(sim, path, R"({"wa_id":"123","value":"stop"})", "validation_failed", "wa_id");
    check_refused(sim, path, R"({"wa_id":"34600000001","value":"maybe"})", "validation_failed",
                  "value");
    check_refused(sim, path, R"({"wa_id":"34600000001"})", "validation_failed", "value");
    check_refused(sim, path, R"({"wa_id":"34600000001","value":"stop","name":7})",
                  "validation_failed", "name");
    check_refused(sim, path, "not json", "malformed_json", "");
    CHECK(preference_values(sim).empty());
    CHECK(config_of(sim)["marketing_stopped_numbers"] == json::array());
}

TEST_CASE("/_sim/capability sets the daily limit and sends business_capability_update",
          "[metasim][daily_limit][capability]") {
    SimFixture sim;
    const auto res = sim.post("/_sim/capability", {{"max_daily_conversations_per_business", 1000}});
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(json::parse(res->body) == json{{"sent", true}});
    const auto hooks = with_field(sim, "business_capability_update");
    REQUIRE(hooks.size() == 1);
    CHECK(hooks[0].signature_valid);
    const json& envelope = hooks[0].parsed;
    CHECK(envelope["object"] == "whatsapp_business_account");
    CHECK(envelope["entry"][0]["id"] == "2000000001");
    CHECK(std::abs(envelope["entry"][0]["time"].get<std::int64_t>() - now_seconds()) <= 2);
    CHECK(envelope["entry"][0]["changes"][0]["value"] ==
          json{{"max_daily_conversations_per_business", 1000},
               {"max_phone_numbers_per_business", 2}});
    CHECK(config_of(sim)["daily_limit"] == 1000);
    const json node = json::parse(
        sim.get("/v21.0/1000000001?fields=whatsapp_business_manager_messaging_limit")->body);
    CHECK(node["whatsapp_business_manager_messaging_limit"] == "TIER_2K");
    CHECK(node["max_daily_conversations_per_business"] == 1000);

    // The new limit applies to the next sends.
    REQUIRE(sim.post("/_sim/capability", {{"max_daily_conversations_per_business", 1}})->status ==
            200);
    CHECK(outcome(sim, order_update_send("+34600000301")) == 0);
    CHECK(outcome(sim, order_update_send("+34600000302")) == 131048);

    const std::string path = "/_sim/capability";
    check_refused(sim, path, "{}", "validation_failed", "max_daily_conversations_per_business");
    check_refused(sim, path, R"({"max_daily_conversations_per_business":-1})", "validation_failed",
                  "max_daily_conversations_per_business");
    check_refused(sim, path, R"({"max_daily_conversations_per_business":"250"})",
                  "validation_failed", "max_daily_conversations_per_business");
    check_refused(sim, path, R"({"max_daily_conversations_per_business":2.5})", "validation_failed",
                  "max_daily_conversations_per_business");
    check_refused(sim, path, "[1]", "malformed_json", "");
    CHECK(config_of(sim)["daily_limit"] == 1);
    CHECK(with_field(sim, "business_capability_update").size() == 2);
}

TEST_CASE("a capability webhook the server refuses answers 502 and is retried",
          "[metasim][capability]") {
    SimFixture sim;
    sim.receiver.fail_next(1);
    const auto res = sim.post("/_sim/capability", {{"max_daily_conversations_per_business", 250}});
    REQUIRE(res);
    CHECK(res->status == 502);
    const json error = json::parse(res->body)["error"];
    CHECK(error["code"] == "webhook_failed");
    CHECK(error["message"] == "the webhook answered HTTP 500");
    // The limit changed at "Meta" all the same, and the webhook comes again like Meta's.
    CHECK(config_of(sim)["daily_limit"] == 250);
    CHECK(sim.receiver.wait_for(
        [&](const auto&) { return with_field(sim, "business_capability_update").size() == 1; }));
    // The simulator counts an answer once it has read it, a moment after the receiver saw it.
    json counts;
    CHECK(sim.receiver.wait_for([&](const auto&) {
        counts = json::parse(sim.client->Get("/_sim/webhooks")->body);
        return counts["answered_200"] == 1;
    }));
    CHECK(counts["failed"] == 1);
    CHECK(counts["answered_200"] == 1);
}
