#include "shared/meta_limits.hpp"
#include "shared/template_text.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("template variables are listed once each, in order of first use, braces trimmed") {
    CHECK(template_variables("Hola {{1}}, pedido {{2}} ({{ 1 }})") ==
          std::vector<std::string>{"1", "2"});
    CHECK(template_variables("Olá {{customer_name}}, {{order_id}}") ==
          std::vector<std::string>{"customer_name", "order_id"});
    CHECK(template_variables("no variables {{ }} or {{unclosed").empty());
}

TEST_CASE("rendering replaces known variables and leaves unknown ones as written") {
    CHECK(render_template("Hola {{1}}, pedido {{ 2 }} ({{1}})", {{"1", "Ana"}, {"2", "A-1"}}) ==
          "Hola Ana, pedido A-1 (Ana)");
    CHECK(render_template("Hi {{name}}, {{missing}}!", {{"name", "Zoë"}}) ==
          "Hi Zoë, {{missing}}!");
}

TEST_CASE("characters are counted as Meta counts them, not as bytes") {
    CHECK(utf8_character_count("Zoë Ñúñez") == 9);
    CHECK(utf8_character_count("Алексей") == 7);
    CHECK(utf8_character_count("Ok 👍") == 4);
    CHECK(utf8_character_count(std::string(kMaxTemplateBodyCharacters, 'a')) == 1024);
}

TEST_CASE("parameter values with new lines, tabs or more than four spaces in a row are refused") {
    CHECK(has_forbidden_parameter_characters("a\nb"));
    CHECK(has_forbidden_parameter_characters("a\rb"));
    CHECK(has_forbidden_parameter_characters("a\tb"));
    CHECK(has_forbidden_parameter_characters("a     b"));
    CHECK_FALSE(has_forbidden_parameter_characters("a    b"));
    CHECK_FALSE(has_forbidden_parameter_characters("Zoë Ñúñez"));
}
