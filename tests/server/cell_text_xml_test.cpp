// A cell's text as the sheet's XML holds it: table-driven, one line per rule.
#include "server/export/cell_text_xml.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

namespace {

std::string xml_of(std::string_view text) {
    std::string out = "kept:"; // appended to, never replaced
    append_cell_text_xml(out, text);
    return out;
}

} // namespace

TEST_CASE("cell text is escaped for XML and Excel, each rule on its own") {
    const struct {
        std::string text;
        std::string xml;
    } cases[] = {
        {"", ""},
        {"plain ASCII text", "plain ASCII text"},
        {"a<b>c&d", "a&lt;b&gt;c&amp;d"},
        {"quotes \" and ' need nothing in element text",
         "quotes \" and ' need nothing in element text"},
        {"Zoë 東京 😀", "Zoë 東京 😀"},
        {"tab\tand\nnewline", "tab\tand\nnewline"},
        {"carriage\rreturn", "carriage&#13;return"},
        {std::string("nul\0", 4), "nul_x0000_"},
        {"\x01\x1f\x7f", "_x0001__x001F_\x7f"}, // DEL is allowed in XML 1.0
        {"_x0041_ and _x004g_ and _x12_", "_x005F_x0041_ and _x004g_ and _x12_"},
        {"snake_case_name", "snake_case_name"},
        {"\xC3", "\xEF\xBF\xBD"},                 // a lead byte cut short
        {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"}, // overlong '/'
        {"\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"}, // > U+10FFFF
        {"\xEF\xBF\xBE", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},                 // U+FFFE
        {"\xEF\xBF\xBD", "\xEF\xBF\xBD"}, // U+FFFD itself is fine
    };
    for (const auto& example : cases) {
        INFO(example.text);
        CHECK(xml_of(example.text) == "kept:" + example.xml);
    }
}

TEST_CASE("white space at either end asks for xml:space preserve") {
    CHECK(needs_space_preserved(" lead"));
    CHECK(needs_space_preserved("trail\n"));
    CHECK(needs_space_preserved("\ttab"));
    CHECK_FALSE(needs_space_preserved("in the middle"));
    CHECK_FALSE(needs_space_preserved(""));
}

TEST_CASE("a cell's text stops at Excel's 32,767 UTF-16 units") {
    CHECK(xml_of(std::string(40000, 'x')) == "kept:" + std::string(32767, 'x'));
    // 16,383 characters of two units each, then one that would be the 32,767th and 32,768th.
    std::string astral;
    for (int i = 0; i < 16384; ++i) {
        astral += "😀";
    }
    CHECK(xml_of(astral) == "kept:" + astral.substr(0, 16383 * 4));
    // A three-byte character is one unit: 32,767 of them all fit.
    std::string bmp;
    for (int i = 0; i < 32767; ++i) {
        bmp += "東";
    }
    CHECK(xml_of(bmp + "東") == "kept:" + bmp);
}
