// The webhook route: verification handshake, signatures, inbound messages, repeated and
// reordered statuses, and the service window they open.
#include "meta_loop.hpp"
#include "server/clock.hpp"
#include "server/meta/webhook_signature.hpp"
#include "test_data.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

// POSTs `body` to the server's webhook signed with the loop's app secret, as Meta would.
httplib::Result post_signed(MetaLoop& loop, const nlohmann::json& body) {
    const auto text = body.dump();
    return loop.server().client().Post(
        "/webhook", {{"X-Hub-Signature-256", webhook_signature(kLoopAppSecret, text)}}, text,
        "application/json");
}

} // namespace

TEST_CASE("the verification handshake answers the challenge only to our verify token") {
    MetaLoop loop;
    auto client = loop.server().client();
    auto ok = client.Get("/webhook?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=" +
                         std::string(kLoopVerifyToken));
    REQUIRE(ok);
    CHECK(ok->status == 200);
    CHECK(ok->body == "1158201444");
    CHECK(ok->get_header_value("Content-Type").rfind("text/plain", 0) == 0);
    for (const char* query :
         {"?hub.mode=subscribe&hub.challenge=1&hub.verify_token=wrong",
          "?hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=loop-verify-token",
          "?hub.mode=subscribe&hub.challenge=1"}) {
        INFO(query);
        auto refused = client.Get(std::string("/webhook") + query);
        REQUIRE(refused);
        CHECK(refused->status == 403);
        CHECK(refused->body.find("1158201444") == std::string::npos);
    }
}

TEST_CASE("a webhook with a bad or missing signature gets 403 and stores nothing") {
    MetaLoop loop;
    auto client = loop.server().client();
    const auto body = read_test_file("webhook_text.json");
    const auto messages = loop.count("SELECT COUNT(*) FROM messages");
    const auto customers = loop.count("SELECT COUNT(*) FROM customers");
    const auto inbound = loop.count("SELECT COUNT(*) FROM messages WHERE direction = 'in'");

    auto missing = client.Post("/webhook", body, "application/json");
    REQUIRE(missing);
    CHECK(missing->status == 403);
    auto wrong =
        client.Post("/webhook", {{"X-Hub-Signature-256", webhook_signature("not-ours", body)}},
                    body, "application/json");
    REQUIRE(wrong);
    CHECK(wrong->status == 403);
    CHECK(loop.count("SELECT COUNT(*) FROM messages") == messages);
    CHECK(loop.count("SELECT COUNT(*) FROM customers") == customers);

    SECTION("a signed body is stored") {
        auto good = client.Post("/webhook",
                                {{"X-Hub-Signature-256", webhook_signature(kLoopAppSecret, body)}},
                                body, "application/json");
        REQUIRE(good);
        CHECK(good->status == 200);
        // The customer's message; the bot's menu answer to it is outbound.
        CHECK(loop.count("SELECT COUNT(*) FROM messages WHERE direction = 'in'") == inbound + 1);
    }
    SECTION("signed but malformed JSON is 400, and a body over 1 MiB is 413") {
        const std::string broken = "{\"object\":";
        auto bad = client.Post("/webhook",
                               {{"X-Hub-Signature-256", webhook_signature(kLoopAppSecret, broken)}},
                               broken, "application/json");
        REQUIRE(bad);
        CHECK(bad->status == 400);
        const std::string huge(2 << 20, ' ');
        auto large = client.Post("/webhook",
                                 {{"X-Hub-Signature-256", webhook_signature(kLoopAppSecret, huge)}},
                                 huge, "application/json");
        REQUIRE(large);
        CHECK(large->status == 413);
        CHECK(loop.count("SELECT COUNT(*) FROM messages") == messages);
    }
}

TEST_CASE("duplicated and reordered status webhooks still end read with every time kept") {
    MetaLoop loop(
        {1000,
         8,
         {{"duplicate_webhooks_percent", 100}, {"reorder_webhooks", true}, {"read_percent", 100}}});
    loop.api_post("/api/templates/sync", nlohmann::json::object());
    const auto result =
        loop.api_post("/api/messages/template",
                      {{"to", "+34600000601"}, {"template", "bienvenida"}, {"language", "es_MX"}});
    REQUIRE(result);
    INFO(result->body);
    REQUIRE(result->status == 200);
    const auto wamid = json_of(result)["message"]["wamid"].get<std::string>();
    // Three statuses, each delivered twice, all answered.
    CHECK(eventually([&] {
        const auto counts = loop.sim_get("/_sim/webhooks");
        return counts["answered_200"].get<int>() >= 6 && counts["pending"].get<int>() == 0;
    }));
    const auto where = " FROM messages WHERE wamid = '" + wamid + "'";
    CHECK(loop.text("SELECT status" + where) == "read");
    CHECK(loop.count("SELECT sent_at <= delivered_at AND delivered_at <= read_at" + where) == 1);
    // All three were applied to the message: none waits as an unmatched event.
    CHECK(loop.count("SELECT COUNT(*) FROM message_status_events WHERE wamid = '" + wamid + "'") ==
          0);
}

TEST_CASE("inbound messages of every kind land in one bot conversation of the customer") {
    MetaLoop loop;
    loop.sim_post("/_sim/inbound", {{"from", "34600000701"}, {"name", "Zoë"}, {"text", "hola"}});
    loop.sim_post("/_sim/inbound", {{"from", "34600000701"}, {"name", "Zoë"}, {"media", "image"}});
    loop.sim_post("/_sim/inbound",
                  {{"from", "34600000701"},
                   {"name", "Zoë"},
                   {"interactive", {{"button_reply", {{"id", "menu-2"}, {"title", "Support"}}}}}});
    const auto customer = "(SELECT id FROM customers WHERE wa_id = '34600000701')";
    CHECK(eventually([&] {
        return loop.count(
                   "SELECT COUNT(*) FROM messages WHERE direction = 'in' AND customer_id = " +
                   std::string(customer)) == 3;
    }));
    CHECK(loop.count("SELECT COUNT(*) FROM conversations WHERE state = 'bot' AND customer_id = " +
                     std::string(customer)) == 1);
    CHECK(loop.count("SELECT COUNT(*) FROM messages WHERE body = '[image]'") == 1);
    CHECK(loop.count(
              "SELECT COUNT(*) FROM messages WHERE body = 'Support' AND payload = 'menu-2'") == 1);
    CHECK(loop.text("SELECT name FROM customers WHERE wa_id = '34600000701'") == "Zoë");
}

TEST_CASE("a text reply is refused outside the service window and sent inside it") {
    MetaLoop loop;
    const auto messages = loop.count("SELECT COUNT(*) FROM messages");
    const auto inbound = loop.count("SELECT COUNT(*) FROM messages WHERE direction = 'in'");
    const nlohmann::json reply = {{"to", "+34600000801"},
                                  {"text", "Hola, ¿en qué podemos ayudar?"}};
    const auto refused = loop.api_post("/api/messages/text", reply);
    REQUIRE(refused);
    CHECK(refused->status == 422);
    CHECK(json_of(refused)["error"]["code"] == "outside_service_window");
    CHECK(loop.count("SELECT COUNT(*) FROM messages") == messages);
    CHECK(loop.sim_get("/_sim/sends")["sends"].empty());

    loop.sim_post("/_sim/inbound", {{"from", "34600000801"}, {"name", "Pedro"}, {"text", "hola"}});
    CHECK(eventually([&] {
        return loop.count("SELECT COUNT(*) FROM messages WHERE direction = 'in'") == inbound + 1;
    }));
    const auto sent = loop.api_post("/api/messages/text", reply);
    REQUIRE(sent);
    INFO(sent->body);
    CHECK(sent->status == 200);
    // Accepted, or already further: the simulator's status webhook (10 ms after the send here)
    // can beat our recording of the answer, and the status that came first wins.
    const auto status = json_of(sent)["message"]["status"].get<std::string>();
    CHECK((status == "accepted" || status == "sent" || status == "delivered" || status == "read"));
    // The reply joins the customer's open conversation.
    CHECK(loop.count("SELECT COUNT(DISTINCT conversation_id) FROM messages WHERE customer_id = "
                     "(SELECT id FROM customers WHERE wa_id = '34600000801')") == 1);
}

TEST_CASE("webhook entries for another phone number id are counted and not stored") {
    MetaLoop loop;
    auto client = loop.server().client();
    // One POST: an inbound message and a status for another number of the account, and an
    // inbound message for ours.
    auto other = read_test_json("webhook_text.json");
    auto& other_value = other["entry"][0]["changes"][0]["value"];
    other_value["metadata"]["phone_number_id"] = "1999999999";
    other_value["messages"][0]["id"] = "wamid.OTHER-NUMBER-1";
    other_value["statuses"] = {{{"id", "wamid.OTHER-NUMBER-OUT"},
                                {"status", "sent"},
                                {"timestamp", "1700000010"},
                                {"recipient_id", "34600000001"}}};
    auto ours = read_test_json("webhook_text.json");
    other["entry"].push_back(ours["entry"][0]);
    const auto body = other.dump();
    const auto messages = loop.count("SELECT COUNT(*) FROM messages WHERE direction = 'in'");
    auto result =
        client.Post("/webhook", {{"X-Hub-Signature-256", webhook_signature(kLoopAppSecret, body)}},
                    body, "application/json");
    REQUIRE(result);
    INFO(result->body);
    CHECK(result->status == 200);
    CHECK(json_of(result)["ignored_other_numbers"] == 1);
    CHECK(json_of(result)["messages"] == 1);
    CHECK(loop.count("SELECT COUNT(*) FROM messages WHERE direction = 'in'") == messages + 1);
    CHECK(loop.count("SELECT COUNT(*) FROM messages WHERE wamid = 'wamid.OTHER-NUMBER-1'") == 0);
    CHECK(loop.count("SELECT COUNT(*) FROM message_status_events WHERE wamid = "
                     "'wamid.OTHER-NUMBER-OUT'") == 0);
}

TEST_CASE("a status naming its recipient's user id records it on the customer, and a message "
          "from that user id alone finds the same customer") {
    MetaLoop loop({1000, 8, {{"read_percent", 0}}});
    sync_catalogue(loop);
    const auto sent =
        loop.api_post("/api/messages/template",
                      {{"to", "+34600000931"}, {"template", "bienvenida"}, {"language", "es_MX"}});
    REQUIRE(sent);
    INFO(sent->body);
    REQUIRE(sent->status == 200);
    const auto wamid = json_of(sent)["message"]["wamid"].get<std::string>();
    const auto customer =
        std::to_string(json_of(sent)["message"]["customer_id"].get<std::int64_t>());
    CHECK(loop.text("SELECT COALESCE(user_id, '') FROM customers WHERE id = " + customer).empty());

    const std::string user_id = "ES.7291830012345678";
    const auto status = post_signed(
        loop, webhook_envelope("messages", {{"messaging_product", "whatsapp"},
                                            {"metadata", {{"phone_number_id", "1000000001"}}},
                                            {"statuses",
                                             {{{"id", wamid},
                                               {"status", "delivered"},
                                               {"timestamp", std::to_string(now_seconds())},
                                               {"recipient_id", "34600000931"},
                                               {"recipient_user_id", user_id}}}}}));
    REQUIRE(status);
    CHECK(status->status == 200);
    CHECK(loop.text("SELECT user_id FROM customers WHERE id = " + customer) == user_id);

    // The customer now hides the phone: Meta names them by user id only.
    const auto customers = loop.count("SELECT COUNT(*) FROM customers");
    const auto inbound = post_signed(
        loop,
        webhook_envelope("messages",
                         {{"messaging_product", "whatsapp"},
                          {"metadata", {{"phone_number_id", "1000000001"}}},
                          {"contacts", {{{"profile", {{"name", "Marta"}}}, {"user_id", user_id}}}},
                          {"messages",
                           {{{"from_user_id", user_id},
                             {"id", "wamid.USER-ID-ONLY-1"},
                             {"timestamp", std::to_string(now_seconds())},
                             {"type", "text"},
                             {"text", {{"body", "¿Y mi pedido?"}}}}}}}));
    REQUIRE(inbound);
    INFO(inbound->body);
    CHECK(inbound->status == 200);
    CHECK(json_of(inbound)["messages"] == 1);
    CHECK(loop.count("SELECT COUNT(*) FROM customers") == customers);
    CHECK(std::to_string(loop.count(
              "SELECT customer_id FROM messages WHERE wamid = 'wamid.USER-ID-ONLY-1'")) ==
          customer);
}
