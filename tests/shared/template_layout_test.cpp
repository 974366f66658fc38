#include "shared/template_layout.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

namespace {

const char* const kComponents = R"json([
 {"type":"HEADER","format":"TEXT","text":"Rebajas para {{1}}"},
 {"type":"BODY","text":"¡Hola {{1}}! Solo hoy: {{2}} de descuento."},
 {"type":"FOOTER","text":"Tienda Ejemplo"},
 {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Me interesa"},
   {"type":"URL","text":"Ver ofertas","url":"https://example.com/o/{{1}}"},
   {"type":"PHONE_NUMBER","text":"Llamar","phone_number":"+34911234567"}]}])json";

} // namespace

TEST_CASE("a template's components become its layout and the variables a campaign fills") {
    const auto layout = template_layout(nlohmann::json::parse(kComponents));
    CHECK(layout.header_format == "TEXT");
    CHECK(layout.header_text == "Rebajas para {{1}}");
    CHECK(layout.footer == "Tienda Ejemplo");
    REQUIRE(layout.buttons.size() == 3);
    CHECK(layout.buttons[1].index == 1);
    CHECK(layout.buttons[2].phone_number == "+34911234567");
    CHECK(campaign_variables(layout) == std::vector<std::string>{"1", "2", "header.1", "button.1"});
    CHECK(quick_reply_count(layout) == 1);
    CHECK(button_labels(layout) == "Me interesa \xC2\xB7 Ver ofertas (URL) \xC2\xB7 Llamar (call)");
}

TEST_CASE("the rendered message puts each value in its place: body, header and URL") {
    const auto layout = template_layout(nlohmann::json::parse(kComponents));
    const auto rendered = render_layout(
        layout, {{"1", "Ana"}, {"2", "30%"}, {"header.1", "Ana P."}, {"button.1", "verano"}});
    CHECK(rendered.header == "Rebajas para Ana P.");
    CHECK(rendered.body == "¡Hola Ana! Solo hoy: 30% de descuento.");
    CHECK(rendered.buttons[1].url == "https://example.com/o/verano");
}

TEST_CASE("odd components are read without failing: lower case, no format, no buttons list") {
    const auto layout = template_layout(nlohmann::json::parse(
        R"([{"type":"header","text":"Hi"},{"type":"body","text":"B"},{"type":"BUTTONS"},5])"));
    CHECK(layout.header_format == "TEXT");
    CHECK(layout.body == "B");
    CHECK(layout.buttons.empty());
    CHECK(template_layout(nlohmann::json::object()).body.empty());
}
