// Refused sends: each Graph error code with Meta's HTTP status, and none of them is recorded as
// sent.
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::metasim;
using namespace waconsole::test;

namespace {

struct RefusedSend {
    const char* what;
    json body;
    int http_status;
    int code;
};

json with_body_parameters(const std::vector<std::string>& parameters) {
    return order_update_send("+34600000001", parameters.at(0), parameters.at(1));
}

} // namespace

TEST_CASE("sends that break Meta's rules get Meta's error code and are not recorded",
          "[metasim][send][errors]") {
    json no_product = order_update_send("+34600000001");
    no_product.erase("messaging_product");
    json no_to = order_update_send("+34600000001");
    no_to.erase("to");
    json three_for_two =
        template_send("+34600000001", "order_update", "en_US", {"Ana", "A-1", "x"});
    json one_for_two = template_send("+34600000001", "order_update", "en_US", {"Ana"});
    json no_body_component = template_send("+34600000001", "order_update", "en_US", {});
    no_body_component["template"]["components"] = json::array();
    json named_without_names =
        template_send("+5511987654321", "delivery_feedback", "pt_BR", {"João", "B-77"});
    json missing_url_parameter =
        template_send("+34600000001", "order_update", "es_MX", {"Ana", "A-1"});

    const std::vector<RefusedSend> cases = {
        {"no messaging_product", no_product, 400, 100},
        {"no recipient", no_to, 400, 100},
        {"a recipient that is not a number", order_update_send("call me"), 400, 100},
        {"an unknown message type",
         {{"messaging_product", "whatsapp"}, {"to", "34600000001"}, {"type", "hologram"}},
         400,
         100},
        {"an unknown template", template_send("+34600000001", "no_such_template", "en_US", {}), 404,
         132001},
        {"a template in a language it lacks",
         template_send("+34600000001", "summer_sale", "ru", {"a", "b"}), 404, 132001},
        {"more parameters than variables", three_for_two, 400, 132000},
        {"fewer parameters than variables", one_for_two, 400, 132000},
        {"no body parameters for a template with variables", no_body_component, 400, 132000},
        {"a NAMED template without parameter names", named_without_names, 400, 132012},
        {"a URL button variable without its parameter", missing_url_parameter, 400, 131008},
        {"a parameter with a newline", with_body_parameters({"Ana\nB", "A-1"}), 400, 132018},
        {"a parameter with a tab", with_body_parameters({"Ana\tB", "A-1"}), 400, 132018},
        {"a parameter with five spaces in a row", with_body_parameters({"Ana     B", "A-1"}), 400,
         132018},
        {"a body over 1024 characters after substitution",
         with_body_parameters({std::string(1000, 'x'), "A-1"}), 400, 132005},
        {"a PAUSED template", template_send("+34600000001", "account_alert", "en_US", {"Ana"}), 400,
         132015},
        {"a DISABLED template",
         template_send("+34600000001", "monthly_newsletter", "en_US", {"Ana"}), 400, 132016},
        {"a text over 4096 characters", text_send("+34600000001", std::string(4097, 'y')), 400,
         100},
    };
    SimFixture sim;
    for (const auto& refused : cases) {
        INFO(refused.what);
        const auto res = sim.send(refused.body);
        REQUIRE(res);
        CHECK(res->status == refused.http_status);
        const json error = json::parse(res->body)["error"];
        CHECK(error["code"] == refused.code);
        CHECK(error["type"] == "OAuthException");
        CHECK(error["message"].get<std::string>().find(std::to_string(refused.code)) !=
              std::string::npos);
        CHECK(error.contains("fbtrace_id"));
    }
    CHECK(sim.sends().empty());
}

TEST_CASE("a body of exactly 1024 characters after substitution is accepted",
          "[metasim][send][errors]") {
    SimFixture sim;
    // "Hola {{1}}, tu pedido {{2}} ya va en camino. ¿Quieres recibir avisos de la entrega?"
    const std::string rest =
        ", tu pedido A-1 ya va en camino. ¿Quieres recibir avisos de la entrega?";
    // "Hola " + rest is 76 characters (77 bytes: "¿" is two bytes but one character).
    const std::size_t fixed = 76;
    REQUIRE(rest.size() + 5 == fixed + 1);
    const auto res = sim.send(with_body_parameters({std::string(1024 - fixed, 'x'), "A-1"}));
    REQUIRE(res);
    CHECK(res->status == 200);
    const auto over = sim.send(with_body_parameters({std::string(1025 - fixed, 'x'), "A-1"}));
    REQUIRE(over);
    CHECK(json::parse(over->body)["error"]["code"] == 132005);
}

TEST_CASE("a wrong access token gets 190 OAuthException with HTTP 401", "[metasim][send][errors]") {
    SimFixture sim;
    const auto res = sim.send(order_update_send("+34600000001"), "not-the-token");
    REQUIRE(res);
    CHECK(res->status == 401);
    const json error = json::parse(res->body)["error"];
    CHECK(error["code"] == 190);
    CHECK(error["type"] == "OAuthException");
    const auto no_header = sim.client->Post(
        "/v21.0/1000000001/messages", order_update_send("+34600000001").dump(), "application/json");
    REQUIRE(no_header);
    CHECK(no_header->status == 401);
    CHECK(sim.sends().empty());
}

TEST_CASE("a send to another phone number id is refused as an unknown object",
          "[metasim][send][errors]") {
    SimFixture sim;
    const auto res =
        sim.client->Post("/v21.0/999/messages", {{"Authorization", "Bearer " + kToken}},
                         order_update_send("+34600000001").dump(), "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(json::parse(res->body)["error"]["code"] == 100);
    CHECK(json::parse(res->body)["error"]["error_subcode"] == 33);
}

TEST_CASE("malformed JSON is an invalid parameter", "[metasim][send][errors]") {
    SimFixture sim;
    const auto res =
        sim.client->Post("/v21.0/1000000001/messages", {{"Authorization", "Bearer " + kToken}},
                         "{not json", "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(json::parse(res->body)["error"]["code"] == 100);
}
