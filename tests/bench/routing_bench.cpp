// Benchmark: the routing engine with 10,000 conversations waiting and 1,000 agents (20
// skillsets, two per agent, 10 chats each) in a SQLite file.
//   1. Throughput: every agent turns ready at once; routing passes run until nothing more can be
//      assigned. Prints assignments per second.
//   2. Latency: agents are away, conversations wait; one agent at a time turns ready through the
//      agent service (as the agent API does) and the engine's own thread assigns. Prints p50 / p99
//      / max of "agent ready" → assignment committed, over `trials` agents.
//   routing_bench [waiting=10000] [agents=1000] [trials=300]
#include "server/center/agent_desk.hpp"
#include "server/clock.hpp"
#include "server/services.hpp"
#include "server/store/migrations.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

using namespace waconsole;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kSkillsets = 20;
constexpr int kCapacity = 10;

double millis(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

void seed_team(Connection& db, int agents) {
    Transaction transaction(db);
    auto skillset = db.prepare("INSERT INTO skillsets (name) VALUES (?)");
    for (int s = 0; s < kSkillsets; ++s) {
        skillset.reset();
        skillset.bind(1, "Skill " + std::to_string(s)).run();
    }
    auto agent =
        db.prepare("INSERT INTO users (name, email, role, password_hash, presence, presence_since, "
                   "max_concurrent_chats, created_at, last_assigned_at) "
                   "VALUES (?, ?, 'agent', 'x', 'away', 0, ?, 0, ?)");
    auto skill = db.prepare("INSERT INTO user_skillsets (user_id, skillset_id) VALUES (?, ?)");
    for (int a = 0; a < agents; ++a) {
        agent.reset();
        agent.bind(1, "Agent " + std::to_string(a))
            .bind(2, "agent" + std::to_string(a) + "@bench.local")
            .bind(3, kCapacity)
            .bind(4, a)
            .run();
        const auto id = db.last_insert_id();
        for (const int s : {a % kSkillsets, (a + 7) % kSkillsets}) {
            skill.reset();
            skill.bind(1, id).bind(2, s + 1).run();
        }
    }
    transaction.commit();
}

void seed_waiting(Connection& db, int waiting, int first_phone, std::int64_t now) {
    Transaction transaction(db);
    auto customer =
        db.prepare("INSERT INTO customers (wa_id, phone, name, created_at) VALUES (?, ?, ?, 0)");
    auto conversation = db.prepare(
        "INSERT INTO conversations (customer_id, state, skillset_id, started_at, queued_at, "
        "queue_priority, last_customer_message_at) VALUES (?, 'waiting', ?, ?, ?, 0, ?)");
    for (int i = 0; i < waiting; ++i) {
        const auto phone = std::to_string(34600000000LL + first_phone + i);
        customer.reset();
        customer.bind(1, phone).bind(2, "+" + phone).bind(3, "Customer " + phone).run();
        conversation.reset();
        conversation.bind(1, db.last_insert_id())
            .bind(2, i % kSkillsets + 1)
            .bind(3, now - waiting + i)
            .bind(4, now - waiting + i)
            .bind(5, now - waiting + i)
            .run();
    }
    transaction.commit();
}

std::int64_t scalar(Connection& db, const std::string& sql) {
    auto query = db.prepare(sql);
    query.step();
    return query.get_int(0);
}

void throughput(Services& services, int waiting, int agents) {
    {
        auto db = services.pool.acquire();
        seed_team(*db, agents);
        seed_waiting(*db, waiting, 0, now_seconds());
        db->exec("UPDATE users SET presence = 'ready'");
        db->exec("ANALYZE");
    }
    std::size_t assigned = 0;
    int passes = 0;
    const auto start = Clock::now();
    for (;;) {
        const auto result =
            services.center.routing.run_cycle(services, now_seconds() * 1000 + passes);
        ++passes;
        if (result.assignments.empty()) {
            break;
        }
        assigned += result.assignments.size();
    }
    const auto elapsed = Clock::now() - start;
    auto db = services.pool.acquire();
    std::printf("throughput: %zu assignments in %d passes, %.0f ms: %.0f assignments/s "
                "(%lld still waiting, every agent full)\n",
                assigned, passes, millis(elapsed), assigned / (millis(elapsed) / 1000.0),
                static_cast<long long>(
                    scalar(*db, "SELECT COUNT(*) FROM conversations WHERE state = 'waiting' AND "
                                "agent_id IS NULL")));
}

struct AssignmentWatch {
    std::mutex mutex;
    std::condition_variable changed;
    std::int64_t agent = 0;
    bool seen = false;
};

void latency(Services& services, int waiting, int agents, int trials) {
    {
        // A fresh start: everything closed, agents away, a full queue again.
        auto db = services.pool.acquire();
        db->exec("UPDATE conversations SET state = 'closed', closed_at = 1, "
                 "close_reason = 'agent_closed' WHERE state <> 'closed'");
        db->exec("UPDATE users SET presence = 'away'");
        seed_waiting(*db, waiting, waiting, now_seconds());
    }
    AssignmentWatch watch;
    services.center.routing.set_assignment_listener(
        [&](const std::vector<routing::Assignment>& made) {
            std::lock_guard lock(watch.mutex);
            for (const auto& assignment : made) {
                if (assignment.agent_id == watch.agent) {
                    watch.seen = true;
                }
            }
            watch.changed.notify_all();
        });
    services.center.routing.start(services);
    std::vector<double> samples;
    trials = std::min(trials, agents);
    for (int t = 0; t < trials; ++t) {
        // Agents are spread over the ids so consecutive trials hit different skillsets.
        const std::int64_t agent = 1 + (static_cast<std::int64_t>(t) * 7919) % agents;
        {
            std::lock_guard lock(watch.mutex);
            watch.agent = agent;
            watch.seen = false;
        }
        const auto start = Clock::now();
        set_agent_presence(services, agent, "ready");
        std::unique_lock lock(watch.mutex);
        if (!watch.changed.wait_for(lock, std::chrono::seconds(5), [&] { return watch.seen; })) {
            std::printf("latency: agent %lld was not assigned within 5 s\n",
                        static_cast<long long>(agent));
            continue;
        }
        samples.push_back(millis(Clock::now() - start));
    }
    services.center.routing.stop();
    if (samples.empty()) {
        return;
    }
    std::sort(samples.begin(), samples.end());
    const auto at = [&](double q) {
        return samples[std::min(samples.size() - 1, static_cast<std::size_t>(q * samples.size()))];
    };
    std::printf("latency: agent ready -> assigned, %zu agents: p50 %.2f ms, p99 %.2f ms, "
                "max %.2f ms (%d waiting, up to %d agents ready)\n",
                samples.size(), at(0.5), at(0.99), samples.back(), waiting, trials);
}

} // namespace

int main(int argc, char** argv) {
    const int waiting = argc > 1 ? std::stoi(argv[1]) : 10000;
    const int agents = argc > 2 ? std::stoi(argv[2]) : 1000;
    const int trials = argc > 3 ? std::stoi(argv[3]) : 300;
    const auto dir = std::filesystem::temp_directory_path() / "waconsole-routing-bench";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    ServerConfig config;
    config.db_path = (dir / "bench.db").string();
    Services services(config);
    {
        auto db = services.pool.acquire();
        apply_migrations(*db);
    }
    std::printf("routing bench: %d waiting, %d agents, %d skillsets, %d chats each\n", waiting,
                agents, kSkillsets, kCapacity);
    throughput(services, waiting, agents);
    latency(services, waiting, agents, trials);
    std::filesystem::remove_all(dir);
    return 0;
}
