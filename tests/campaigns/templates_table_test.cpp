// Section 1's table of templates, a template's detail and its sample file.
#include "campaign_fixture.hpp"
#include "server/import/recipient_file.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::testing;
using json = nlohmann::json;

namespace {

json row_named(const json& page, const std::string& name) {
    for (const auto& row : page["rows"]) {
        if (row["name"] == name) {
            return row;
        }
    }
    FAIL("no row " << name);
    return {};
}

} // namespace

TEST_CASE("the templates table shows body, variables and buttons, and why a template cannot "
          "start a campaign") {
    CampaignFixture fixture;
    const auto page = fixture.get_ok("/api/tables/campaign_templates?page_size=10");
    CHECK(page["total"] == 4);
    const auto sale = row_named(page, "summer_sale");
    CHECK(sale["category"] == "MARKETING");
    CHECK(sale["body"] == "Hi {{1}}, enjoy {{2}} off everything until Sunday.");
    CHECK(sale["variables"] == "{{1}}, {{2}}");
    CHECK(sale["buttons"] == "Show me \xC2\xB7 Stop promotions");
    CHECK(sale["can_start"] == true);
    CHECK(sale["start_refusal"].is_null());
    const auto order = row_named(page, "order_update");
    CHECK(order["variables"] == "{{1}}, {{2}}, {{button.1}}");
    CHECK(order["buttons"] == "S\xC3\xAD \xC2\xB7 Rastrear (URL)");
    const auto paused = row_named(page, "winter_sale");
    CHECK(paused["can_start"] == false);
    CHECK(paused["start_refusal"].get<std::string>().find("paused") != std::string::npos);
    const auto four = row_named(page, "four_choices");
    CHECK(four["can_start"] == false);
    CHECK(four["start_refusal"].get<std::string>().find("at most 3") != std::string::npos);

    const auto searched = fixture.get_ok("/api/tables/campaign_templates?search=sale");
    CHECK(searched["total"] == 2);

    SECTION("a template that cannot start refuses a draft with its reason") {
        auto refused = fixture.post(
            "/api/campaign-drafts",
            {{"template_id", fixture.template_id("winter_sale", "en_US")}, {"source", "excel"}});
        REQUIRE(refused);
        CHECK(refused->status == 409);
        CHECK(error_code(refused) == "template_unavailable");
        CHECK(fixture.count("SELECT COUNT(*) FROM campaign_drafts") == 0);
    }
}

TEST_CASE("a template's detail names its layout, variables and sample columns") {
    CampaignFixture fixture;
    const auto id = fixture.template_id("order_update", "es_MX");
    const auto body = fixture.get_ok("/api/campaign-templates/" + std::to_string(id));
    const auto& tmpl = body["template"];
    CHECK(tmpl["header"]["text"] == "Tu pedido");
    CHECK(tmpl["variables"] == json({"1", "2", "button.1"}));
    CHECK(tmpl["sample_columns"] == json({"phone", "name", "Var1", "Var2", "Button 2 var"}));
    CHECK(tmpl["buttons"][1]["url"] == "https://example.com/track/{{1}}");
    CHECK(body["limits"]["body"] == 1024);
    auto missing = fixture.get("/api/campaign-templates/999999");
    REQUIRE(missing);
    CHECK(missing->status == 404);
}

TEST_CASE("the sample file has the template's columns and Meta's example values, and reads back "
          "through the import reader") {
    CampaignFixture fixture;
    const auto id = fixture.template_id("order_update", "es_MX");
    auto result = fixture.get("/api/campaign-templates/" + std::to_string(id) + "/sample.xlsx");
    REQUIRE(result);
    REQUIRE(result->status == 200);
    CHECK(result->get_header_value("Content-Disposition").find("order_update-es_MX-sample.xlsx") !=
          std::string::npos);
    std::vector<std::vector<std::string>> rows;
    const auto error = read_upload_rows(UploadedFile::in_memory(result->body, "sample.xlsx"),
                                        ImportLimits{}, [&](const FileRow& row) {
                                            rows.push_back(row.cells);
                                            return true;
                                        });
    REQUIRE_FALSE(error);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == std::vector<std::string>{"phone", "name", "Var1", "Var2", "Button 2 var"});
    CHECK(rows[1] ==
          std::vector<std::string>{"+34600000001", "Ana P\xC3\xA9rez", "Ana", "A-1043", "A-1043"});
}
