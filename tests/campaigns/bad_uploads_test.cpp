// Every kind of bad upload the reader knows, sent through the HTTP route: each is refused with the
// reader's code and a message that names it, and the draft keeps the upload it had.
#include "../import/workbook_builder.hpp"
#include "campaign_fixture.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::testing;
using json = nlohmann::json;

namespace {

const std::string phone_row =
    R"(<row r="1"><c r="A1" t="inlineStr"><is><t>phone</t></is></c></row>)";

} // namespace

TEST_CASE("each bad upload is refused through the route with the reader's code, storing nothing") {
    CampaignFixture fixture;
    const auto draft = fixture.new_draft("summer_sale", "en_US", "excel");
    const auto upload = fixture.draft_path(draft, "/upload?file_name=");
    REQUIRE(fixture
                .post_bytes(upload + "first.csv",
                            "phone,Var1,Var2\n+34600111222,A,B\n+34600111223,C,D\n")
                ->status == 200);

    SheetXml dtd(phone_row);
    auto dtd_parts = workbook_parts(dtd);
    for (auto& [name, content] : dtd_parts) {
        if (name == "xl/worksheets/sheet1.xml") {
            content = R"(<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>)" +
                      content.substr(content.find("<worksheet"));
        }
    }
    SheetXml bomb(phone_row + std::string(4u << 20, ' '));
    struct Case {
        const char* label;
        std::string bytes;
        const char* name;
        const char* code;
    };
    const std::vector<Case> cases = {
        {"a CSV renamed .xlsx", "phone\n+34600111222\n", "a.xlsx", "extension_mismatch"},
        {"a PDF", std::string("%PDF-1.7\n\0\0\x01 binary", 18), "a.xlsx", "not_xlsx"},
        {"a Word document", zip_bytes({{"word/document.xml", "<w:document/>"}}), "a.xlsx",
         "not_xlsx"},
        {"a damaged zip", std::string("PK\x03\x04garbage", 11), "a.xlsx", "corrupt_zip"},
        {"an old .xls", compound_file("Workbook"), "a.xls", "legacy_xls"},
        {"an encrypted package", compound_file("EncryptedPackage"), "a.xlsx", "encrypted"},
        {"encrypted zip entries", zip_bytes(workbook_parts(SheetXml(phone_row)), "secret"),
         "a.xlsx", "encrypted"},
        {"a DOCTYPE with an entity", zip_bytes(dtd_parts), "a.xlsx", "xml_dtd_refused"},
        {"corrupt XML", workbook_bytes(SheetXml("<row r=\"1\"><c r=\"A1\"")), "a.xlsx",
         "corrupt_xml"},
        {"a zip bomb", workbook_bytes(bomb), "a.xlsx", "zip_bomb"},
        {"an empty file", "", "a.csv", "empty_file"},
        {"Windows-1252 text", "phone,name\n+34600111222,Jos\xE9\n", "a.csv", "not_utf8"},
        {"no phone column", "name\nAna\n", "a.csv", "missing_column"},
    };
    for (const auto& item : cases) {
        INFO(item.label);
        const auto result = fixture.post_bytes(upload + item.name, item.bytes);
        REQUIRE(result);
        INFO(result->body);
        CHECK(result->status == 422);
        const auto error = json::parse(result->body)["error"];
        CHECK(error["code"] == item.code);
        CHECK(error["field"] == "file");
        CHECK_FALSE(error["message"].get<std::string>().empty());
    }
    const auto current = fixture.get_ok(fixture.draft_path(draft))["draft"];
    CHECK(current["upload"]["file_name"] == "first.csv");
    CHECK(current["upload"]["rows"] == 2);
    CHECK(fixture.count("SELECT SUM(row_count) FROM campaign_draft_row_blocks") == 2);
}
