// How many signed status updates the server ingests per second over loopback: Meta batches
// several statuses per POST, so batches of 50 and of 1 are both measured. Each status moves one
// accepted outbound message forward (sent, then delivered, then read).
//   webhook_ingest_bench [messages=20000] [client_threads=4]
#include "bench_server.hpp"
#include "server/meta/webhook_signature.hpp"
#include "server/store/customers_store.hpp"
#include "server/store/messages_store.hpp"

#include <atomic>
#include <cstdio>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <vector>

using namespace waconsole;

namespace {

constexpr const char* kSecret = "bench-app-secret";

std::string wamid_of(int i) {
    return "wamid.BENCH" + std::to_string(i);
}

void seed_messages(Services& services, int count) {
    auto db = services.pool.acquire();
    Transaction transaction(*db);
    const auto customer =
        create_customer(*db, std::string("34600000001"), "+34600000001", "Bench", 1);
    for (int i = 0; i < count; ++i) {
        OutboundMessage message;
        message.customer_id = customer;
        message.kind = "template";
        const auto id = insert_outbound_message(*db, message, 1700000000);
        record_send_accepted(*db, id, wamid_of(i), 1);
    }
    transaction.commit();
}

// Signed bodies, each with `per_post` statuses `status` for consecutive messages.
std::vector<std::pair<std::string, std::string>>
bodies(int messages, int per_post, const char* status, std::int64_t timestamp) {
    std::vector<std::pair<std::string, std::string>> out;
    for (int first = 0; first < messages; first += per_post) {
        auto statuses = nlohmann::json::array();
        for (int i = first; i < std::min(messages, first + per_post); ++i) {
            statuses.push_back(
                {{"id", wamid_of(i)},
                 {"status", status},
                 {"timestamp", std::to_string(timestamp)},
                 {"recipient_id", "34600000001"},
                 {"pricing",
                  {{"billable", true}, {"pricing_model", "CBP"}, {"category", "utility"}}}});
        }
        nlohmann::json root = {
            {"object", "whatsapp_business_account"},
            {"entry",
             {{{"id", "2000000001"},
               {"changes",
                {{{"field", "messages"},
                  {"value",
                   {{"messaging_product", "whatsapp"},
                    {"metadata",
                     {{"display_phone_number", "15550001234"}, {"phone_number_id", "1000000001"}}},
                    {"statuses", statuses}}}}}}}}}};
        auto body = root.dump();
        auto signature = webhook_signature(kSecret, body);
        out.emplace_back(std::move(body), std::move(signature));
    }
    return out;
}

// POSTs every body from `threads` keep-alive clients; returns statuses per second.
double run(int port, const std::vector<std::pair<std::string, std::string>>& posts, int statuses,
           int threads, const char* label) {
    std::atomic<std::size_t> next{0};
    std::atomic<int> failures{0};
    bench::Stopwatch watch;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            httplib::Client client("127.0.0.1", port);
            client.set_keep_alive(true);
            client.set_tcp_nodelay(true); // as Meta's sender would; see HttpServer::configure
            for (std::size_t i = next++; i < posts.size(); i = next++) {
                auto result = client.Post("/webhook", {{"X-Hub-Signature-256", posts[i].second}},
                                          posts[i].first, "application/json");
                if (!result || result->status != 200) {
                    ++failures;
                }
            }
        });
    }
    for (auto& worker : workers) {
        worker.join();
    }
    const double wall = watch.wall_seconds();
    const double rate = statuses / wall;
    std::printf("%-34s %7zu POSTs %7d statuses in %6.2f s: %9.0f statuses/s, %7.0f POSTs/s, "
                "CPU %5.2f s (%3.0f%% of one core), failures %d\n",
                label, posts.size(), statuses, wall, rate, posts.size() / wall, watch.cpu_seconds(),
                100 * watch.cpu_seconds() / wall, failures.load());
    return rate;
}

} // namespace

int main(int argc, char** argv) {
    const int messages = argc > 1 ? std::atoi(argv[1]) : 20000;
    const int threads = argc > 2 ? std::atoi(argv[2]) : 4;
    ServerConfig config;
    config.meta.app_secret = kSecret;
    config.http_threads = 8;
    bench::BenchServer server(config);
    seed_messages(server.services(), messages);

    const auto sent = bodies(messages, 50, "sent", 1700000010);
    const auto delivered = bodies(messages, 50, "delivered", 1700000020);
    const auto read_single = bodies(messages, 1, "read", 1700000030);
    std::printf(
        "webhook ingest, %d client threads, keep-alive, signed bodies prepared in advance\n",
        threads);
    run(server.port(), sent, messages, threads, "50 statuses per POST (sent)");
    run(server.port(), delivered, messages, threads, "50 statuses per POST (delivered)");
    run(server.port(), read_single, messages, threads, "1 status per POST (read)");

    auto db = server.services().pool.acquire();
    auto check =
        db->prepare("SELECT COUNT(*) FROM messages WHERE status = 'read' AND sent_at IS NOT NULL "
                    "AND delivered_at IS NOT NULL AND read_at IS NOT NULL");
    check.step();
    std::printf("messages read with all three times: %lld of %d\n",
                static_cast<long long>(check.get_int(0)), messages);
    return check.get_int(0) == messages ? 0 : 1;
}
