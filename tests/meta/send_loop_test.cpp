// Template sync and sends against the simulator: what reaches "Meta", what is recorded, and
// how errors are retried or not.
#include "meta_loop.hpp"
#include "server/store/customers_store.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::testing;

TEST_CASE("template sync reads every page of the catalogue into the cache") {
    MetaLoop loop;
    MetaClientOptions options = loop.services().meta.client.options();
    options.template_page_size = 3;
    loop.services().meta.client.set_options(options);
    const auto result = loop.api_post("/api/templates/sync", nlohmann::json::object());
    REQUIRE(result);
    const auto body = nlohmann::json::parse(result->body);
    CHECK(result->status == 200);
    CHECK(body["templates"] == 10); // the simulator's built-in catalogue
    CHECK(body["pages"] == 4);
    const auto listed = json_of(loop.api_get("/api/templates"));
    CHECK(listed["total"] == 10);
    CHECK(loop.count("SELECT COUNT(*) FROM templates WHERE status = 'PAUSED'") == 1);
    CHECK(loop.text("SELECT parameter_format FROM templates WHERE name = 'delivery_feedback'") ==
          "NAMED");
}

TEST_CASE("a template send with variables is accepted and ends read through signed webhooks") {
    MetaLoop loop({1000, 8, {{"read_percent", 100}}});
    sync_catalogue(loop);
    const auto result =
        loop.api_post("/api/messages/template", order_update_request("+34600000101"));
    REQUIRE(result);
    INFO(result->body);
    REQUIRE(result->status == 200);
    const auto message = nlohmann::json::parse(result->body)["message"];
    // Accepted, or already further when the status webhook beat our recording of the answer.
    const auto status = message["status"].get<std::string>();
    CHECK((status == "accepted" || status == "sent" || status == "delivered" || status == "read"));
    const auto wamid = message["wamid"].get<std::string>();
    const auto id = message["id"].get<std::int64_t>();

    const auto sent = loop.sim_get("/_sim/sends")["sends"];
    REQUIRE(sent.size() == 1);
    CHECK(sent[0]["wamid"] == wamid);
    CHECK(sent[0]["request"]["template"]["components"][0]["parameters"][1]["text"] == "A-1043");

    const auto where = " FROM messages WHERE id = " + std::to_string(id);
    CHECK(eventually([&] { return loop.text("SELECT status" + where) == "read"; }));
    CHECK(loop.count(
              "SELECT sent_at IS NOT NULL AND delivered_at IS NOT NULL AND read_at IS NOT NULL" +
              where) == 1);
    CHECK(loop.text("SELECT body" + where) ==
          "Hola Ana, tu pedido A-1043 ya va en camino. ¿Quieres recibir avisos de la entrega?");
    CHECK(loop.text("SELECT wa_id FROM customers WHERE phone = '+34600000101'") == "34600000101");
    // Meta has it: it is never sent again, and its stored request is not kept.
    CHECK(loop.count("SELECT COUNT(*) FROM message_requests WHERE message_id = (SELECT id" + where +
                     ")") == 0);
}

TEST_CASE("a NAMED template is sent with parameter names from positional values") {
    MetaLoop loop;
    sync_catalogue(loop);
    const auto result = loop.api_post("/api/messages/template", {{"to", "+34600000102"},
                                                                 {"template", "delivery_feedback"},
                                                                 {"language", "pt_BR"},
                                                                 {"parameters", {"João", "B-77"}}});
    REQUIRE(result);
    INFO(result->body);
    CHECK(result->status == 200);
    const auto sent = loop.sim_get("/_sim/sends")["sends"];
    REQUIRE(sent.size() == 1);
    CHECK(sent[0]["request"]["template"]["components"][0]["parameters"][0]["parameter_name"] ==
          "customer_name");
}

TEST_CASE("429 and 5xx answers are retried with back-off and each message is sent exactly once") {
    MetaLoop loop({1000, 8, {{"rate_429_percent", 40}, {"fail_5xx_percent", 40}}});
    sync_catalogue(loop);
    for (int i = 0; i < 8; ++i) {
        const auto result = loop.api_post("/api/messages/template",
                                          order_update_request("+3460000020" + std::to_string(i)));
        REQUIRE(result);
        INFO(result->body);
        // Accepted at once, or queued for the send worker after a refusal.
        const auto status = json_of(result)["message"]["status"];
        CHECK(((result->status == 200 && status == "accepted") ||
               (result->status == 202 && status == "queued")));
    }
    const auto ours = " FROM messages WHERE customer_id IN "
                      "(SELECT id FROM customers WHERE phone LIKE '+3460000020_')";
    CHECK(eventually(
        [&] { return loop.count("SELECT COUNT(DISTINCT wamid)" + std::string(ours)) == 8; }));
    CHECK(sim_sends(loop) == 8);
    CHECK(loop.count("SELECT COUNT(*)" + std::string(ours) +
                     " AND status IN ('accepted', 'sent', 'delivered', 'read')") == 8);
    // With 64% of attempts refused, some send needed more than one attempt.
    CHECK(loop.count("SELECT MAX(send_attempts) FROM messages") > 1);
}

TEST_CASE("a final error is recorded with Meta's code and not retried") {
    MetaLoop loop;
    SECTION("unknown template") {
        auto request = order_update_request("+34600000301");
        request["template"] = "no_such_template";
        const auto result = loop.api_post("/api/messages/template", request);
        REQUIRE(result);
        INFO(result->body);
        CHECK(result->status == 502);
        const auto body = nlohmann::json::parse(result->body);
        CHECK(body["error"]["code"] == "meta_error");
        CHECK(body["message"]["status"] == "failed");
        CHECK(body["message"]["error"]["code"] == 132001);
        CHECK(body["message"]["error"]["retryable"] == false);
        CHECK(body["message"]["attempts"] == 1);
        CHECK(loop.count(
                  "SELECT COUNT(*) FROM messages WHERE status = 'failed' AND error_code = 132001 "
                  "AND error_retryable = 0 AND send_attempts = 1") == 1);
        CHECK(sim_sends(loop) == 0);
    }
    SECTION("a number that is not on WhatsApp fails later, by a status webhook") {
        loop.sim_post("/_sim/config", {{"unreachable_numbers", {"34600000302"}}});
        sync_catalogue(loop);
        const auto result =
            loop.api_post("/api/messages/template", order_update_request("+34600000302"));
        REQUIRE(result);
        CHECK(result->status == 200); // accepted is not delivered
        CHECK(eventually([&] {
            return loop.count(
                       "SELECT COUNT(*) FROM messages WHERE status = 'failed' AND error_code = "
                       "131026 "
                       "AND error_title = 'Message undeliverable' AND failed_at IS NOT NULL") == 1;
        }));
        CHECK(sim_sends(loop) == 1);
    }
}

TEST_CASE("a paused or disabled template is refused before Meta is called") {
    MetaLoop loop;
    sync_catalogue(loop);
    const auto before = loop.count("SELECT COUNT(*) FROM messages");
    const auto paused = loop.api_post("/api/messages/template", {{"to", "+34600000401"},
                                                                 {"template", "account_alert"},
                                                                 {"language", "en_US"},
                                                                 {"parameters", {"Ana"}}});
    REQUIRE(paused);
    CHECK(paused->status == 422);
    CHECK(json_of(paused)["error"]["code"] == "template_not_approved");
    CHECK(json_of(paused)["error"]["field"] == "template");

    // Paused at Meta later: the status webhook updates the cache and the next send is refused.
    loop.sim_post("/_sim/templates/status",
                  {{"name", "order_update"}, {"language", "es_MX"}, {"status", "PAUSED"}});
    CHECK(eventually([&] {
        return loop.text("SELECT status FROM templates WHERE name = 'order_update' AND language = "
                         "'es_MX'") == "PAUSED";
    }));
    const auto refused =
        loop.api_post("/api/messages/template", order_update_request("+34600000402"));
    REQUIRE(refused);
    CHECK(refused->status == 422);
    CHECK(loop.count("SELECT COUNT(*) FROM messages") == before);
    CHECK(sim_sends(loop) == 0);
}

TEST_CASE("bad send requests get a 422 naming the field and store nothing") {
    MetaLoop loop;
    sync_catalogue(loop);
    const auto before =
        loop.count("SELECT COUNT(*) FROM messages") + loop.count("SELECT COUNT(*) FROM customers");
    struct Case {
        nlohmann::json body;
        std::string field;
    };
    auto with = [](const char* key, nlohmann::json value) {
        auto body = order_update_request("+34600000501");
        body[key] = std::move(value);
        return body;
    };
    const Case cases[] = {
        {with("to", "0600 000 501"), "to"},
        {with("to", 34600000501), "to"},
        {with("template", ""), "template"},
        {with("parameters", {"Ana"}), "parameters"},
        {with("parameters", {"Ana", "two\nlines"}), "parameters[1]"},
        {with("parameters", {"Ana", "too     many"}), "parameters[1]"},
        {with("parameters", {"Ana", 7}), "parameters[1]"},
        {with("buttons", {{{"index", 0}, {"sub_type", "quick_reply"}}}), "buttons[0].payload"},
        {with("buttons", {{{"index", 12}, {"sub_type", "url"}, {"text", "x"}}}),
         "buttons[0].index"},
        {with("buttons", {{{"index", -1}, {"sub_type", "url"}, {"text", "x"}}}),
         "buttons[0].index"},
        // 2^32 once passed as index 0 through get<int>().
        {with("buttons",
              {{{"index", 4294967296LL}, {"sub_type", "quick_reply"}, {"payload", "x"}}}),
         "buttons[0].index"},
        {with(
             "buttons",
             {{{"index", 18446744073709551615ULL}, {"sub_type", "quick_reply"}, {"payload", "x"}}}),
         "buttons[0].index"},
        {with("buttons", {{{"index", 1.0}, {"sub_type", "quick_reply"}, {"payload", "x"}}}),
         "buttons[0].index"},
        {with("buttons", {{{"index", 0}, {"sub_type", "flow"}}}), "buttons[0].sub_type"},
    };
    for (const auto& c : cases) {
        INFO(c.body.dump());
        const auto result = loop.api_post("/api/messages/template", c.body);
        REQUIRE(result);
        CHECK(result->status == 422);
        CHECK(json_of(result)["error"]["field"] == c.field);
    }
    CHECK(loop.count("SELECT COUNT(*) FROM messages") +
              loop.count("SELECT COUNT(*) FROM customers") ==
          before);
    CHECK(sim_sends(loop) == 0);
}

TEST_CASE(
    "Meta's canonical wa_id is stored and an inbound message from it finds the same customer") {
    MetaLoop loop;
    sync_catalogue(loop);
    // Mexico: sent as 52 + 10 digits, Meta answers with the 521 form.
    const auto result =
        loop.api_post("/api/messages/template", order_update_request("+525512345678"));
    REQUIRE(result);
    REQUIRE(result->status == 200);
    CHECK(loop.text("SELECT wa_id FROM customers WHERE phone = '+525512345678'") ==
          "5215512345678");
    const auto customers = loop.count("SELECT COUNT(*) FROM customers");
    loop.sim_post("/_sim/inbound", {{"from", "5215512345678"}, {"name", "Ana"}, {"text", "hola"}});
    CHECK(eventually([&] {
        return loop.count(
                   "SELECT COUNT(*) FROM messages WHERE direction = 'in' AND body = 'hola'") == 1;
    }));
    CHECK(loop.count("SELECT COUNT(*) FROM customers") == customers);
    CHECK(loop.count("SELECT COUNT(DISTINCT customer_id) FROM messages WHERE customer_id = "
                     "(SELECT id FROM customers WHERE wa_id = '5215512345678')") == 1);
}

TEST_CASE("a message moved to the canonical customer moves with its conversation") {
    MetaLoop loop;
    sync_catalogue(loop);
    // Ana is known by Meta's canonical wa_id; an older record has her number in the form an
    // agent types, with a conversation of its own.
    std::int64_t canonical = 0;
    std::int64_t typed = 0;
    std::int64_t typed_conversation = 0;
    {
        auto db = loop.services().pool.acquire();
        canonical = create_customer(*db, std::string("5215512345678"), std::nullopt, "Ana", 1);
        typed = create_customer(*db, std::nullopt, std::string("+525512345678"), "Ana M.", 1);
        db->prepare("INSERT INTO conversations (customer_id, state, started_at) "
                    "VALUES (?, 'active', 1)")
            .bind(1, typed)
            .run();
        typed_conversation = db->last_insert_id();
    }
    const auto result =
        loop.api_post("/api/messages/template", order_update_request("+525512345678"));
    REQUIRE(result);
    INFO(result->body);
    REQUIRE(result->status == 200);
    const auto id = json_of(result)["message"]["id"].get<std::int64_t>();
    CHECK(json_of(result)["message"]["customer_id"] == canonical);
    const auto where = " FROM messages WHERE id = " + std::to_string(id);
    CHECK(loop.count("SELECT customer_id" + where) == canonical);
    // The conversation the message is in belongs to the same customer as the message.
    CHECK(loop.count("SELECT c.customer_id FROM messages m JOIN conversations c "
                     "ON c.id = m.conversation_id WHERE m.id = " +
                     std::to_string(id)) == canonical);
    CHECK(loop.count("SELECT customer_id FROM conversations WHERE id = " +
                     std::to_string(typed_conversation)) == canonical);
}

TEST_CASE("a number Meta rewrote on a send becomes the customer's alias, and the next send to the "
          "typed number finds them with no new customer") {
    MetaLoop loop;
    sync_catalogue(loop);
    // Brazil: the customer writes in from Meta's canonical wa_id, without the ninth digit...
    loop.sim_post("/_sim/inbound", {{"from", "551187654321"}, {"name", "João"}, {"text", "olá"}});
    REQUIRE(eventually([&] {
        return loop.count("SELECT COUNT(*) FROM messages m JOIN customers c ON c.id = "
                          "m.customer_id WHERE c.wa_id = '551187654321' AND m.direction = "
                          "'in'") == 1;
    }));
    const auto canonical = loop.count("SELECT id FROM customers WHERE wa_id = '551187654321'");
    const auto customers = loop.count("SELECT COUNT(*) FROM customers");
    CHECK(loop.count("SELECT COUNT(*) FROM phone_aliases") == 0);

    // ...and an agent types the number with it: Meta answers with the canonical wa_id.
    const auto first =
        loop.api_post("/api/messages/template", order_update_request("+5511987654321"));
    REQUIRE(first);
    INFO(first->body);
    REQUIRE(first->status == 200);
    CHECK(json_of(first)["message"]["customer_id"] == canonical);
    CHECK(loop.count("SELECT COUNT(*) FROM phone_aliases WHERE phone = '+5511987654321' AND "
                     "customer_id = " +
                     std::to_string(canonical)) == 1);
    CHECK(loop.count("SELECT COUNT(*) FROM customers") == customers);

    // The typed number is the customer through the alias: a text is inside the window their
    // message opened (a new customer would have none, and get 422).
    const auto second = loop.api_post("/api/messages/text",
                                      {{"to", "+5511987654321"}, {"text", "Seu pedido saiu hoje"}});
    REQUIRE(second);
    INFO(second->body);
    REQUIRE(second->status == 200);
    CHECK(json_of(second)["message"]["customer_id"] == canonical);
    CHECK(loop.count("SELECT COUNT(*) FROM customers") == customers);
    CHECK(loop.count("SELECT COUNT(*) FROM messages WHERE direction = 'out' AND customer_id = " +
                     std::to_string(canonical) +
                     " AND kind IN ('template', 'text') AND "
                     "sent_by_user_id IS NOT NULL") == 2);
}
