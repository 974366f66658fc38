// POST /api/templates/sync against a scripted Graph server: an empty listing keeps the cache
// and says so; a status change that arrives by webhook while the listing is being read is not
// reverted by the (older) listing.
#include "server/meta/webhook_signature.hpp"
#include "test_data.hpp"
#include "test_server.hpp"

#include <catch2/catch.hpp>
#include <functional>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

constexpr const char* kAppSecret = "sync-app-secret";

// A Graph API that serves the template listing from `listing`, on a free loopback port.
class ScriptedGraph {
public:
    std::function<nlohmann::json()> listing;

    ScriptedGraph() {
        m_server.Get(R"(/v21.0/2000000001/message_templates)",
                     [this](const httplib::Request&, httplib::Response& res) {
                         res.set_content(listing().dump(), "application/json");
                     });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running()) {
            std::this_thread::yield();
        }
    }
    ~ScriptedGraph() {
        m_server.stop();
        m_thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/v21.0"; }

private:
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
};

ServerConfig config_for(const ScriptedGraph& graph) {
    ServerConfig config;
    config.meta.graph_url = graph.url();
    config.meta.access_token = "sync-token";
    config.meta.app_secret = kAppSecret;
    config.meta.phone_number_id = "1000000001";
    config.meta.waba_id = "2000000001";
    return config;
}

nlohmann::json listed(const std::string& name, const std::string& status) {
    return {{"id", "9" + std::to_string(name.size())},
            {"name", name},
            {"language", "es_MX"},
            {"status", status},
            {"category", "UTILITY"},
            {"components", {{{"type", "BODY"}, {"text", "Hola {{1}}"}}}}};
}

nlohmann::json page(std::vector<nlohmann::json> templates) {
    return {{"data", std::move(templates)}};
}

httplib::Result sync(RunningServer& server, const std::string& token,
                     const nlohmann::json& body = nlohmann::json::object()) {
    return server.client().Post("/api/templates/sync", server.bearer(token), body.dump(),
                                "application/json");
}

std::string cached_status(RunningServer& server, const std::string& name) {
    auto db = server.services().pool.acquire();
    auto query = db->prepare("SELECT status FROM templates WHERE name = ?");
    query.bind(1, name);
    return query.step() ? query.get_text(0) : std::string("(none)");
}

} // namespace

TEST_CASE("an empty template listing keeps the cache and says so") {
    ScriptedGraph graph;
    graph.listing = [] {
        return page({listed("order_update", "APPROVED"), listed("bienvenida", "APPROVED")});
    };
    RunningServer server(true, config_for(graph));
    const auto token = server.admin_token();
    REQUIRE(sync(server, token)->status == 200);

    graph.listing = [] { return page({}); };
    const auto refused = sync(server, token);
    REQUIRE(refused);
    INFO(refused->body);
    CHECK(refused->status == 409);
    CHECK(json_of(refused)["error"]["code"] == "empty_catalogue");
    CHECK(json_of(refused)["error"]["message"].get<std::string>().find("2 cached") !=
          std::string::npos);
    CHECK(json_of(server.client().Get("/api/templates", server.bearer(token)))["total"] == 2);

    SECTION("unless the administrator confirms it") {
        const auto confirmed = sync(server, token, {{"allow_empty", true}});
        REQUIRE(confirmed);
        CHECK(confirmed->status == 200);
        CHECK(json_of(server.client().Get("/api/templates", server.bearer(token)))["total"] == 0);
    }
}

TEST_CASE("a template status webhook that arrives during a sync is not reverted by it") {
    ScriptedGraph graph;
    graph.listing = [] { return page({listed("order_update", "APPROVED")}); };
    RunningServer server(true, config_for(graph));
    const auto token = server.admin_token();
    REQUIRE(sync(server, token)->status == 200);

    // The second listing is read from Meta before the template is paused; the pause's webhook
    // reaches us before the listing's answer does.
    int webhook_status = 0; // set on the Graph server's thread; Catch2 checks stay on ours
    graph.listing = [&server, &webhook_status] {
        const auto paused = webhook_envelope("message_template_status_update",
                                             {{"event", "PAUSED"},
                                              {"message_template_id", 912},
                                              {"message_template_name", "order_update"},
                                              {"message_template_language", "es_MX"},
                                              {"reason", "NONE"}});
        const auto body = paused.dump();
        const auto delivered = server.client().Post(
            "/webhook", {{"X-Hub-Signature-256", webhook_signature(kAppSecret, body)}}, body,
            "application/json");
        webhook_status = delivered ? delivered->status : -1;
        return page({listed("order_update", "APPROVED")});
    };
    const auto result = sync(server, token);
    REQUIRE(result);
    CHECK(result->status == 200);
    REQUIRE(webhook_status == 200);
    CHECK(cached_status(server, "order_update") == "PAUSED");

    SECTION("the next sync takes Meta's word again") {
        graph.listing = [] { return page({listed("order_update", "APPROVED")}); };
        REQUIRE(sync(server, token)->status == 200);
        CHECK(cached_status(server, "order_update") == "APPROVED");
    }
}
