// Send from customers: the picker's search, add, Add all on the server, remove, customer fields.
#include "campaign_fixture.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::testing;
using json = nlohmann::json;

TEST_CASE("customers are added one by one or all at once by search, and removed") {
    CampaignFixture fixture;
    const auto draft = fixture.new_draft("summer_sale", "en_US", "customers");
    const auto created = fixture.get_ok(fixture.draft_path(draft))["draft"];
    CHECK(created["fields"] == json({"name", "email", "phone"}));
    CHECK(created["variables"]["1"] == json({{"source", "field"}, {"value", "name"}}));

    const auto picked = fixture.get_ok("/api/customers?search=Zo&limit=5")["customers"];
    REQUIRE_FALSE(picked.empty());
    for (const auto& customer : picked) {
        CHECK(customer["name"].get<std::string>().find("Zo") != std::string::npos);
    }
    const auto first = picked[0]["id"].get<std::int64_t>();
    auto added = fixture.post_ok(fixture.draft_path(draft, "/recipients"),
                                 {{"customer_ids", {first, first}}});
    CHECK(added["added"] == 1);
    CHECK(added["draft"]["recipients"] == 1);
    // Custom fields of the chosen customers become fields a variable can take.
    CHECK(added["draft"]["fields"] == json({"name", "email", "phone", "city", "plan"}));

    auto unknown =
        fixture.post(fixture.draft_path(draft, "/recipients"), {{"customer_ids", {999999}}});
    REQUIRE(unknown);
    CHECK(unknown->status == 422);

    const auto all =
        fixture.post_ok(fixture.draft_path(draft, "/recipients/add-all"), {{"search", ""}});
    const auto customers = fixture.count("SELECT COUNT(*) FROM customers");
    CHECK(all["added"] == customers - 1);
    CHECK(all["draft"]["recipients"] == customers);
    // The picked customer keeps row 1; the rest follow.
    const auto page =
        fixture.get_ok("/api/tables/draft_recipients?page_size=10&draft=" + std::to_string(draft));
    CHECK(page["total"] == customers);
    CHECK(page["rows"][0]["customer_id"] == first);
    CHECK(page["rows"][0]["row"] == 1);

    const auto removed = fixture.post_ok(fixture.draft_path(draft, "/recipients/remove"),
                                         {{"customer_ids", {first}}});
    CHECK(removed["removed"] == 1);
    CHECK(removed["draft"]["recipients"] == customers - 1);

    SECTION("review: opted-out customers and those queued for an agent are rejected") {
        const auto gold = std::string(R"({"plan":"gold"})");
        fixture.add_customer("Prueba Uno", "+34611000001", false, gold);
        fixture.add_customer("Prueba Dos", "+34611000002", false, gold);
        fixture.add_customer("Prueba Tres", "+34611000003", true, gold);
        fixture.queue_conversation(
            fixture.add_customer("Prueba Cuatro", "+34611000004", false, gold));
        fixture.add_customer("Prueba Cinco", "+34611000005"); // no plan: {{2}} is empty
        const auto fresh = fixture.new_draft("summer_sale", "en_US", "customers");
        const auto added = fixture.post_ok(fixture.draft_path(fresh, "/recipients/add-all"),
                                           {{"search", "Prueba"}});
        CHECK(added["added"] == 5);
        fixture.post_ok(fixture.draft_path(fresh, "/settings"), {{"name", "Everyone"}});
        fixture.post_ok(fixture.draft_path(fresh, "/variables"),
                        {{"variables",
                          {{"1", {{"source", "field"}, {"value", "name"}}},
                           {"2", {{"source", "field"}, {"value", "plan"}}}}}});
        const auto review = fixture.post_ok(fixture.draft_path(fresh, "/review"), json::object());
        CHECK(review["review"]["messages"] == 2);
        CHECK(review["review"]["rejected"] == 3);
        const auto messages = fixture.get_ok("/api/tables/draft_messages?page_size=10&draft=" +
                                             std::to_string(fresh))["rows"];
        REQUIRE(messages.size() == 2);
        CHECK(messages[0]["text"] == "Hi Prueba Uno, enjoy gold off everything until Sunday.");
        CHECK(messages[1]["customer"] == "Prueba Dos");
        const auto rejected = fixture.get_ok("/api/tables/draft_rejected?page_size=10&draft=" +
                                             std::to_string(fresh))["rows"];
        REQUIRE(rejected.size() == 3);
        CHECK(rejected[0]["reason"].get<std::string>().find("asked not to receive") !=
              std::string::npos);
        CHECK(rejected[1]["reason"].get<std::string>().find("active conversation") !=
              std::string::npos);
        CHECK(rejected[2]["reason"] == "Variable {{2}} has no value.");
    }
    SECTION("the customers' routes refuse an Excel draft, and upload refuses a customers draft") {
        const auto excel = fixture.new_draft("summer_sale", "en_US", "excel");
        auto refused =
            fixture.post(fixture.draft_path(excel, "/recipients/add-all"), json::object());
        REQUIRE(refused);
        CHECK(refused->status == 409);
        CHECK(error_code(refused) == "wrong_source");
        auto upload = fixture.post_bytes(fixture.draft_path(draft, "/upload?file_name=a.csv"),
                                         "phone\n+34600111222\n");
        REQUIRE(upload);
        CHECK(upload->status == 409);
    }
}
