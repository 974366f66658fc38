// XmlScanner against expat: the same events for every document expat accepts, a refusal for
// every document expat refuses, whatever the chunks the bytes arrive in. Hand-picked cases first,
// then thousands of documents made by mutating small workbook parts with the characters and
// constructs that matter to XML (references, CDATA, comments, quotes, bad UTF-8 ...).
#include "server/import/xml_scanner.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <expat.h>
#include <random>
#include <string>
#include <vector>

using namespace waconsole;

namespace {

// What a reader made of a document: its events as text ("<c r=A1|", "'1'", "</c>"), adjacent
// text pieces joined, and whether it accepted the document.
struct Outcome {
    bool accepted = false;
    bool doctype = false;
    std::vector<std::string> events;
    std::string pending_text;

    void text(const char* data, std::size_t size) { pending_text.append(data, size); }
    void flush_text() {
        if (!pending_text.empty()) {
            events.push_back("'" + pending_text + "'");
            pending_text.clear();
        }
    }
    void start(std::string_view name, const char** attributes) {
        flush_text();
        std::string event = "<" + std::string(name);
        for (const char** at = attributes; *at != nullptr; at += 2) {
            event += " " + std::string(at[0]) + "=[" + at[1] + "]";
        }
        events.push_back(event);
    }
    void end(std::string_view name) {
        flush_text();
        events.push_back("</" + std::string(name));
    }
};

class Recorder : public XmlScanEvents {
public:
    Outcome outcome;
    std::size_t stop_after = SIZE_MAX; // events

    void on_start(std::string_view name, const char** attributes) override {
        outcome.start(name, attributes);
    }
    void on_end(std::string_view name) override { outcome.end(name); }
    void on_text(const char* data, std::size_t size) override { outcome.text(data, size); }
    bool stopped() const override { return outcome.events.size() >= stop_after; }
};

Outcome scan(const std::string& document, std::size_t chunk) {
    Recorder recorder;
    XmlScanner scanner(recorder);
    XmlScanStatus status = XmlScanStatus::more;
    for (std::size_t at = 0; status == XmlScanStatus::more && at < document.size(); at += chunk) {
        status = scanner.feed(document.data() + at, std::min(chunk, document.size() - at), false);
    }
    if (status == XmlScanStatus::more) {
        status = scanner.feed("", 0, true);
    }
    recorder.outcome.flush_text();
    recorder.outcome.accepted = status == XmlScanStatus::done;
    recorder.outcome.doctype = status == XmlScanStatus::doctype;
    return recorder.outcome;
}

Outcome expat(const std::string& document, std::size_t chunk) {
    Outcome outcome;
    XML_Parser parser = XML_ParserCreate(nullptr);
    struct Context {
        Outcome* outcome;
        XML_Parser parser;
    } context{&outcome, parser};
    XML_SetUserData(parser, &context);
    XML_SetElementHandler(
        parser,
        [](void* self, const char* name, const char** attributes) {
            static_cast<Context*>(self)->outcome->start(name, attributes);
        },
        [](void* self, const char* name) { static_cast<Context*>(self)->outcome->end(name); });
    XML_SetCharacterDataHandler(parser, [](void* self, const char* data, int size) {
        static_cast<Context*>(self)->outcome->text(data, static_cast<std::size_t>(size));
    });
    XML_SetStartDoctypeDeclHandler(parser,
                                   [](void* self, const char*, const char*, const char*, int) {
                                       auto* context = static_cast<Context*>(self);
                                       context->outcome->doctype = true;
                                       XML_StopParser(context->parser, XML_FALSE);
                                   });
    XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER);
    bool ok = true;
    for (std::size_t at = 0; ok && at < document.size(); at += chunk) {
        ok = XML_Parse(parser, document.data() + at,
                       static_cast<int>(std::min(chunk, document.size() - at)),
                       XML_FALSE) == XML_STATUS_OK;
    }
    ok = ok && XML_Parse(parser, "", 0, XML_TRUE) == XML_STATUS_OK;
    XML_ParserFree(parser);
    outcome.flush_text();
    outcome.accepted = ok && !outcome.doctype;
    return outcome;
}

// A refusal for a DOCTYPE and one for malformed XML count alike: expat may find a broken
// declaration malformed before it would report it (both refuse the file).
std::string describe(const Outcome& outcome) {
    std::string text = outcome.accepted ? "accepted:" : "refused";
    if (outcome.accepted) {
        for (const auto& event : outcome.events) {
            text += " " + event;
        }
    }
    return text;
}

// The scanner and expat agree on `document` in chunks of every size up to 8 and whole.
void check_agrees(const std::string& document) {
    if (xml_part_is_utf8(document, true) == false) {
        return; // expat's alone
    }
    const std::string theirs = describe(expat(document, document.size() + 1));
    for (std::size_t chunk : {document.size() + 1, std::size_t{1}, std::size_t{2}, std::size_t{3},
                              std::size_t{5}, std::size_t{8}}) {
        INFO("document: " << document << "\nchunk: " << chunk);
        CHECK(describe(scan(document, chunk)) == theirs);
    }
}

const char* const kSheet =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    "\r\n"
    R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
    R"(<sheetData><row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c>)"
    R"(<c r="B1" t="inlineStr"><is><t xml:space='preserve'> Zoë &amp; Ñúñez </t></is></c>)"
    R"(<c r="C1" s="2"><f>A1&lt;3</f><v>46055</v></c></row><!-- a comment -->)"
    R"(<x:row r="2"><c r="A2" t="str"><v>+34 600&#x20;000&#160;001</v></c></x:row>)"
    R"(</sheetData></worksheet>)";

const char* const kStrings = R"(<sst count="2"><si><t>Иван &quot;Петров&quot;</t></si>)"
                             R"(<si><r><t>a</t></r><r><rPr/><t>b</t></r><rPh><t>c</t></rPh></si>)"
                             "<si><t><![CDATA[<raw> & \r\n]]></t></si><?pi data?></sst>\n";

} // namespace

TEST_CASE("the scanner reads a workbook part as expat does, in any chunks") {
    check_agrees(kSheet);
    check_agrees(kStrings);
    check_agrees("\xEF\xBB\xBF<a b='1'/>");
    check_agrees("<a>line\r\nbreak\rand\n</a>");
    check_agrees("<a v=\"tab\there\r\nnew&#10;line&#9;\"/>");
    check_agrees("<a>&#x1F600;&#128512;&#65;&#xe9;</a>");
    check_agrees("<é ñ='1'><日本>x</日本></é>");
    check_agrees("<a>]]</a>");
    check_agrees("<a>]]]</a>");
    check_agrees("<a x='>'>></a>");
    check_agrees("  <?pi?>\n<!---->\n<a/>\n<!-- after -->\n");
}

TEST_CASE("the scanner refuses what expat refuses") {
    for (const char* bad : {"",
                            "<a>",
                            "<a></b>",
                            "<a b='1' b='2'/>",
                            "<a b=1/>",
                            "<a b='<'/>",
                            "<a>&bogus;</a>",
                            "<a>&amp</a>",
                            "<a>&#0;</a>",
                            "<a>&#xD800;</a>",
                            "<a>&#x110000;</a>",
                            "<a>]]></a>",
                            "<a>\x01</a>",
                            "<a>\xC3</a>",
                            "<a>\xC0\x80</a>",
                            "<a>\xED\xA0\x80</a>",
                            "<a>\xEF\xBF\xBE</a>",
                            "<a>\xF4\x90\x80\x80</a>",
                            "<a/><b/>",
                            "<a/>text",
                            "text<a/>",
                            "<a><!-- a -- b --></a>",
                            "<a><?xml version='1.0'?></a>",
                            "<a b='1'c='2'/>",
                            "<a 😀='1'/>",
                            "<😀/>",
                            "<?xml version='1.0' standalone='maybe'?><a/>",
                            "<?xml encoding='UTF-8'?><a/>",
                            "<![CDATA[x]]><a/>",
                            "<a></a >x",
                            "</a>",
                            "<a>\r\n<b></a></b>",
                            "<a b='&#x;'/>",
                            "<a>&#12a;</a>",
                            "<1a/>",
                            "<a =''/>"}) {
        check_agrees(bad);
    }
}

TEST_CASE("a DOCTYPE is reported before any of it is read") {
    CHECK(scan(R"(<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>)", 4).doctype);
    CHECK(scan("<!DOCTYPE a SYSTEM 'file:///etc/passwd'><a/>", 100).doctype);
    const Outcome inside = scan("<a><!DOCTYPE a></a>", 100);
    CHECK_FALSE(inside.accepted);
    CHECK_FALSE(inside.doctype);
}

TEST_CASE("the scanner says where a part is malformed and stops when its events ask") {
    Recorder recorder;
    XmlScanner scanner(recorder);
    const std::string document = "<a>\n<b>\n</c></a>";
    CHECK(scanner.feed(document.data(), document.size(), true) == XmlScanStatus::malformed);
    CHECK(scanner.error() == "mismatched tag");
    CHECK(scanner.error_line() == 3);

    Recorder stopping;
    stopping.stop_after = 2;
    XmlScanner stopped(stopping);
    const std::string rows = "<a><b/><c/><d/></a>";
    CHECK(stopped.feed(rows.data(), rows.size(), true) == XmlScanStatus::stopped);
    CHECK(stopping.outcome.events == std::vector<std::string>{"<a", "<b"});
}

TEST_CASE("a huge token fed in small chunks is read in linear time") {
    // Scanned again from its start on every chunk, 4 MiB in 256-byte chunks would be minutes.
    const std::string value(4 << 20, 'v');
    const std::string document = "<a b='" + value + "'><!--" + value + "-->" + value + "</a>";
    const auto start = std::chrono::steady_clock::now();
    const Outcome outcome = scan(document, 256);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
    REQUIRE(outcome.accepted);
    CHECK(outcome.events.size() == 3);
    CHECK(outcome.events[0] == "<a b=[" + value + "]");
}

TEST_CASE("which parts the scanner reads: UTF-8 ones, declared or not") {
    CHECK(xml_part_is_utf8("<a/>", true) == true);
    CHECK(xml_part_is_utf8(R"(<?xml version="1.0" encoding="utf-8"?><a/>)", true) == true);
    CHECK(xml_part_is_utf8(R"(<?xml version="1.0"?><a/>)", true) == true);
    CHECK(xml_part_is_utf8("\xEF\xBB\xBF<a/>", true) == true);
    CHECK(xml_part_is_utf8(R"(<?xml version="1.0" encoding="ISO-8859-1"?><a/>)", true) == false);
    CHECK(xml_part_is_utf8(std::string("\xFF\xFE<\0a\0/\0>\0", 10), true) == false);
    CHECK(xml_part_is_utf8(std::string("<\0a\0", 4), true) == false);
    CHECK_FALSE(xml_part_is_utf8("<?xm", false).has_value());
    CHECK_FALSE(xml_part_is_utf8(R"(<?xml version="1.0" enc)", false).has_value());
}

TEST_CASE("the scanner agrees with expat on thousands of mutated workbook parts") {
    const std::vector<std::string> pieces = {"<",
                                             ">",
                                             "&",
                                             ";",
                                             "&amp;",
                                             "&#38;",
                                             "&#x1F600;",
                                             "&#0;",
                                             "&bogus;",
                                             "&lt",
                                             "]]>",
                                             "]",
                                             "<![CDATA[x]]>",
                                             "<![CDATA[",
                                             "<!-- c -->",
                                             "<!--",
                                             "-->",
                                             "--",
                                             "<?pi x?>",
                                             "?>",
                                             "<?xml version=\"1.0\"?>",
                                             "\"",
                                             "'",
                                             "=",
                                             "/",
                                             "</c>",
                                             "<c>",
                                             "<c/>",
                                             " ",
                                             "\r\n",
                                             "\r",
                                             "\n",
                                             "\t",
                                             "\x01",
                                             "\xC3\xA9",
                                             "\xF0\x9F\x98\x80",
                                             "\xC3",
                                             "\xFF",
                                             "\xED\xA0\x80",
                                             "\xEF\xBF\xBE",
                                             "a",
                                             ":",
                                             "x:",
                                             "<!DOCTYPE a>",
                                             "\xEF\xBB\xBF",
                                             "1",
                                             "#",
                                             "x=\"1\"",
                                             " y='2'",
                                             "\xC3\xA9",
                                             "<\xC3\xA9>",
                                             "</\xC3\xA9>"};
    std::mt19937 random(20261202);
    const std::vector<std::string> seeds = {kSheet, kStrings};
    int agreed = 0;
    for (int round = 0; round < 6000; ++round) {
        std::string document = seeds[random() % seeds.size()];
        const int edits = 1 + static_cast<int>(random() % 3);
        for (int edit = 0; edit < edits; ++edit) {
            const std::size_t at = random() % (document.size() + 1);
            const std::string& piece = pieces[random() % pieces.size()];
            switch (random() % 3) {
            case 0:
                document.insert(at, piece);
                break;
            case 1:
                document.replace(at, std::min<std::size_t>(piece.size(), document.size() - at),
                                 piece);
                break;
            default:
                document.erase(at, 1 + random() % 4);
                break;
            }
        }
        if (xml_part_is_utf8(document, true) == false) {
            continue;
        }
        const std::string theirs = describe(expat(document, document.size() + 1));
        const std::size_t chunk = 1 + random() % 64;
        const std::string ours = describe(scan(document, chunk));
        if (ours != theirs) {
            INFO("document: " << document << "\nchunk: " << chunk);
            CHECK(ours == theirs);
        } else {
            ++agreed;
        }
    }
    CHECK(agreed > 5000);
}
