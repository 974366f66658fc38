// Webhook bodies shaped like Meta's documentation become messages, statuses and template changes.
#include "server/meta/webhook_payload.hpp"
#include "test_data.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using waconsole::testing::read_test_json;

TEST_CASE("an inbound text gives its sender, profile name, time and body") {
    const auto batch = parse_webhook(read_test_json("webhook_text.json").dump()).value();
    REQUIRE(batch.messages.size() == 1);
    const auto& item = batch.messages[0];
    CHECK(item.from == "34600000001");
    CHECK(item.profile_name == "Zoë Ñúñez");
    CHECK(item.message.wamid == "wamid.IN-TEXT-1");
    CHECK(item.message.kind == "text");
    CHECK(item.message.timestamp == 1700000000);
    CHECK(item.message.body == "Hola, ¿dónde está mi pedido?");
    CHECK_FALSE(item.message.context_wamid);
    CHECK(batch.statuses.empty());
}

TEST_CASE("a template quick-reply tap keeps the template's wamid as context and the payload") {
    const auto batch = parse_webhook(read_test_json("webhook_button.json").dump()).value();
    REQUIRE(batch.messages.size() == 1);
    const auto& message = batch.messages[0].message;
    CHECK(message.kind == "button");
    CHECK(message.body == "Sí");
    CHECK(message.payload == std::optional<std::string>("C42|YES"));
    CHECK(message.context_wamid == std::optional<std::string>("wamid.OUT-TEMPLATE-1"));
}

TEST_CASE("interactive button and list replies give their title and id") {
    const auto batch = parse_webhook(read_test_json("webhook_interactive.json").dump()).value();
    REQUIRE(batch.messages.size() == 2);
    CHECK(batch.messages[0].message.body == "Sales");
    CHECK(batch.messages[0].message.payload == std::optional<std::string>("menu-1"));
    CHECK(batch.messages[1].message.body == "Support");
    CHECK(batch.messages[1].message.payload == std::optional<std::string>("row-2"));
}

TEST_CASE("media messages become a placeholder line, with the caption when there is one") {
    const auto batch = parse_webhook(read_test_json("webhook_image.json").dump()).value();
    REQUIRE(batch.messages.size() == 2);
    CHECK(batch.messages[0].message.body == "[image] broken box");
    CHECK(batch.messages[0].message.kind == "image");
    CHECK(batch.messages[1].message.body == "[audio]");
}

TEST_CASE("statuses give their time, pricing and Meta's error") {
    const auto batch = parse_webhook(read_test_json("webhook_statuses.json").dump()).value();
    REQUIRE(batch.statuses.size() == 3);
    CHECK(batch.statuses[0].wamid == "wamid.OUT-1");
    CHECK(batch.statuses[0].status == "sent");
    CHECK(batch.statuses[0].timestamp == 1700000010);
    CHECK(batch.statuses[0].pricing_category == std::optional<std::string>("utility"));
    CHECK(batch.statuses[0].billable == std::optional<bool>(true));
    CHECK(batch.statuses[1].status == "delivered");
    const auto& failed = batch.statuses[2];
    CHECK(failed.status == "failed");
    CHECK(failed.error_code == std::optional<int>(131026));
    CHECK(failed.error_title == "Message undeliverable");
    CHECK(failed.error_details == "Message Undeliverable.");
    CHECK(failed.recipient_id == "34600000002");
}

TEST_CASE("every entry and change of one POST is read, unknown fields are ignored") {
    const auto batch = parse_webhook(read_test_json("webhook_multi.json").dump()).value();
    REQUIRE(batch.statuses.size() == 1);
    CHECK(batch.statuses[0].status == "read");
    REQUIRE(batch.messages.size() == 1);
    CHECK(batch.messages[0].profile_name == "Mateo");
    REQUIRE(batch.template_changes.size() == 1);
    CHECK(batch.template_changes[0].status == "PAUSED");
    CHECK(batch.template_changes[0].meta_id == "1402761960000001");
    CHECK(batch.template_changes[0].name == "order_update");
    CHECK(batch.template_changes[0].language == "es_MX");
}

TEST_CASE("a body for another product or with broken parts gives nothing to store") {
    CHECK(parse_webhook(R"({"object":"page","entry":[]})").value().messages.empty());
    const auto broken =
        parse_webhook(
            R"({"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages",
            "value":{"messages":[{"type":"text"}],"statuses":[{"status":"sent"}]}}]},
            {"changes":"nope"}, 3]})")
            .value();
    CHECK(broken.messages.empty());
    CHECK(broken.statuses.empty());
}

TEST_CASE("user_preferences give each customer's stop or resume of marketing") {
    const auto batch = parse_webhook(R"({
      "object":"whatsapp_business_account","entry":[{"id":"2000000001","changes":[{
        "field":"messages","value":{"messaging_product":"whatsapp",
          "metadata":{"display_phone_number":"15550001234","phone_number_id":"1000000001"},
          "contacts":[{"wa_id":"34600000001","profile":{"name":"Zoë"}}],
          "user_preferences":[
            {"wa_id":"34600000001","detail":"User requested to stop marketing messages",
             "category":"marketing_messages","value":"stop","timestamp":1700000000},
            {"wa_id":"34600000002","category":"marketing_messages","value":"resume",
             "timestamp":"1700000100"},
            {"category":"marketing_messages","value":"stop"}]}}]}]})")
                           .value();
    REQUIRE(batch.preferences.size() == 2);
    CHECK(batch.preferences[0].wa_id == "34600000001");
    CHECK(batch.preferences[0].value == "stop");
    CHECK(batch.preferences[0].category == "marketing_messages");
    CHECK(batch.preferences[0].timestamp == 1700000000);
    CHECK(batch.preferences[1].value == "resume");
    CHECK(batch.preferences[1].timestamp == 1700000100);
    CHECK(batch.messages.empty());
}

TEST_CASE("business_capability_update gives the daily limit, 0 meaning none") {
    auto capability = [](const std::string& value) {
        return parse_webhook(
                   R"({"object":"whatsapp_business_account","entry":[{"id":"2000000001","changes":[{
              "field":"business_capability_update","value":{
                "max_daily_conversations_per_business":)" +
                   value + R"(,"max_phone_numbers_per_business":2}}]}]})")
            .value();
    };
    const auto two_thousand = capability("2000").daily_limit;
    REQUIRE(two_thousand);
    CHECK(two_thousand->customers == std::optional<std::int64_t>(2000));
    CHECK(two_thousand->tier == "TIER_2K");
    const auto none = capability("0").daily_limit;
    REQUIRE(none);
    CHECK_FALSE(none->customers);
    CHECK(none->tier == "TIER_UNLIMITED");
    const auto tier = capability("\"TIER_10K\"").daily_limit;
    REQUIRE(tier);
    CHECK(tier->tier == "TIER_10K");
    CHECK(tier->customers == std::optional<std::int64_t>(10000));
    CHECK_FALSE(capability("-5").daily_limit);
    CHECK_FALSE(capability("null").daily_limit);
}

TEST_CASE("a body that is not a JSON object is refused and a large one is read whole") {
    CHECK_FALSE(parse_webhook(R"({"object":"whatsapp_business_account","entry":[)"));
    CHECK_FALSE(parse_webhook(R"([{"object":"whatsapp_business_account"}])"));
    CHECK_FALSE(parse_webhook(R"("whatsapp_business_account")"));
    CHECK_FALSE(parse_webhook(""));
    CHECK_FALSE(parse_webhook("{\"object\":\"\xff\xfe\"}")); // not UTF-8

    // Past the 64 KiB a thread's kept parser takes: 2,000 statuses, each one read.
    nlohmann::json statuses = nlohmann::json::array();
    for (int i = 0; i < 2000; ++i) {
        statuses.push_back({{"id", "wamid.BIG-" + std::to_string(i)},
                            {"status", "delivered"},
                            {"timestamp", 1700000000 + i},
                            {"recipient_id", "34600000001"},
                            {"biz_opaque_callback_data", "waconsole:" + std::to_string(i + 1)},
                            {"errors", {{{"code", 131026}, {"title", "Message undeliverable"}}}}});
    }
    const nlohmann::json body = {
        {"object", "whatsapp_business_account"},
        {"entry",
         {{{"changes",
            {{{"field", "messages"},
              {"value",
               {{"metadata", {{"phone_number_id", "1000000001"}}},
                {"statuses", statuses},
                {"errors", {{{"code", 131000}, {"title", "Something went wrong"}}}}}}}}}}}}};
    const auto text = body.dump();
    REQUIRE(text.size() > 64 * 1024);
    const auto batch = parse_webhook(text, "1000000001").value();
    REQUIRE(batch.statuses.size() == 2000);
    CHECK(batch.statuses[1999].wamid == "wamid.BIG-1999");
    CHECK(batch.statuses[1999].timestamp == 1700001999); // a number, not a string
    CHECK(batch.statuses[1999].message_id == std::optional<std::int64_t>(2000));
    CHECK(batch.statuses[1999].error_code == 131026);
    CHECK(batch.statuses[1999].error_title == "Message undeliverable");
    REQUIRE(batch.account_errors.size() == 1);
    CHECK(batch.account_errors[0] == "131000 Something went wrong");
    // The same thread reads a small body after it, with its kept parser.
    CHECK(parse_webhook(read_test_json("webhook_statuses.json").dump()).value().statuses.size() ==
          read_test_json("webhook_statuses.json")["entry"][0]["changes"][0]["value"]["statuses"]
              .size());
}
