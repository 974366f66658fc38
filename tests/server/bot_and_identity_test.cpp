#include "center_fixture.hpp"
#include "server/center/bot.hpp"
#include "server/store/customer_identity_store.hpp"
#include "server/store/customers_store.hpp"
#include "server/store/settings_store.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using waconsole::testing::CenterFixture;
using json = nlohmann::json;

namespace {

int g_wamid = 0;

// One inbound message as Meta posts it; `contact` and `message` get the identity fields.
json inbound(const json& contact, json message) {
    message["id"] = "wamid.test-" + std::to_string(++g_wamid);
    message["timestamp"] = "1800000000";
    return {
        {"object", "whatsapp_business_account"},
        {"entry",
         json::array({{{"id", "WABA"},
                       {"changes", json::array({{{"field", "messages"},
                                                 {"value",
                                                  {{"messaging_product", "whatsapp"},
                                                   {"contacts", json::array({contact})},
                                                   {"messages", json::array({message})}}}}})}}})}};
}

json text_from(const std::string& wa_id, const std::string& text) {
    return inbound({{"profile", {{"name", "Ana"}}}, {"wa_id", wa_id}},
                   {{"from", wa_id}, {"type", "text"}, {"text", {{"body", text}}}});
}

BotListener ingest(CenterFixture& center, const json& body, std::int64_t now = 1'800'000'000) {
    BotListener bot;
    auto db = center.db();
    apply_webhook_batch(*db, parse_webhook(body.dump()).value(), now, &bot);
    return bot;
}

} // namespace

TEST_CASE("the bot sends the menu, re-prompts up to the limit, then stays silent, and a digit "
          "queues") {
    CenterFixture center;
    center.skillset("Sales", 1);
    const auto support = center.skillset("Support", 2);
    {
        auto db = center.db();
        BotSettings settings;
        settings.menu_intro = "Welcome!";
        settings.reprompt_limit = 1;
        save_bot_settings(*db, settings, 0);
    }
    auto outbound = [&] {
        return center.scalar("SELECT COUNT(*) FROM messages WHERE direction = 'out' AND status = "
                             "'queued' AND sent_by_user_id IS NULL");
    };
    CHECK(ingest(center, text_from("34600000001", "hola")).menus_queued == 1);
    CHECK(outbound() == 1);
    {
        auto db = center.db();
        auto menu = db->prepare("SELECT m.body, r.request FROM messages m JOIN message_requests r "
                                "ON r.message_id = m.id WHERE m.direction = 'out'");
        REQUIRE(menu.step());
        CHECK(menu.get_text(0) == "Welcome!\n1 - Sales\n2 - Support");
        const auto request = json::parse(menu.get_text(1));
        CHECK(request["to"] == "+34600000001");
        CHECK(request["type"] == "text");
    }
    CHECK(ingest(center, text_from("34600000001", "what?")).menus_queued == 1); // re-prompt
    CHECK(ingest(center, text_from("34600000001", "7")).menus_queued == 0);     // limit spent
    CHECK(outbound() == 2);
    CHECK(center.scalar("SELECT COUNT(*) FROM conversations WHERE state = 'bot'") == 1);
    const auto queued = ingest(center, text_from("34600000001", "2"));
    CHECK(queued.conversations_queued == 1);
    CHECK(center.scalar("SELECT skillset_id FROM conversations WHERE state = 'waiting'") ==
          support);
}

TEST_CASE("an interactive list reply counts as a menu choice") {
    CenterFixture center;
    const auto sales = center.skillset("Sales", 1);
    ingest(center, text_from("34600000002", "hi"));
    const json reply =
        inbound({{"profile", {{"name", "Ana"}}}, {"wa_id", "34600000002"}},
                {{"from", "34600000002"},
                 {"type", "interactive"},
                 {"interactive",
                  {{"type", "list_reply"}, {"list_reply", {{"id", "1"}, {"title", "Sales"}}}}}});
    CHECK(ingest(center, reply).conversations_queued == 1);
    CHECK(center.scalar("SELECT skillset_id FROM conversations WHERE state = 'waiting'") == sales);
}

TEST_CASE("a user who hides the phone is one customer by user id, and stays one when the phone "
          "appears") {
    CenterFixture center;
    const json hidden =
        inbound({{"profile", {{"name", "Ana"}, {"username", "ana.g"}}},
                 {"user_id", "US.111"},
                 {"parent_user_id", "US.P111"}},
                {{"from_user_id", "US.111"}, {"type", "text"}, {"text", {{"body", "hola"}}}});
    ingest(center, hidden);
    CHECK(center.scalar("SELECT COUNT(*) FROM customers") == 1);
    CHECK(center.scalar("SELECT COUNT(*) FROM customers WHERE phone IS NULL AND username = "
                        "'ana.g' AND parent_user_id = 'US.P111'") == 1);
    const json with_phone =
        inbound({{"profile", {{"name", "Ana"}}}, {"wa_id", "34600000003"}, {"user_id", "US.111"}},
                {{"from", "34600000003"},
                 {"from_user_id", "US.111"},
                 {"type", "text"},
                 {"text", {{"body", "again"}}}});
    ingest(center, with_phone);
    CHECK(center.scalar("SELECT COUNT(*) FROM customers") == 1);
    CHECK(center.scalar("SELECT COUNT(*) FROM customers WHERE wa_id = '34600000003' AND phone = "
                        "'+34600000003' AND user_id = 'US.111'") == 1);
    // Known only by username now: still the same person.
    const json by_username =
        inbound({{"profile", {{"name", "Ana"}, {"username", "ana.g"}}}},
                {{"type", "text"}, {"from_user_id", ""}, {"text", {{"body", "x"}}}});
    ingest(center, by_username);
    CHECK(center.scalar("SELECT COUNT(*) FROM customers") == 1);
    CHECK(center.scalar("SELECT COUNT(*) FROM messages WHERE direction = 'in'") == 3);
}

TEST_CASE("user_changed_user_id moves the customer to the new id") {
    CenterFixture center;
    ingest(center,
           inbound({{"profile", {{"name", "Bo"}}}, {"user_id", "US.OLD"}},
                   {{"from_user_id", "US.OLD"}, {"type", "text"}, {"text", {{"body", "hi"}}}}));
    json change =
        inbound(json::object(), {{"from_user_id", "US.NEW"},
                                 {"type", "system"},
                                 {"system",
                                  {{"type", "user_changed_user_id"},
                                   {"body", "User Bo changed their business-scoped user id"},
                                   {"user_id", "US.NEW"},
                                   {"previous_user_id", "US.OLD"}}}});
    change["entry"][0]["changes"][0]["value"].erase("contacts");
    ingest(center, change);
    CHECK(center.scalar("SELECT COUNT(*) FROM customers WHERE user_id = 'US.NEW'") == 1);
    CHECK(center.scalar("SELECT COUNT(*) FROM customers") == 1);
    CHECK(center.scalar("SELECT COUNT(*) FROM messages WHERE kind = 'system'") == 1);
    ingest(center,
           inbound({{"profile", {{"name", "Bo"}}}, {"user_id", "US.NEW"}},
                   {{"from_user_id", "US.NEW"}, {"type", "text"}, {"text", {{"body", "x"}}}}));
    CHECK(center.scalar("SELECT COUNT(*) FROM customers") == 1);
}

TEST_CASE("a number Meta rewrote finds its customer through the alias") {
    CenterFixture center;
    const auto customer = center.customer("+5215512345678");
    auto db = center.db();
    add_phone_alias(*db, "+525512345678", customer, 0);
    const auto found = find_customer_for_number(*db, "+525512345678");
    REQUIRE(found);
    CHECK(found->id == customer);
    CustomerIdentity identity;
    identity.phone = "+525512345678";
    CHECK(find_customer_by_identity(*db, identity) == customer);
}
