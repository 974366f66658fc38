// The import-and-validate run of xlsx_import_bench: one workbook taken by the campaign service as
// the upload route takes it (bytes in memory → draft rows in a fresh SQLite file), then reviewed
// (every row checked and rendered, verdicts stored), then the review's pages read as the wizard
// reads them. Prints "seconds cpu_seconds peak_mib rows upload_s review_s page_p50_ms page_p99_ms
// upload_cpu_s review_cpu_s" (review: the bindings saved and the review, after the upload).
#include "campaign_import_child.hpp"

#include "server/campaigns/campaign_drafts.hpp"
#include "server/store/migrations.hpp"
#include "server/store/templates_store.hpp"
#include "server/tables/campaign_tables.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/resource.h>
#include <unistd.h>

namespace waconsole {
namespace {

double cpu_now() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

const char* const kTemplate = R"json({"id":"1","name":"order_update","language":"es_MX",
 "status":"APPROVED","category":"UTILITY","parameter_format":"POSITIONAL","components":[
 {"type":"BODY","text":"Hola {{1}}, tu pedido {{2}} de {{3}} ya va en camino."}]})json";

bool failed(const DraftAnswer& answer, const char* step) {
    if (const auto* error = std::get_if<ApiError>(&answer)) {
        std::fprintf(stderr, "%s failed: %s %s\n", step, error->code.c_str(),
                     error->message.c_str());
        return true;
    }
    return false;
}

} // namespace

int import_and_validate_once(const std::string& workbook) {
    const auto folder = std::filesystem::temp_directory_path() /
                        ("waconsole-campaign-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    struct Cleanup {
        std::filesystem::path folder;
        ~Cleanup() { std::filesystem::remove_all(folder); }
    } cleanup{folder};
    Connection db((folder / "bench.db").string());
    apply_migrations(db);
    db.exec("INSERT INTO users (email, name, role, password_hash, created_at) "
            "VALUES ('a@b.c', 'Admin', 'admin', 'x', 0)");
    upsert_template(db, *template_from_meta(nlohmann::json::parse(kTemplate)), 0);
    const std::int64_t now = 1'800'000'000;
    auto created = create_draft(db, 1, "excel", 1, now);
    if (failed(created, "draft")) {
        return 1;
    }
    const auto draft = std::get<nlohmann::json>(created)["draft"]["id"].get<std::int64_t>();
    if (failed(save_settings(db, draft, {{"name", "Bench"}}, now), "settings")) {
        return 1;
    }

    // Timed from here: the upload's bytes as the route holds them, to the last verdict stored.
    const double cpu_start = cpu_now();
    const auto start = std::chrono::steady_clock::now();
    std::ifstream in(workbook, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    const auto body = bytes.str();
    if (failed(upload_recipients(db, draft, body, "recipients.xlsx", ImportLimits{}, now),
               "upload")) {
        return 1;
    }
    const double upload_seconds = since(start);
    const double upload_cpu = cpu_now() - cpu_start;
    const nlohmann::json bindings = {{"variables",
                                      {{"1", {{"source", "field"}, {"value", "name"}}},
                                       {"2", {{"source", "field"}, {"value", "order id"}}},
                                       {"3", {{"source", "field"}, {"value", "date"}}}}}};
    if (failed(save_variables(db, draft, bindings, now), "variables")) {
        return 1;
    }
    const auto reviewed = review(db, draft, now);
    if (failed(reviewed, "review")) {
        return 1;
    }
    const double seconds = since(start);
    const double cpu = cpu_now() - cpu_start;
    const auto messages = std::get<nlohmann::json>(reviewed)["review"]["messages"].get<long long>();

    // Review pages of 100: first, last and pages in between by number, as the tabs ask.
    const auto spec = draft_messages_table();
    std::vector<double> page_ms;
    const long long pages = std::max(1LL, (messages + 99) / 100);
    for (int run = 0; run < 200; ++run) {
        const long long page = run % 4 == 0 ? 1 : run % 4 == 1 ? pages : 1 + (run * 7919) % pages;
        auto request = parse_table_request(spec, {{"draft", std::to_string(draft)},
                                                  {"page", std::to_string(page)},
                                                  {"page_size", "100"}});
        const auto page_start = std::chrono::steady_clock::now();
        const auto result = query_table_page(db, spec, std::get<TableRequest>(request), now);
        page_ms.push_back(since(page_start) * 1000);
        if (std::holds_alternative<ApiError>(result)) {
            std::fprintf(stderr, "page %lld failed\n", page);
            return 1;
        }
    }
    std::sort(page_ms.begin(), page_ms.end());
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("%.4f %.4f %.1f %lld %.4f %.4f %.3f %.3f %.4f %.4f\n", seconds, cpu,
                usage.ru_maxrss / 1024.0, messages, upload_seconds, seconds - upload_seconds,
                page_ms[page_ms.size() / 2], page_ms[page_ms.size() * 99 / 100], upload_cpu,
                cpu - upload_cpu);
    return 0;
}

} // namespace waconsole
