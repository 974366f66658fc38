// Benchmark: paging and exporting a big Active conversations table. Seeds N active
// conversations (default 200,000) into a temporary database and prints how long the first,
// middle and last pages take (count included) and how long the full .xlsx export takes.
//   paging_bench [conversations]
#include "server/clock.hpp"
#include "server/export/table_export.hpp"
#include "server/store/database.hpp"
#include "server/store/migrations.hpp"
#include "server/tables/conversation_tables.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

using namespace waconsole;

namespace {

double millis_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

void seed(Connection& db, int conversations, std::int64_t now) {
    Transaction transaction(db);
    db.exec("INSERT INTO users (name, email, role, password_hash, created_at) "
            "VALUES ('Bench Agent', 'bench@x', 'agent', 'x', 0)");
    db.exec("INSERT INTO skillsets (name, menu_digit) VALUES ('Sales', 1)");
    auto customer =
        db.prepare("INSERT INTO customers (wa_id, phone, name, created_at) VALUES (?,?,?,0)");
    auto conversation = db.prepare(
        "INSERT INTO conversations (customer_id, state, skillset_id, agent_id, started_at, "
        "last_customer_message_at, last_customer_text) VALUES (?, ?, 1, 1, ?, ?, 'hello')");
    for (int i = 0; i < conversations; ++i) {
        const std::string phone = std::to_string(34600000000LL + i);
        customer.reset();
        customer.bind(1, phone).bind(2, "+" + phone).bind(3, "Customer " + std::to_string(i)).run();
        conversation.reset();
        // One in four is closed, so the index has to skip rows of other states.
        conversation.bind(1, db.last_insert_id())
            .bind(2, i % 4 == 3 ? "closed" : "active")
            .bind(3, now - i)
            .bind(4, now - i)
            .run();
    }
    transaction.commit();
}

} // namespace

int main(int argc, char** argv) {
    const int conversations = argc > 1 ? std::stoi(argv[1]) : 200000;
    const auto dir = std::filesystem::temp_directory_path() / "waconsole-paging-bench";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    Connection db((dir / "bench.db").string());
    apply_migrations(db);
    const auto now = now_seconds();
    auto start = std::chrono::steady_clock::now();
    seed(db, conversations, now);
    std::printf("seeded %d conversations in %.0f ms\n", conversations, millis_since(start));
    db.exec("ANALYZE");

    const auto spec = active_conversations_table();
    long long total = 0;
    for (const int page : {1, 0, -1}) {
        TableRequest request;
        request.page.page_size = 100;
        request.page.page =
            page == 1 ? 1 : (page == 0 ? static_cast<int>(total / 200) : page_count(total, 100));
        const int runs = 20;
        start = std::chrono::steady_clock::now();
        for (int i = 0; i < runs; ++i) {
            auto result = query_table_page(db, spec, request, now);
            total = std::get<TablePage>(result).total;
        }
        std::printf("page %6d of %d rows (page_size 100, with total): %.2f ms per request\n",
                    request.page.page, static_cast<int>(total), millis_since(start) / runs);
    }
    TableRequest all;
    start = std::chrono::steady_clock::now();
    export_table_xlsx(db, spec, all, now, (dir / "export.xlsx").string(), ExportOptions{});
    std::printf("xlsx export of %lld rows: %.0f ms, %.1f MB\n", total, millis_since(start),
                static_cast<double>(std::filesystem::file_size(dir / "export.xlsx")) / 1e6);
    std::filesystem::remove_all(dir);
    return 0;
}
