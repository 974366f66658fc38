// Campaign loop test support.
#include "campaign_loop_support.hpp"

#include <catch2/catch.hpp>

namespace waconsole::testing {

using json = nlohmann::json;

std::int64_t campaign_template_id(MetaLoop& loop, const std::string& name,
                                  const std::string& language) {
    // Kept in a variable: a range over a temporary's part dangles.
    const auto catalogue = json_of(loop.api_get("/api/tables/campaign_templates?page_size=100"));
    for (const auto& row : catalogue["rows"]) {
        if (row["name"] == name && row["language"] == language) {
            return row["id"].get<std::int64_t>();
        }
    }
    FAIL("no template " + name + " (" + language + ") in the catalogue");
    return 0;
}

std::string csv_draft(MetaLoop& loop, const std::string& template_name, const std::string& language,
                      const std::string& name, const std::string& csv, const json& settings) {
    const auto template_id = campaign_template_id(loop, template_name, language);
    auto created =
        loop.api_post("/api/campaign-drafts", {{"template_id", template_id}, {"source", "excel"}});
    REQUIRE(created);
    REQUIRE(created->status == 201);
    const auto draft = "/api/campaign-drafts/" +
                       std::to_string(json_of(created)["draft"]["id"].get<std::int64_t>());
    json body = settings;
    body["name"] = name;
    auto saved = loop.api_post(draft + "/settings", body);
    REQUIRE(saved);
    INFO(saved->body);
    REQUIRE(saved->status == 200);
    auto uploaded = loop.server().client().Post((draft + "/upload?file_name=c.csv").c_str(),
                                                loop.server().bearer(loop.server().admin_token()),
                                                csv, "application/octet-stream");
    REQUIRE(uploaded);
    INFO(uploaded->body);
    REQUIRE(uploaded->status == 200);
    return draft;
}

std::int64_t confirm_draft(MetaLoop& loop, const std::string& draft) {
    auto confirmed = loop.api_post(draft + "/confirm", json::object());
    REQUIRE(confirmed);
    INFO(confirmed->body);
    REQUIRE(confirmed->status == 201);
    return json_of(confirmed)["campaign"]["id"].get<std::int64_t>();
}

std::map<std::string, int> sends_by_number(MetaLoop& loop) {
    std::map<std::string, int> counts;
    const auto log = loop.sim_get("/_sim/sends");
    for (const auto& send : log["sends"]) {
        ++counts[send["to"].get<std::string>()];
    }
    return counts;
}

std::string campaign_status(MetaLoop& loop, std::int64_t campaign) {
    return loop.text("SELECT status FROM campaigns WHERE id = " + std::to_string(campaign));
}

} // namespace waconsole::testing
