// Statuses batched as Meta does: statuses of different messages due close together share one
// webhook POST (up to status_batch_max), a message's own statuses never share one, and every
// status arrives exactly once, in order per message, with retries, duplicates and reordering.
#include "sim_fixture.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace waconsole;
using namespace waconsole::metasim;
using namespace waconsole::test;
using namespace std::chrono_literals;

namespace {

// `count` template sends from four threads at once, to different customers; their wamids.
std::vector<std::string> burst(SimFixture& sim, int count) {
    std::vector<std::string> wamids(static_cast<std::size_t>(count));
    std::vector<std::thread> threads;
    std::atomic<int> refused{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            httplib::Client client("127.0.0.1", sim.sim->port());
            for (int i = t; i < count; i += 4) {
                const auto res = client.Post(
                    "/v21.0/1000000001/messages", {{"Authorization", "Bearer " + kToken}},
                    order_update_send("+34611" + std::to_string(100001 + i)).dump(),
                    "application/json");
                if (!res || res->status != 200) {
                    ++refused;
                    continue;
                }
                wamids[static_cast<std::size_t>(i)] =
                    json::parse(res->body)["messages"][0]["id"].get<std::string>();
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    REQUIRE(refused == 0);
    return wamids;
}

std::size_t status_count(const std::vector<ReceivedWebhook>& hooks) {
    std::size_t count = 0;
    for (const auto& hook : hooks) {
        count += all_statuses(hook).size();
    }
    return count;
}

// Checks that every wamid got sent, delivered and read exactly once each, in that order (or the
// reverse), and that no POST held two statuses of one message or more than `batch_max`.
void check_each_status_once(const std::vector<ReceivedWebhook>& hooks,
                            const std::vector<std::string>& wamids, std::size_t batch_max,
                            bool reversed = false) {
    for (const auto& hook : hooks) {
        CHECK(hook.signature_valid);
        const auto statuses = all_statuses(hook);
        CHECK(statuses.size() <= batch_max);
        std::set<std::string> messages;
        for (const auto& status : statuses) {
            CHECK(messages.insert(status["id"].get<std::string>()).second);
        }
    }
    std::vector<std::string> chain = {"sent", "delivered", "read"};
    if (reversed) {
        std::reverse(chain.begin(), chain.end());
    }
    for (const auto& wamid : wamids) {
        INFO(wamid);
        CHECK(status_names(statuses_of(hooks, wamid)) == chain);
    }
}

} // namespace

TEST_CASE("a burst of sends has its statuses batched in fewer POSTs, each status exactly once",
          "[metasim][webhooks][batching]") {
    SimFixture sim([](SimOptions& options) { options.config.status_delay_ms = 100; });
    CHECK(json::parse(sim.client->Get("/_sim/config")->body)["status_batch_max"] == 20);
    const auto wamids = burst(sim, 80);
    const std::size_t expected = wamids.size() * 3;
    REQUIRE(sim.receiver.wait_for(
        [&](const auto& hooks) { return status_count(hooks) >= expected; }, 10s));
    std::this_thread::sleep_for(200ms); // nothing more comes
    const auto hooks = sim.receiver.received();
    CHECK(status_count(hooks) == expected);
    INFO(hooks.size() << " POSTs for " << expected << " statuses");
    CHECK(hooks.size() * 2 < expected);
    std::size_t largest = 0;
    for (const auto& hook : hooks) {
        largest = std::max(largest, all_statuses(hook).size());
        // One envelope, one change, several statuses.
        CHECK(hook.parsed["entry"].size() == 1);
        CHECK(hook.parsed["entry"][0]["changes"].size() == 1);
        CHECK(hook.parsed["entry"][0]["changes"][0]["field"] == "messages");
        CHECK(hook.parsed["entry"][0]["changes"][0]["value"]["metadata"]["phone_number_id"] ==
              "1000000001");
    }
    CHECK(largest > 1);
    check_each_status_once(hooks, wamids, 20);
    const json counts = json::parse(sim.client->Get("/_sim/webhooks")->body);
    CHECK(counts["attempted"] == hooks.size());
    CHECK(counts["pending"] == 0);
}

TEST_CASE("status_batch_max caps a batch and 1 sends one status per POST",
          "[metasim][webhooks][batching]") {
    for (const int batch_max : {5, 1}) {
        INFO("status_batch_max " << batch_max);
        SimFixture sim([](SimOptions& options) { options.config.status_delay_ms = 100; });
        sim.configure({{"status_batch_max", batch_max}});
        const auto wamids = burst(sim, 40);
        const std::size_t expected = wamids.size() * 3;
        REQUIRE(sim.receiver.wait_for(
            [&](const auto& hooks) { return status_count(hooks) >= expected; }, 10s));
        std::this_thread::sleep_for(200ms);
        const auto hooks = sim.receiver.received();
        CHECK(status_count(hooks) == expected);
        CHECK(hooks.size() * static_cast<std::size_t>(batch_max) >= expected);
        if (batch_max == 1) {
            CHECK(hooks.size() == expected);
        }
        check_each_status_once(hooks, wamids, static_cast<std::size_t>(batch_max));
    }
}

TEST_CASE("batched statuses keep reorder_webhooks, duplicates and retries working",
          "[metasim][webhooks][batching][faults]") {
    SECTION("reordered: each message's statuses arrive read, delivered, sent") {
        SimFixture sim([](SimOptions& options) { options.config.status_delay_ms = 100; });
        sim.configure({{"reorder_webhooks", true}});
        const auto wamids = burst(sim, 30);
        REQUIRE(sim.receiver.wait_for(
            [&](const auto& hooks) { return status_count(hooks) >= wamids.size() * 3; }, 10s));
        std::this_thread::sleep_for(200ms);
        const auto hooks = sim.receiver.received();
        CHECK(hooks.size() < wamids.size() * 3);
        check_each_status_once(hooks, wamids, 20, true);
    }
    SECTION("duplicated: every batch arrives twice byte for byte") {
        SimFixture sim([](SimOptions& options) { options.config.status_delay_ms = 100; });
        sim.configure({{"duplicate_webhooks_percent", 100}});
        const auto wamids = burst(sim, 30);
        REQUIRE(sim.receiver.wait_for(
            [&](const auto& hooks) { return status_count(hooks) >= wamids.size() * 6; }, 10s));
        std::this_thread::sleep_for(200ms);
        const auto hooks = sim.receiver.received();
        CHECK(status_count(hooks) == wamids.size() * 6);
        std::map<std::string, int> copies;
        std::vector<ReceivedWebhook> first_copies;
        for (const auto& hook : hooks) {
            if (++copies[hook.body] == 1) {
                first_copies.push_back(hook);
            }
        }
        for (const auto& [body, count] : copies) {
            CHECK(count == 2);
        }
        CHECK(first_copies.size() < wamids.size() * 3);
        check_each_status_once(first_copies, wamids, 20);
        CHECK(json::parse(sim.client->Get("/_sim/webhooks")->body)["duplicated"] ==
              first_copies.size());
    }
    SECTION("refused: a batch is retried whole and nothing is lost or repeated") {
        SimFixture sim([](SimOptions& options) { options.config.status_delay_ms = 100; });
        sim.receiver.fail_next(3);
        const auto wamids = burst(sim, 30);
        REQUIRE(sim.receiver.wait_for(
            [&](const auto& hooks) { return status_count(hooks) >= wamids.size() * 3; }, 10s));
        std::this_thread::sleep_for(300ms);
        const auto hooks = sim.receiver.received();
        CHECK(status_count(hooks) == wamids.size() * 3);
        for (const auto& wamid : wamids) {
            const auto names = status_names(statuses_of(hooks, wamid));
            CHECK(std::set<std::string>(names.begin(), names.end()) ==
                  std::set<std::string>{"sent", "delivered", "read"});
            CHECK(names.size() == 3);
        }
        const json counts = json::parse(sim.client->Get("/_sim/webhooks")->body);
        CHECK(counts["failed"] == 3);
        CHECK(counts["gave_up"] == 0);
    }
}
