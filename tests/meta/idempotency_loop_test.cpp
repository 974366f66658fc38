// Idempotency-Key on POST /api/messages/*: a repeated request returns the first answer and
// sends nothing, per user, kept in SQLite; a repeat while the first is in flight sends nothing
// either. Sends are counted at the simulator.
#include "meta_loop.hpp"
#include "server/store/users_store.hpp"

#include <catch2/catch.hpp>
#include <future>

using namespace waconsole;
using namespace waconsole::testing;
using namespace std::chrono_literals;

namespace {

httplib::Headers key(const std::string& value) {
    return {{"Idempotency-Key", value}};
}

} // namespace

TEST_CASE("a repeated request with the same Idempotency-Key returns the first answer and sends "
          "nothing") {
    MetaLoop loop;
    sync_catalogue(loop);
    const auto request = order_update_request("+34600001001");
    const auto first = loop.api_post("/api/messages/template", request, key("order-A-1043"));
    REQUIRE(first);
    INFO(first->body);
    REQUIRE(first->status == 200);
    const auto messages = loop.count("SELECT COUNT(*) FROM messages");

    const auto again = loop.api_post("/api/messages/template", request, key("order-A-1043"));
    REQUIRE(again);
    CHECK(again->status == 200);
    CHECK(json_of(again) == json_of(first));
    CHECK(again->get_header_value("Idempotent-Replayed") == "true");
    CHECK(sim_sends(loop) == 1);
    CHECK(loop.count("SELECT COUNT(*) FROM messages") == messages);

    SECTION("a different body with the same key is refused") {
        auto changed = request;
        changed["parameters"] = {"Ana", "A-9999"};
        const auto refused = loop.api_post("/api/messages/template", changed, key("order-A-1043"));
        REQUIRE(refused);
        CHECK(refused->status == 422);
        CHECK(json_of(refused)["error"]["code"] == "idempotency_key_reused");
        CHECK(sim_sends(loop) == 1);
    }
    SECTION("the same key on the other send route is refused too") {
        const auto refused = loop.api_post(
            "/api/messages/text", {{"to", "+34600001001"}, {"text", "hola"}}, key("order-A-1043"));
        REQUIRE(refused);
        CHECK(refused->status == 422);
        CHECK(json_of(refused)["error"]["code"] == "idempotency_key_reused");
    }
    SECTION("keys belong to their user: another user's same key sends") {
        {
            auto db = loop.services().pool.acquire();
            create_user(
                *db, {"Second Admin", "second@waconsole.local", Role::admin, "second-admin-pw"}, 1);
        }
        const auto second = loop.server().login("second@waconsole.local", "second-admin-pw");
        const auto theirs =
            loop.api_post_as(second, "/api/messages/template", request, key("order-A-1043"));
        REQUIRE(theirs);
        CHECK(theirs->status == 200);
        CHECK(json_of(theirs)["message"]["id"] != json_of(first)["message"]["id"]);
        CHECK(sim_sends(loop) == 2);
    }
    SECTION("a new key sends again") {
        const auto other = loop.api_post("/api/messages/template", request, key("order-A-1043-2"));
        REQUIRE(other);
        CHECK(other->status == 200);
        CHECK(sim_sends(loop) == 2);
    }
}

TEST_CASE("an Idempotency-Key that is too long or not printable is refused") {
    MetaLoop loop;
    for (const auto& bad :
         {std::string(256, 'k'), std::string("caf\xc3\xa9"), std::string("two words")}) {
        INFO(bad);
        const auto refused =
            loop.api_post("/api/messages/template", order_update_request("+34600001002"), key(bad));
        REQUIRE(refused);
        CHECK(refused->status == 400);
        CHECK(json_of(refused)["error"]["field"] == "Idempotency-Key");
    }
    CHECK(sim_sends(loop) == 0);
}

TEST_CASE("a repeat while the first request is still in flight is refused and sends nothing") {
    MetaLoopOptions options;
    // Meta accepts at once but answers after 4 s (the repeat must come while the first is in
    // flight, also on a loaded machine); we wait up to 5 s for it.
    options.sim_config = {{"late_answer_percent", 100}, {"timeout_hold_ms", 4000}};
    MetaLoop loop(options);
    sync_catalogue(loop);
    const auto request = order_update_request("+34600001003");
    auto first = std::async(std::launch::async, [&] {
        return loop.api_post("/api/messages/template", request, key("slow-1"));
    });
    // The simulator logs the send before it holds the answer: the first is now in flight.
    REQUIRE(eventually([&] { return sim_sends(loop) == 1; }));
    const auto repeat = loop.api_post("/api/messages/template", request, key("slow-1"));
    REQUIRE(repeat);
    CHECK(repeat->status == 409);
    CHECK(json_of(repeat)["error"]["code"] == "idempotency_key_in_flight");

    const auto answered = first.get();
    REQUIRE(answered);
    INFO(answered->body);
    CHECK(answered->status == 200);
    const auto replay = loop.api_post("/api/messages/template", request, key("slow-1"));
    REQUIRE(replay);
    CHECK(replay->status == 200);
    CHECK(json_of(replay) == json_of(answered));
    CHECK(sim_sends(loop) == 1);
}

TEST_CASE("a repeat of a request cut short by a stop answers with its message and sends nothing") {
    MetaLoop loop;
    sync_catalogue(loop);
    const auto request = order_update_request("+34600001004");
    const auto first = loop.api_post("/api/messages/template", request, key("stopped-1"));
    REQUIRE(first);
    REQUIRE(first->status == 200);
    // As a run that stopped after storing the message but before answering leaves the key.
    {
        auto db = loop.services().pool.acquire();
        db->exec("UPDATE idempotency_keys SET claimed_by = 'a-stopped-run', "
                 "response_status = NULL, response_body = NULL WHERE key = 'stopped-1'");
    }
    const auto repeat = loop.api_post("/api/messages/template", request, key("stopped-1"));
    REQUIRE(repeat);
    INFO(repeat->body);
    CHECK(repeat->status == 200);
    CHECK(repeat->get_header_value("Idempotent-Replayed") == "true");
    CHECK(json_of(repeat)["message"]["id"] == json_of(first)["message"]["id"]);
    CHECK(json_of(repeat)["message"]["wamid"] == json_of(first)["message"]["wamid"]);
    CHECK(sim_sends(loop) == 1);
    CHECK(loop.count("SELECT COUNT(*) FROM idempotency_keys WHERE key = 'stopped-1' AND "
                     "response_status = 200") == 1);
}
