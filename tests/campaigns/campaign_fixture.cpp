// The campaign tests' server: demo data and four templates, one of them paused.
#include "campaign_fixture.hpp"

#include "server/clock.hpp"
#include "server/store/templates_store.hpp"

#include <catch2/catch.hpp>

namespace waconsole::testing {
namespace {

const char* const kCatalogue = R"json([
 {"id":"9001","name":"summer_sale","language":"en_US","status":"APPROVED","category":"MARKETING",
  "parameter_format":"POSITIONAL","components":[
   {"type":"HEADER","format":"TEXT","text":"Summer sale"},
   {"type":"BODY","text":"Hi {{1}}, enjoy {{2}} off everything until Sunday.",
    "example":{"body_text":[["Zoë","20%"]]}},
   {"type":"FOOTER","text":"Reply STOP to opt out"},
   {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Show me"},
     {"type":"QUICK_REPLY","text":"Stop promotions"}]}]},
 {"id":"9002","name":"order_update","language":"es_MX","status":"APPROVED","category":"UTILITY",
  "parameter_format":"POSITIONAL","components":[
   {"type":"HEADER","format":"TEXT","text":"Tu pedido"},
   {"type":"BODY","text":"Hola {{1}}, tu pedido {{2}} ya va en camino.",
    "example":{"body_text":[["Ana","A-1043"]]}},
   {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Sí"},
     {"type":"URL","text":"Rastrear","url":"https://example.com/track/{{1}}",
      "example":["https://example.com/track/A-1043"]}]}]},
 {"id":"9003","name":"winter_sale","language":"en_US","status":"PAUSED","category":"MARKETING",
  "parameter_format":"POSITIONAL","components":[{"type":"BODY","text":"Hi {{1}}, winter is here."}]},
 {"id":"9004","name":"four_choices","language":"en_US","status":"APPROVED","category":"UTILITY",
  "parameter_format":"POSITIONAL","components":[{"type":"BODY","text":"Pick one, {{1}}."},
   {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"A"},{"type":"QUICK_REPLY","text":"B"},
     {"type":"QUICK_REPLY","text":"C"},{"type":"QUICK_REPLY","text":"D"}]}]}
])json";

} // namespace

CampaignFixture::CampaignFixture() {
    token = server.admin_token();
    auto db = server.services().pool.acquire();
    for (const auto& item : nlohmann::json::parse(kCatalogue)) {
        upsert_template(*db, *template_from_meta(item), now_seconds());
    }
}

std::int64_t CampaignFixture::template_id(const std::string& name,
                                          const std::string& language) const {
    auto db = const_cast<RunningServer&>(server).services().pool.acquire();
    const auto record = find_template(*db, name, language);
    REQUIRE(record);
    return record->id;
}

httplib::Result CampaignFixture::post(const std::string& path, const nlohmann::json& body) const {
    return server.client().Post(path.c_str(), server.bearer(token), body.dump(),
                                "application/json");
}

httplib::Result CampaignFixture::post_bytes(const std::string& path,
                                            const std::string& bytes) const {
    return server.client().Post(path.c_str(), server.bearer(token), bytes,
                                "application/octet-stream");
}

httplib::Result CampaignFixture::get(const std::string& path) const {
    return server.client().Get(path.c_str(), server.bearer(token));
}

nlohmann::json CampaignFixture::post_ok(const std::string& path, const nlohmann::json& body,
                                        int status) const {
    auto result = post(path, body);
    REQUIRE(result);
    INFO(path << " answered " << result->body);
    REQUIRE(result->status == status);
    return nlohmann::json::parse(result->body);
}

nlohmann::json CampaignFixture::get_ok(const std::string& path) const {
    auto result = get(path);
    REQUIRE(result);
    INFO(path << " answered " << result->body);
    REQUIRE(result->status == 200);
    return nlohmann::json::parse(result->body);
}

std::int64_t CampaignFixture::new_draft(const std::string& name, const std::string& language,
                                        const std::string& source) const {
    const auto body =
        post_ok("/api/campaign-drafts",
                {{"template_id", template_id(name, language)}, {"source", source}}, 201);
    return body["draft"]["id"].get<std::int64_t>();
}

std::string CampaignFixture::draft_path(std::int64_t draft, const std::string& rest) const {
    return "/api/campaign-drafts/" + std::to_string(draft) + rest;
}

std::int64_t CampaignFixture::count(const std::string& sql) const {
    auto db = const_cast<RunningServer&>(server).services().pool.acquire();
    auto query = db->prepare(sql);
    REQUIRE(query.step());
    return query.get_int(0);
}

std::int64_t CampaignFixture::add_customer(const std::string& name, const std::string& phone,
                                           bool opted_out, const std::string& custom_fields) const {
    auto db = const_cast<RunningServer&>(server).services().pool.acquire();
    db->prepare("INSERT INTO customers (wa_id, phone, name, email, custom_fields, opted_out, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, phone.substr(1))
        .bind(2, phone)
        .bind(3, name)
        .bind(4, "")
        .bind(5, custom_fields)
        .bind(6, opted_out ? 1 : 0)
        .bind(7, now_seconds())
        .run();
    return db->last_insert_id();
}

void CampaignFixture::queue_conversation(std::int64_t customer_id) const {
    auto db = const_cast<RunningServer&>(server).services().pool.acquire();
    db->prepare("INSERT INTO conversations (customer_id, state, skillset_id, started_at, "
                "queued_at, last_customer_message_at, last_customer_text) "
                "VALUES (?, 'waiting', (SELECT MIN(id) FROM skillsets), ?, ?, ?, 'hola')")
        .bind(1, customer_id)
        .bind(2, now_seconds())
        .bind(3, now_seconds())
        .bind(4, now_seconds())
        .run();
}

std::string CampaignFixture::customer_phone(std::int64_t customer_id) const {
    auto db = const_cast<RunningServer&>(server).services().pool.acquire();
    auto query = db->prepare("SELECT phone FROM customers WHERE id = ?");
    query.bind(1, customer_id);
    REQUIRE(query.step());
    return query.get_text(0);
}

std::string error_code(const httplib::Result& result) {
    REQUIRE(result);
    const auto body = nlohmann::json::parse(result->body, nullptr, false);
    if (!body.is_object() || !body.contains("error")) {
        return "";
    }
    return body["error"].value("code", "");
}

} // namespace waconsole::testing
