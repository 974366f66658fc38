// Benchmark: a page of 100 of every conversation section at contact-center scale. Seeds a
// temporary SQLite database through the real migrations (so the section counters are kept by
// their triggers, as in production) with 1,000,000 conversations of every state, 1,000 agents,
// 100,000 customers and single templates, then times query_table_page — the work of
// GET /api/tables/{name} without the HTTP — for the first page, the last page, the page after a
// cursor in the middle, and history with agent and date filters. Prints p50 and p99 per case.
//   section_paging_bench [--conversations N] [--runs R] [--check] [--seed-only PATH]
// --seed-only PATH: only seeds the database at PATH (which must not exist) and keeps it, for
// benches that run a real server on contact-center data (tests/bench/idle_tabs_bench.mjs).
// --check: a small database (20,000 conversations); exits 1 when a page's total disagrees with
// COUNT(*) or the last page is not where the total says. It checks no time: ctest runs it on
// machines busy with other tests, where a time says nothing (the figures are for people).
#include "server/clock.hpp"
#include "server/store/database.hpp"
#include "server/store/migrations.hpp"
#include "server/tables/conversation_tables.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

using namespace waconsole;

namespace {

struct Options {
    int conversations = 1000000;
    int agents = 1000;
    int customers = 100000;
    int runs = 200;
    bool check = false;
    std::string seed_only; // a path: seed the database there, keep it, measure nothing
};

double millis_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

// [SECTION] Seeding
void seed_people(Connection& db, const Options& options, std::int64_t now) {
    Transaction transaction(db);
    for (int s = 1; s <= 10; ++s) {
        db.prepare("INSERT INTO skillsets (name, menu_digit) VALUES (?, ?)")
            .bind(1, "Skillset " + std::to_string(s))
            .bind(2, s % 10)
            .run();
    }
    auto agent = db.prepare("INSERT INTO users (name, email, role, password_hash, created_at) "
                            "VALUES (?, ?, 'agent', 'x', ?)");
    for (int a = 1; a <= options.agents; ++a) {
        agent.reset();
        agent.bind(1, "Agent " + std::to_string(a))
            .bind(2, "agent" + std::to_string(a) + "@bench.example")
            .bind(3, now)
            .run();
    }
    auto customer =
        db.prepare("INSERT INTO customers (wa_id, phone, name, created_at) VALUES (?, ?, ?, ?)");
    for (int c = 0; c < options.customers; ++c) {
        const auto phone = std::to_string(34600000000LL + c);
        customer.reset();
        customer.bind(1, phone)
            .bind(2, "+" + phone)
            .bind(3, "Customer " + std::to_string(c))
            .bind(4, now)
            .run();
    }
    transaction.commit();
}

// Conversations over the last 365 days: 70% closed by an agent, 10% closed with the bot, 5%
// with the bot now, 5% waiting, 10% active. Agents' ids start at 1, skillsets' at 1.
void seed_conversations(Connection& db, const Options& options, std::int64_t now) {
    std::mt19937 random(7);
    auto below = [&random](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    auto insert = db.prepare(
        "INSERT INTO conversations (customer_id, state, skillset_id, agent_id, started_at, "
        "queued_at, assigned_at, last_customer_message_at, last_customer_text, closed_at, "
        "close_reason, licence_type, handled, queue_priority) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'hello', ?, ?, 'standard', ?, ?)");
    const int batch = 50000;
    for (int done = 0; done < options.conversations;) {
        Transaction transaction(db);
        for (int i = 0; i < batch && done < options.conversations; ++i, ++done) {
            const int kind = below(100);
            const std::int64_t started = now - below(365 * 86400);
            const std::int64_t skillset = 1 + below(10);
            const std::int64_t agent = 1 + below(options.agents);
            std::string state = "closed";
            std::optional<std::int64_t> agent_id = agent;
            std::optional<std::int64_t> skillset_id = skillset;
            std::optional<std::int64_t> closed_at = started + 600 + below(7200);
            int handled = 1;
            if (kind >= 70 && kind < 80) { // closed with the bot
                agent_id.reset();
                skillset_id.reset();
                handled = 0;
            } else if (kind >= 80) {
                closed_at.reset();
                const std::int64_t recent = now - below(86400);
                if (kind < 85) {
                    state = "bot";
                    agent_id.reset();
                    skillset_id.reset();
                    handled = 0;
                } else if (kind < 90) {
                    state = "waiting";
                    if (below(4) != 0) {
                        agent_id.reset(); // most wait in a queue; a quarter are assigned
                        handled = 0;
                    }
                } else {
                    state = "active";
                }
                insert.reset();
                insert.bind(1, static_cast<std::int64_t>(1 + below(options.customers)))
                    .bind(2, state)
                    .bind(3, skillset_id)
                    .bind(4, agent_id)
                    .bind(5, recent)
                    .bind(6, state == "bot" ? std::nullopt : std::optional(recent + 30))
                    .bind(7, agent_id ? std::optional(recent + 60) : std::nullopt)
                    .bind(8, recent)
                    .bind(9, std::optional<std::int64_t>())
                    .bind(10, std::optional<std::string>())
                    .bind(11, handled)
                    .bind(12, below(20) == 0 ? 1 : 0)
                    .run();
                continue;
            }
            insert.reset();
            insert.bind(1, static_cast<std::int64_t>(1 + below(options.customers)))
                .bind(2, state)
                .bind(3, skillset_id)
                .bind(4, agent_id)
                .bind(5, started)
                .bind(6, skillset_id ? std::optional(started + 30) : std::nullopt)
                .bind(7, agent_id ? std::optional(started + 60) : std::nullopt)
                .bind(8, started)
                .bind(9, closed_at)
                .bind(10, std::optional<std::string>(handled ? "agent_closed" : "window_expired"))
                .bind(11, handled)
                .bind(12, 0)
                .run();
        }
        transaction.commit();
    }
}

// One single template per ten customers, and an answer to half of them.
void seed_templates(Connection& db, const Options& options, std::int64_t now) {
    Transaction transaction(db);
    auto insert = db.prepare("INSERT INTO messages (customer_id, direction, kind, body, "
                             "sent_by_user_id, template_name, status, created_at, sent_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (int c = 1; c <= options.customers; c += 10) {
        const std::int64_t at = now - (options.customers - c) * 10;
        insert.reset();
        insert.bind(1, static_cast<std::int64_t>(c))
            .bind(2, "out")
            .bind(3, "template")
            .bind(4, "Your order has shipped")
            .bind(5, static_cast<std::int64_t>(1 + c % options.agents))
            .bind(6, "order_update")
            .bind(7, "delivered")
            .bind(8, at)
            .bind(9, at)
            .run();
        if (c % 20 == 1) {
            insert.reset();
            insert.bind(1, static_cast<std::int64_t>(c))
                .bind(2, "in")
                .bind(3, "text")
                .bind(4, "thanks")
                .bind(5, std::optional<std::int64_t>())
                .bind(6, std::optional<std::string>())
                .bind(7, "received")
                .bind(8, at + 5)
                .bind(9, std::optional<std::int64_t>())
                .run();
        }
    }
    transaction.commit();
}

// The migrated schema with everything above, and fresh statistics for the planner.
void seed_database(Connection& db, const Options& options, std::int64_t now) {
    apply_migrations(db);
    seed_people(db, options, now);
    seed_conversations(db, options, now);
    seed_templates(db, options, now);
    db.exec("ANALYZE");
}

// [SECTION] Measuring
struct Case {
    std::string label;
    TableSpec spec;
    std::map<std::string, std::string> filters;
    std::string sort; // ?sort=, "" for the table's own order
};

struct Figures {
    double p50 = 0;
    double p99 = 0;
    long long total = 0;
    int page = 0;
    std::size_t rows = 0;
};

double percentile(std::vector<double> samples, double p) {
    std::sort(samples.begin(), samples.end());
    const auto at = static_cast<std::size_t>(p * static_cast<double>(samples.size() - 1) + 0.5);
    return samples[std::min(at, samples.size() - 1)];
}

// Times `runs` requests of one page; the request is built by `make` from the first page's total
// and cursors.
template <typename Make>
Figures measure(Connection& db, const TableSpec& spec, int runs, std::int64_t now, Make make) {
    std::vector<double> samples;
    Figures figures;
    for (int r = 0; r < runs; ++r) {
        const TableRequest request = make();
        const auto start = std::chrono::steady_clock::now();
        auto result = query_table_page(db, spec, request, now);
        samples.push_back(millis_since(start));
        const auto& page = std::get<TablePage>(result);
        figures.total = page.total;
        figures.page = page.page;
        figures.rows = page.rows.size();
    }
    figures.p50 = percentile(samples, 0.50);
    figures.p99 = percentile(samples, 0.99);
    return figures;
}

long long count_rows(Connection& db, const std::string& sql) {
    auto query = db.prepare(sql);
    query.step();
    return query.get_int(0);
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--check") {
            options.check = true;
            options.conversations = 20000;
            options.agents = 50;
            options.customers = 2000;
            options.runs = 30;
        } else if (arg == "--conversations" && i + 1 < argc) {
            options.conversations = std::stoi(argv[++i]);
        } else if (arg == "--runs" && i + 1 < argc) {
            options.runs = std::stoi(argv[++i]);
        } else if (arg == "--seed-only" && i + 1 < argc) {
            options.seed_only = argv[++i];
        } else {
            std::fprintf(stderr, "usage: section_paging_bench [--conversations N] [--runs R] "
                                 "[--check] [--seed-only PATH]\n");
            return 2;
        }
    }
    if (!options.seed_only.empty()) {
        if (std::filesystem::exists(options.seed_only)) {
            std::fprintf(stderr, "section_paging_bench: %s exists already\n",
                         options.seed_only.c_str());
            return 2;
        }
        Connection db(options.seed_only);
        seed_database(db, options, now_seconds());
        std::printf("seeded %d conversations into %s\n", options.conversations,
                    options.seed_only.c_str());
        return 0;
    }
    const auto dir = std::filesystem::temp_directory_path() /
                     ("waconsole-section-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    int failures = 0;
    {
        Connection db((dir / "bench.db").string());
        const auto now = now_seconds();
        auto start = std::chrono::steady_clock::now();
        seed_database(db, options, now);
        std::printf("seeded %d conversations, %d agents, %d customers in %.0f s\n",
                    options.conversations, options.agents, options.customers,
                    millis_since(start) / 1000);

        // A date range of 30 days ending 60 days ago, on the server's zone's days.
        const auto day = [now](int days_ago) {
            const std::time_t t = static_cast<std::time_t>(now - days_ago * 86400LL);
            std::tm fields{};
            gmtime_r(&t, &fields);
            char text[16];
            std::strftime(text, sizeof text, "%Y-%m-%d", &fields);
            return std::string(text);
        };
        const std::vector<Case> cases = {
            {"unmanaged", unmanaged_conversations_table(), {}, ""},
            {"waiting", waiting_conversations_table(), {}, ""},
            {"active", active_conversations_table(), {}, ""},
            {"history", conversation_history_table(), {}, ""},
            {"templates_sent", templates_sent_table(), {}, ""},
            {"history agent=Agent 17", conversation_history_table(), {{"agent", "Agent 17"}}, ""},
            {"history agent_id=17", conversation_history_table(), {{"agent_id", "17"}}, ""},
            {"history from..to (30 days)",
             conversation_history_table(),
             {{"from", day(90)}, {"to", day(60)}},
             ""},
            {"history agent_id + from..to",
             conversation_history_table(),
             {{"agent_id", "17"}, {"from", day(90)}, {"to", day(60)}},
             ""},
            // Sorted by a column: read through the sort's index like the own order.
            {"unmanaged sort=started_at", unmanaged_conversations_table(), {}, "started_at"},
            {"waiting sort=-waiting_since", waiting_conversations_table(), {}, "-waiting_since"},
            {"active sort=last_message_at", active_conversations_table(), {}, "last_message_at"},
            {"history sort=started_at", conversation_history_table(), {}, "started_at"},
        };
        std::printf("%-30s %-8s %10s %9s %9s %6s\n", "section", "page", "total", "p50 ms", "p99 ms",
                    "rows");
        for (const auto& c : cases) {
            TableRequest first;
            first.page.page_size = 100;
            first.filters = c.filters;
            first.sort = c.sort;
            auto opened = query_table_page(db, c.spec, first, now);
            if (auto* error = std::get_if<ApiError>(&opened)) {
                std::printf("%s: %s\n", c.label.c_str(), error->message.c_str());
                ++failures;
                continue;
            }
            const auto& page_one = std::get<TablePage>(opened);
            const int last = page_count(page_one.total, 100);
            // A cursor from the middle of the table: walk there once by page number.
            TableRequest middle_request = first;
            middle_request.page.page = std::max(1, last / 2);
            const auto middle =
                std::get<TablePage>(query_table_page(db, c.spec, middle_request, now));
            std::vector<std::pair<std::string, std::function<TableRequest()>>> pages = {
                {"first", [&] { return first; }},
                {"last",
                 [&] {
                     TableRequest r = first;
                     r.page.page = last;
                     return r;
                 }},
            };
            if (middle.next) { // a table of one page has no page after a cursor
                pages.emplace_back("cursor", [&] {
                    TableRequest r = first;
                    r.page.page = middle.page + 1;
                    r.cursor =
                        parse_table_cursor(*middle.next, sort_order(c.spec, c.sort).size(), c.sort);
                    return r;
                });
            }
            for (const auto& [name, make] : pages) {
                const auto figures = measure(db, c.spec, options.runs, now, make);
                std::printf("%-30s %-8s %10lld %9.2f %9.2f %6zu\n", c.label.c_str(), name.c_str(),
                            figures.total, figures.p50, figures.p99, figures.rows);
                if (options.check) {
                    // Full pages but the last, which holds what is left.
                    const auto expected_rows = static_cast<std::size_t>(
                        figures.page < last ? 100 : figures.total - (last - 1) * 100LL);
                    if (figures.rows != expected_rows) {
                        std::printf("  ^ check failed: %zu rows (expected %zu)\n", figures.rows,
                                    expected_rows);
                        ++failures;
                    }
                }
            }
            if (options.check && c.filters.empty()) {
                const std::string where =
                    c.spec.base_where.empty() ? "" : " WHERE " + c.spec.base_where;
                const auto counted = count_rows(db, "SELECT COUNT(*) FROM " + c.spec.main_table +
                                                        " " + c.spec.alias + where);
                if (counted != page_one.total) {
                    std::printf("  ^ check failed: total %lld, COUNT(*) %lld\n", page_one.total,
                                counted);
                    ++failures;
                }
            }
        }
    }
    std::filesystem::remove_all(dir);
    if (options.check && failures > 0) {
        std::printf("%d checks failed\n", failures);
        return 1;
    }
    return 0;
}
