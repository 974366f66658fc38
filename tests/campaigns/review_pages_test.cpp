// A review larger than one block of rows (server/campaigns/draft_blocks): the upload and both
// tabs are kept in blocks, and the tabs page by number and by cursor across them exactly as any
// other table pages (every row once, in row order), and download whole.
#include "campaign_fixture.hpp"
#include "server/campaigns/draft_blocks.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::testing;
using json = nlohmann::json;

namespace {

constexpr int kLastRow = 701; // rows 2..701: 700 recipients, every tenth row a bad number

bool rejected_row(int row) {
    return row % 10 == 0;
}

std::string big_csv() {
    std::string csv = "phone,Var1,Var2\n";
    for (int row = 2; row <= kLastRow; ++row) {
        csv += rejected_row(row) ? std::string("12345") : "+34600" + std::to_string(100000 + row);
        csv += ",N" + std::to_string(row) + ",5%\n";
    }
    return csv;
}

std::vector<int> rows_of(const json& page) {
    std::vector<int> rows;
    for (const auto& row : page["rows"]) {
        rows.push_back(row["row"].get<int>());
    }
    return rows;
}

} // namespace

TEST_CASE("a review of 700 rows pages its tabs across blocks by number and by cursor, each row "
          "once and in order") {
    static_assert(kLastRow - 1 > 2 * kDraftBlockRows, "the upload must span three blocks");
    CampaignFixture fixture;
    const auto draft = fixture.new_draft("summer_sale", "en_US", "excel");
    fixture.post_ok(fixture.draft_path(draft, "/settings"),
                    {{"name", "Big"}, {"mode", "immediate"}, {"time_zone", "Europe/Madrid"}});
    const auto uploaded =
        fixture.post_bytes(fixture.draft_path(draft, "/upload?file_name=big.csv"), big_csv());
    REQUIRE(uploaded);
    REQUIRE(uploaded->status == 200);
    CHECK(fixture.count("SELECT COUNT(*) FROM campaign_draft_row_blocks") == 3);
    CHECK(fixture.count("SELECT COUNT(*) FROM campaign_draft_rows") == 0);

    const auto review = fixture.post_ok(fixture.draft_path(draft, "/review"), json::object());
    CHECK(review["review"]["messages"] == 630);
    CHECK(review["review"]["rejected"] == 70);
    std::vector<int> accepted;
    for (int row = 2; row <= kLastRow; ++row) {
        if (!rejected_row(row)) {
            accepted.push_back(row);
        }
    }
    const auto tab = "/api/tables/draft_messages?draft=" + std::to_string(draft) + "&page_size=100";

    SECTION("by number: page 3 is the 201st to 300th message, rendered; past the end is empty") {
        const auto page = fixture.get_ok(tab + "&page=3");
        CHECK(page["total"] == 630);
        CHECK(page["page"] == 3);
        CHECK(rows_of(page) == std::vector<int>(accepted.begin() + 200, accepted.begin() + 300));
        const auto& first = page["rows"][0];
        const auto row = std::to_string(accepted[200]);
        CHECK(first["phone"] == "+34600" + std::to_string(100000 + accepted[200]));
        CHECK(first["text"] == "Hi N" + row + ", enjoy 5% off everything until Sunday.");
        CHECK(page["next"].is_string());
        CHECK(page["prev"].is_string());
        const auto last = fixture.get_ok(tab + "&page=7");
        CHECK(rows_of(last) == std::vector<int>(accepted.begin() + 600, accepted.end()));
        CHECK(last["next"].is_null());
        const auto past = fixture.get_ok(tab + "&page=8");
        CHECK(past["rows"].empty());
        CHECK(past["total"] == 630);
    }
    SECTION("by cursor: next from the first page to the last meets every message once; prev "
            "from the last page comes back one page") {
        std::vector<int> walked;
        auto page = fixture.get_ok(tab);
        int pages = 1;
        std::string last_prev;
        while (true) {
            const auto rows = rows_of(page);
            walked.insert(walked.end(), rows.begin(), rows.end());
            if (page["next"].is_null()) {
                last_prev = page["prev"].get<std::string>();
                break;
            }
            page = fixture.get_ok(tab + "&page=" + std::to_string(++pages) +
                                  "&cursor=" + page["next"].get<std::string>());
            CHECK(page["page"] == pages);
        }
        CHECK(walked == accepted);
        CHECK(pages == 7);
        const auto back = fixture.get_ok(tab + "&page=6&cursor=" + last_prev);
        CHECK(rows_of(back) == std::vector<int>(accepted.begin() + 500, accepted.begin() + 600));
        CHECK(back["page"] == 6);
    }
    SECTION("the Rejected tab holds the other rows, and each tab downloads whole") {
        const auto rejected = fixture.get_ok("/api/tables/draft_rejected?page_size=100&draft=" +
                                             std::to_string(draft));
        CHECK(rejected["total"] == 70);
        for (const auto row : rows_of(rejected)) {
            CHECK(rejected_row(row));
        }
        const auto download =
            fixture.get("/api/tables/draft_messages.xlsx?draft=" + std::to_string(draft));
        REQUIRE(download);
        CHECK(download->status == 200);
        CHECK(download->get_header_value("X-Export-Rows") == "630");
    }
    SECTION("a change clears the review's blocks; the upload's stay") {
        fixture.post_ok(
            fixture.draft_path(draft, "/settings"),
            {{"name", "Bigger"}, {"mode", "immediate"}, {"time_zone", "Europe/Madrid"}});
        CHECK(fixture.count("SELECT COUNT(*) FROM campaign_draft_review_blocks") == 0);
        CHECK(fixture.get_ok(tab)["total"] == 0);
        CHECK(fixture.count("SELECT SUM(row_count) FROM campaign_draft_row_blocks") == 700);
    }
}
