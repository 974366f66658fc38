// Send bodies equal Meta's documented examples, field for field.
#include "server/meta/message_payloads.hpp"
#include "server/meta/template_text.hpp"
#include "test_data.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using waconsole::testing::read_test_json;

TEST_CASE(
    "a template with body parameters, a quick reply and a URL button matches Meta's example") {
    TemplateMessage message;
    message.to = "+5215512345678";
    message.name = "order_update";
    message.language = "es_MX";
    message.body = {{"", "Ana"}, {"", "A-1043"}};
    message.buttons = {{0, ButtonKind::quick_reply, "C42|YES"}, {1, ButtonKind::url, "A-1043"}};
    CHECK(template_payload(message) == read_test_json("send_template_positional.json"));
}

TEST_CASE("a NAMED template carries parameter_name on each body parameter") {
    TemplateMessage message;
    message.to = "+5511987654321";
    message.name = "delivery_feedback";
    message.language = "pt_BR";
    message.body = {{"customer_name", "João"}, {"order_id", "B-77"}};
    CHECK(template_payload(message) == read_test_json("send_template_named.json"));
}

TEST_CASE("a phone-number button adds no component and a template without variables has none") {
    TemplateMessage message;
    message.to = "+34600000001";
    message.name = "bienvenida";
    message.language = "es_MX";
    message.buttons = {{2, ButtonKind::phone_number, ""}};
    const auto payload = template_payload(message);
    CHECK_FALSE(payload["template"].contains("components"));
    CHECK(payload["template"]["language"]["code"] == "es_MX");
}

TEST_CASE("a template request as text is valid JSON with every character of its values kept") {
    TemplateMessage message;
    message.to = "+34600000001";
    message.name = "order_update";
    message.language = "es_ES";
    message.header = {{"", "Pedido \"A\\1\""}};
    message.body = {{"nombre", "Zoë\n\t\x01 Ñúñez 👋"}, {"pedido", "</script>{{1}}"}};
    message.buttons = {{0, ButtonKind::quick_reply, "C42|\"YES\""},
                       {1, ButtonKind::phone_number, ""},
                       {2, ButtonKind::url, "a b/ç?x=1&y=\\"}};
    const auto text = template_request(message, "waconsole:123");
    const auto parsed = nlohmann::json::parse(text);
    auto expected = template_payload(message);
    CHECK(expected["template"]["components"][0]["parameters"][0]["text"] == "Pedido \"A\\1\"");
    CHECK(expected["template"]["components"][1]["parameters"][0]["text"] == "Zoë\n\t\x01 Ñúñez 👋");
    CHECK(expected["template"]["components"][1]["parameters"][0]["parameter_name"] == "nombre");
    CHECK(expected["template"]["components"].size() == 4); // header, body, two buttons
    CHECK(expected["template"]["components"][3]["index"] == "2");
    expected["biz_opaque_callback_data"] = "waconsole:123";
    CHECK(parsed == expected);
    CHECK_FALSE(
        nlohmann::json::parse(template_request(message, "")).contains("biz_opaque_callback_data"));
}

TEST_CASE("a free-form text and a mark-as-read match Meta's examples") {
    CHECK(text_payload("+34600000001", "Your order ships tomorrow.") ==
          read_test_json("send_text.json"));
    CHECK(mark_read_payload("wamid.HBgLMzQ2MDAwMDAwMDEVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA") ==
          read_test_json("mark_read.json"));
}

TEST_CASE("a template body is rendered with positional and named variables") {
    const auto components = nlohmann::json::parse(
        R"json([{"type":"HEADER","text":"x"},{"type":"BODY","text":"Hola {{1}}, pedido {{2}} ({{1}})"}])json");
    const auto body = template_body_text(components);
    CHECK(template_variables(body) == std::vector<std::string>{"1", "2"});
    CHECK(render_template_body(body, {{"", "Ana"}, {"", "A-1"}}) == "Hola Ana, pedido A-1 (Ana)");
    CHECK(render_template_body("Olá {{customer_name}}, {{order_id}}",
                               {{"order_id", "B-77"}, {"customer_name", "João"}}) ==
          "Olá João, B-77");
    CHECK(utf8_character_count("Zoë Ñúñez") == 9);
}
