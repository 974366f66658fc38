// Confirm: what is stored for the sender, decided again by the server; Cancel and expiry.
#include "campaign_fixture.hpp"
#include "server/campaigns/campaign_drafts.hpp"
#include "server/clock.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::testing;
using json = nlohmann::json;

namespace {

std::int64_t excel_draft(const CampaignFixture& fixture, const std::string& name,
                         const std::string& csv) {
    const auto draft = fixture.new_draft("order_update", "es_MX", "excel");
    fixture.post_ok(fixture.draft_path(draft, "/settings"), {{"name", name}});
    const auto uploaded =
        fixture.post_bytes(fixture.draft_path(draft, "/upload?file_name=pedidos.csv"), csv);
    REQUIRE(uploaded);
    REQUIRE(uploaded->status == 200);
    return draft;
}

struct StoredRecipient {
    std::int64_t row = 0;
    std::string phone;
    std::string text;
    json parameters;
    std::string state;
};

std::vector<StoredRecipient> stored_recipients(const CampaignFixture& fixture,
                                               std::int64_t campaign) {
    auto db = const_cast<RunningServer&>(fixture.server).services().pool.acquire();
    auto query = db->prepare("SELECT row_number, phone, rendered_text, parameters, state FROM "
                             "campaign_recipients WHERE campaign_id = ? ORDER BY row_number");
    query.bind(1, campaign);
    std::vector<StoredRecipient> rows;
    while (query.step()) {
        rows.push_back({query.get_int(0), query.get_text(1), query.get_text(2),
                        json::parse(query.get_text(3)), query.get_text(4)});
    }
    return rows;
}

} // namespace

TEST_CASE("Confirm stores the campaign, every accepted recipient's final text and send "
          "parameters, and every rejected row, and the draft is gone") {
    CampaignFixture fixture;
    const auto draft = excel_draft(fixture, "Pedidos de diciembre",
                                   "phone,name,Var1,Var2,Button 2 var\n"
                                   "+34600111222,Ana,Ana,A-1,A-1\n"
                                   "+34 600 111 222,Ana,Ana,A-2,A-2\n"
                                   "+33612345678,Luc,Luc,B-7,B-7\n"
                                   "nope,X,X,X,X\n");
    const auto confirmed =
        fixture.post_ok(fixture.draft_path(draft, "/confirm"), json::object(), 201);
    const auto& campaign = confirmed["campaign"];
    CHECK(campaign["status"] == "queued");
    CHECK(campaign["recipients"] == 2);
    CHECK(campaign["rejected"] == 2);
    const auto id = campaign["id"].get<std::int64_t>();

    const auto recipients = stored_recipients(fixture, id);
    REQUIRE(recipients.size() == 2);
    CHECK(recipients[0].row == 2);
    CHECK(recipients[0].phone == "+34600111222");
    CHECK(recipients[0].text == "Hola Ana, tu pedido A-1 ya va en camino.");
    CHECK(recipients[0].state == "queued");
    CHECK(recipients[0].parameters ==
          json::parse(R"({"body":[{"name":"","text":"Ana"},{"name":"","text":"A-1"}],"header":[],
                          "buttons":[{"index":1,"kind":"url","value":"A-1"},
                                     {"index":0,"kind":"quick_reply","value":"c)" +
                      std::to_string(id) + R"(.r2.b0"}]})"));
    CHECK(recipients[1].row == 4);
    CHECK(recipients[1].text == "Hola Luc, tu pedido B-7 ya va en camino.");
    CHECK(fixture.count("SELECT COUNT(*) FROM campaign_rejections WHERE campaign_id = " +
                        std::to_string(id) + " AND reason = 'The same number as row 2.'") == 1);
    CHECK(fixture.count("SELECT recipient_count FROM campaigns WHERE id = " + std::to_string(id)) ==
          2);

    auto gone = fixture.get(fixture.draft_path(draft));
    REQUIRE(gone);
    CHECK(gone->status == 404);
    auto twice = fixture.post(fixture.draft_path(draft, "/confirm"), json::object());
    REQUIRE(twice);
    CHECK(twice->status == 404);
    CHECK(fixture.count("SELECT COUNT(*) FROM campaigns") == 1);
    CHECK(fixture.count("SELECT (SELECT COUNT(*) FROM campaign_draft_rows) + "
                        "(SELECT COUNT(*) FROM campaign_draft_row_blocks) + "
                        "(SELECT COUNT(*) FROM campaign_draft_review_blocks)") == 0);
}

TEST_CASE("Confirm decides again: a customer who opted out after the review is not stored") {
    CampaignFixture fixture;
    const auto keep = fixture.add_customer("Prueba Uno", "+34611000001");
    const auto leave = fixture.add_customer("Prueba Dos", "+34611000002");
    const auto draft = fixture.new_draft("summer_sale", "en_US", "customers");
    fixture.post_ok(fixture.draft_path(draft, "/recipients"), {{"customer_ids", {keep, leave}}});
    fixture.post_ok(fixture.draft_path(draft, "/settings"), {{"name", "Late opt-out"}});
    fixture.post_ok(fixture.draft_path(draft, "/variables"),
                    {{"variables",
                      {{"1", {{"source", "field"}, {"value", "name"}}},
                       {"2", {{"source", "text"}, {"value", "15%"}}}}}});
    CHECK(fixture.post_ok(fixture.draft_path(draft, "/review"),
                          json::object())["review"]["messages"] == 2);
    {
        auto db = fixture.server.services().pool.acquire();
        db->prepare("UPDATE customers SET opted_out = 1 WHERE id = ?").bind(1, leave).run();
    }
    const auto confirmed =
        fixture.post_ok(fixture.draft_path(draft, "/confirm"), json::object(), 201);
    CHECK(confirmed["campaign"]["recipients"] == 1);
    CHECK(confirmed["campaign"]["rejected"] == 1);
    const auto recipients = stored_recipients(fixture, confirmed["campaign"]["id"]);
    REQUIRE(recipients.size() == 1);
    CHECK(recipients[0].text == "Hi Prueba Uno, enjoy 15% off everything until Sunday.");
}

TEST_CASE("Confirm refuses and stores nothing when nothing would be sent or the time has passed") {
    CampaignFixture fixture;
    SECTION("every row rejected") {
        const auto draft =
            excel_draft(fixture, "Nothing", "phone,Var1,Var2,Button 2 var\nnope,A,B,C\n");
        auto refused = fixture.post(fixture.draft_path(draft, "/confirm"), json::object());
        REQUIRE(refused);
        CHECK(refused->status == 422);
        CHECK(error_code(refused) == "no_recipients");
        CHECK(fixture.get(fixture.draft_path(draft))->status == 200); // the draft stays
    }
    SECTION("a scheduled time that passed after Settings") {
        const auto draft =
            excel_draft(fixture, "Too late", "phone,Var1,Var2,Button 2 var\n+34600111222,A,B,C\n");
        {
            auto db = fixture.server.services().pool.acquire();
            db->prepare("UPDATE campaign_drafts SET settings = json_set(settings, '$.mode', "
                        "'scheduled', '$.scheduled_date', '2026-01-01', '$.scheduled_time', "
                        "'10:00', '$.time_zone', 'UTC', '$.scheduled_at', 1767261600)")
                .run();
        }
        auto refused = fixture.post(fixture.draft_path(draft, "/confirm"), json::object());
        REQUIRE(refused);
        CHECK(refused->status == 422);
        CHECK(json::parse(refused->body)["error"]["field"] == "scheduled_time");
    }
    SECTION("bindings not complete") {
        const auto draft = excel_draft(fixture, "Unbound", "phone,Other\n+34600111222,A\n");
        auto refused = fixture.post(fixture.draft_path(draft, "/confirm"), json::object());
        REQUIRE(refused);
        CHECK(refused->status == 422);
        CHECK(json::parse(refused->body)["error"]["field"] == "variables.1");
    }
    CHECK(fixture.count("SELECT COUNT(*) FROM campaigns") == 0);
    CHECK(fixture.count("SELECT COUNT(*) FROM campaign_recipients") == 0);
}

TEST_CASE("a scheduled campaign is stored with its time") {
    CampaignFixture fixture;
    const auto draft =
        excel_draft(fixture, "Later", "phone,Var1,Var2,Button 2 var\n+34600111222,A,B,C\n");
    fixture.post_ok(fixture.draft_path(draft, "/settings"), {{"name", "Later"},
                                                             {"mode", "scheduled"},
                                                             {"scheduled_date", "2099-06-01"},
                                                             {"scheduled_time", "08:15"},
                                                             {"time_zone", "UTC"}});
    const auto confirmed =
        fixture.post_ok(fixture.draft_path(draft, "/confirm"), json::object(), 201);
    CHECK(confirmed["campaign"]["status"] == "scheduled");
    CHECK(confirmed["campaign"]["scheduled_at"] == 4083984900LL);
}

TEST_CASE("Cancel deletes a draft and its rows, and drafts untouched for a day expire") {
    CampaignFixture fixture;
    const auto draft = excel_draft(fixture, "Gone", "phone,Var1,Var2\n+34600111222,A,B\n");
    fixture.post_ok(fixture.draft_path(draft, "/cancel"), json::object());
    CHECK(fixture.get(fixture.draft_path(draft))->status == 404);
    CHECK(fixture.count("SELECT (SELECT COUNT(*) FROM campaign_draft_rows) + "
                        "(SELECT COUNT(*) FROM campaign_draft_row_blocks) + "
                        "(SELECT COUNT(*) FROM campaign_draft_review_blocks)") == 0);

    const auto old = excel_draft(fixture, "Old", "phone,Var1,Var2\n+34600111222,A,B\n");
    {
        auto db = fixture.server.services().pool.acquire();
        db->prepare("UPDATE campaign_drafts SET updated_at = ? WHERE id = ?")
            .bind(1, now_seconds() - kDraftLifetimeSeconds - 1)
            .bind(2, old)
            .run();
    }
    CHECK(fixture.get(fixture.draft_path(old))->status == 404);
    const auto fresh = fixture.new_draft("summer_sale", "en_US", "excel"); // sweeps old ones
    CHECK(fresh > old); // ids are never reused: an old tab cannot open a new draft
    CHECK(fixture.count("SELECT COUNT(*) FROM campaign_drafts WHERE id = " + std::to_string(old)) ==
          0);
    CHECK(fixture.count("SELECT (SELECT COUNT(*) FROM campaign_draft_rows) + "
                        "(SELECT COUNT(*) FROM campaign_draft_row_blocks) + "
                        "(SELECT COUNT(*) FROM campaign_draft_review_blocks)") == 0);
}
