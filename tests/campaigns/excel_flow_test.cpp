// Send from Excel through the HTTP API: upload, bindings, review with every kind of rejection,
// and uploads that are refused without storing anything.
#include "campaign_fixture.hpp"
#include "raw_client.hpp"
#include "server/export/xlsx_workbook.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace waconsole;
using namespace waconsole::testing;
using json = nlohmann::json;

namespace {

// A demo customer who opted out, and one in an active conversation who did not.
struct KnownPeople {
    std::string opted_out;
    std::string in_conversation;
};

KnownPeople known_people(const CampaignFixture& fixture) {
    fixture.add_customer("Opted Out", "+34611000007", true);
    fixture.queue_conversation(fixture.add_customer("In A Queue", "+34611000008"));
    // Written another way than stored: still the same people.
    return {"0034 611 000 007", "+34-611-000-008"};
}

std::string recipients_csv(const KnownPeople& people) {
    return "Phone,Name,Var1,Var2,City\n"
           "+34 600 111 222,Ana,Ana,20%,Madrid\n"    // 2: sent
           "0034600111222,Ana again,Ana,20%,Lugo\n"  // 3: the same person as row 2
           "12345,Bad,B,1%,Vigo\n"                   // 4: not a number
           "+34600111333,Empty,,5%,Vigo\n"           // 5: {{1}} empty
           "+12025550143,Joe,Joe,10%,NYC\n"          // 6: marketing to a US number
           + people.opted_out + ",Opted,O,1%,Vigo\n" // 7: opted out
           + people.in_conversation +
           ",Busy,B,1%,Vigo\n"                             // 8: in a conversation
           "+34600111444,Tabs,\"Too     many\",1%,Vigo\n"; // 9: five spaces in a row
}

json rows_of(const CampaignFixture& fixture, const std::string& table, std::int64_t draft) {
    return fixture.get_ok("/api/tables/" + table +
                          "?page_size=100&draft=" + std::to_string(draft))["rows"];
}

json total_of(const CampaignFixture& fixture, const std::string& table, std::int64_t draft) {
    return fixture.get_ok("/api/tables/" + table +
                          "?page_size=10&draft=" + std::to_string(draft))["total"];
}

std::string reason_of(const json& rejected, int row) {
    for (const auto& item : rejected) {
        if (item["row"] == row) {
            return item["reason"].get<std::string>();
        }
    }
    return "(row " + std::to_string(row) + " not rejected)";
}

} // namespace

TEST_CASE("an Excel campaign's review sends the good rows and rejects each bad one with a reason "
          "and its row") {
    CampaignFixture fixture;
    const auto people = known_people(fixture);
    const auto draft = fixture.new_draft("summer_sale", "en_US", "excel");
    fixture.post_ok(
        fixture.draft_path(draft, "/settings"),
        {{"name", "Summer 2026"}, {"mode", "immediate"}, {"time_zone", "Europe/Madrid"}});
    const auto uploaded = fixture.post_bytes(
        fixture.draft_path(draft, "/upload?file_name=clients.csv"), recipients_csv(people));
    REQUIRE(uploaded);
    INFO(uploaded->body);
    REQUIRE(uploaded->status == 200);
    const auto after_upload = json::parse(uploaded->body)["draft"];
    CHECK(after_upload["upload"]["rows"] == 8);
    CHECK(after_upload["fields"] == json({"Phone", "Name", "Var1", "Var2", "City"}));
    // The sample file's columns are bound by name.
    CHECK(after_upload["variables"]["1"] == json({{"source", "field"}, {"value", "Var1"}}));
    CHECK(after_upload["variables"]["2"] == json({{"source", "field"}, {"value", "Var2"}}));

    const auto review = fixture.post_ok(fixture.draft_path(draft, "/review"), json::object());
    CHECK(review["review"]["messages"] == 1);
    CHECK(review["review"]["rejected"] == 7);
    CHECK(review["review"]["marketing"] == true);
    CHECK(review["review"]["daily_limit"]["tier"] == "TIER_1K");
    CHECK(review["review"]["over_daily_limit"] == false);

    const auto messages = rows_of(fixture, "draft_messages", draft);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0]["row"] == 2);
    CHECK(messages[0]["phone"] == "+34600111222");
    CHECK(messages[0]["customer"] == "Ana");
    CHECK(messages[0]["text"] == "Hi Ana, enjoy 20% off everything until Sunday.");

    const auto rejected = rows_of(fixture, "draft_rejected", draft);
    CHECK(rejected.size() == 7);
    // Each tab's total is the review's count (pages never count the verdicts again).
    CHECK(total_of(fixture, "draft_messages", draft) == 1);
    CHECK(total_of(fixture, "draft_rejected", draft) == 7);
    CHECK(reason_of(rejected, 3) == "The same number as row 2.");
    CHECK(reason_of(rejected, 4).find("The number") == 0);
    CHECK(reason_of(rejected, 5) == "Variable {{1}} has no value.");
    CHECK(reason_of(rejected, 6).find("United States") != std::string::npos);
    CHECK(reason_of(rejected, 7).find("asked not to receive") != std::string::npos);
    CHECK(reason_of(rejected, 8).find("active conversation") != std::string::npos);
    CHECK(reason_of(rejected, 9).find("spaces in a row") != std::string::npos);

    auto download = fixture.get("/api/tables/draft_rejected.xlsx?draft=" + std::to_string(draft));
    REQUIRE(download);
    CHECK(download->status == 200);
    CHECK(download->get_header_value("X-Export-Rows") == "7");

    SECTION("the switch for active conversations lets that customer in") {
        fixture.post_ok(fixture.draft_path(draft, "/settings"),
                        {{"name", "Summer 2026"},
                         {"mode", "immediate"},
                         {"include_active_conversations", true}});
        const auto again = fixture.post_ok(fixture.draft_path(draft, "/review"), json::object());
        CHECK(again["review"]["messages"] == 2);
        CHECK(total_of(fixture, "draft_messages", draft) == 2);
        CHECK(total_of(fixture, "draft_rejected", draft) == 6);
        CHECK(reason_of(rows_of(fixture, "draft_rejected", draft), 8).find("not rejected") !=
              std::string::npos);
    }
    SECTION("a variable typed by hand goes to every row") {
        fixture.post_ok(fixture.draft_path(draft, "/variables"),
                        {{"variables",
                          {{"1", {{"source", "field"}, {"value", "name"}}},
                           {"2", {{"source", "text"}, {"value", "30%"}}}}}});
        fixture.post_ok(fixture.draft_path(draft, "/review"), json::object());
        const auto typed = rows_of(fixture, "draft_messages", draft);
        CHECK(typed[0]["text"] == "Hi Ana, enjoy 30% off everything until Sunday.");
        // Row 5 had no Var1, but its name is bound now.
        CHECK(reason_of(rows_of(fixture, "draft_rejected", draft), 5).find("not rejected") !=
              std::string::npos);
    }
    SECTION("a change after the review clears it: the tabs are empty until the next review") {
        fixture.post_ok(fixture.draft_path(draft, "/variables"),
                        {{"variables",
                          {{"1", {{"source", "field"}, {"value", "Var1"}}},
                           {"2", {{"source", "field"}, {"value", "City"}}}}}});
        CHECK(rows_of(fixture, "draft_messages", draft).empty());
        CHECK(total_of(fixture, "draft_messages", draft) == 0);
        CHECK(total_of(fixture, "draft_rejected", draft) == 0);
        CHECK(fixture.get_ok(fixture.draft_path(draft))["draft"]["review"].is_null());
    }
}

TEST_CASE("a real .xlsx upload is read by column name in any order") {
    CampaignFixture fixture;
    const auto draft = fixture.new_draft("order_update", "es_MX", "excel");
    TempDir dir;
    const auto path = (dir.path / "clients.xlsx").string();
    {
        XlsxWorkbook workbook(path, false);
        workbook.add_sheet("Clientes");
        const std::vector<std::string> header = {"Var2", "Button 2 var", "NAME", "Var1", " Phone "};
        for (std::size_t at = 0; at < header.size(); ++at) {
            workbook.write_header(static_cast<int>(at), header[at]);
        }
        workbook.write_text(1, 0, "A-77");
        workbook.write_text(1, 1, "A-77");
        workbook.write_text(1, 2, "Zoë Ñúñez");
        workbook.write_text(1, 3, "Zoë");
        workbook.write_number(1, 4, 525512345678.0); // a phone typed as a number
        workbook.close();
    }
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    const auto uploaded = fixture.post_bytes(
        fixture.draft_path(draft, "/upload?file_name=clients.xlsx"), bytes.str());
    REQUIRE(uploaded);
    INFO(uploaded->body);
    REQUIRE(uploaded->status == 200);
    fixture.post_ok(fixture.draft_path(draft, "/settings"), {{"name", "Pedidos"}});
    const auto review = fixture.post_ok(fixture.draft_path(draft, "/review"), json::object());
    CHECK(review["review"]["messages"] == 1);
    const auto messages = rows_of(fixture, "draft_messages", draft);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0]["phone"] == "+525512345678");
    CHECK(messages[0]["customer"] == "Zoë Ñúñez");
    CHECK(messages[0]["text"] == "Hola Zoë, tu pedido A-77 ya va en camino.");
}

TEST_CASE("a refused upload stores nothing and names the problem") {
    CampaignFixture fixture;
    const auto draft = fixture.new_draft("summer_sale", "en_US", "excel");
    const auto upload = fixture.draft_path(draft, "/upload?file_name=");
    const std::string good = "phone,Var1,Var2\n+34600111222,Ana,20%\n+34600111223,Eva,20%\n";
    REQUIRE(fixture.post_bytes(upload + "clients.csv", good)->status == 200);

    SECTION("a CSV renamed .xlsx") {
        auto result = fixture.post_bytes(upload + "clients.xlsx", good);
        REQUIRE(result);
        CHECK(result->status == 422);
        CHECK(error_code(result) == "extension_mismatch");
        CHECK(json::parse(result->body)["error"]["field"] == "file");
    }
    SECTION("no phone column") {
        auto result = fixture.post_bytes(upload + "clients.csv", "name,Var1\nAna,Ana\n");
        REQUIRE(result);
        CHECK(result->status == 422);
        CHECK(error_code(result) == "missing_column");
    }
    SECTION("a header and no rows") {
        auto result = fixture.post_bytes(upload + "clients.csv", "phone,Var1\n");
        REQUIRE(result);
        CHECK(result->status == 422);
        CHECK(error_code(result) == "empty_file");
    }
    SECTION("over 20 MiB: refused by its length before any of it is read") {
        RawClient raw(fixture.server.port());
        REQUIRE(raw.send("POST " + upload +
                         "big.csv HTTP/1.1\r\nHost: x\r\nAuthorization: "
                         "Bearer " +
                         fixture.token +
                         "\r\nContent-Type: application/octet-stream"
                         "\r\nContent-Length: " +
                         std::to_string((20u << 20) + 1) + "\r\n\r\n"));
        const auto answer = raw.read_response(std::chrono::seconds(5));
        REQUIRE(answer);
        CHECK(answer->status == 413);
    }
    SECTION("no file name") {
        auto result = fixture.post_bytes(fixture.draft_path(draft, "/upload"), good);
        REQUIRE(result);
        CHECK(result->status == 400);
        CHECK(json::parse(result->body)["error"]["field"] == "file_name");
    }
    // The first upload is still the draft's.
    const auto current = fixture.get_ok(fixture.draft_path(draft))["draft"];
    CHECK(current["upload"]["rows"] == 2);
    CHECK(current["upload"]["file_name"] == "clients.csv");
    CHECK(fixture.count("SELECT SUM(row_count) FROM campaign_draft_row_blocks") == 2);
}
