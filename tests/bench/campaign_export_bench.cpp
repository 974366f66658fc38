// Issue 9's export figure: the detail of a 100,000-recipient campaign (the View's Export,
// GET /api/tables/campaign_recipients.xlsx?campaign=ID: 10 columns, texts, statuses, four date
// columns on Europe/Madrid's wall clock, errors) written by the server's export code
// (export_table_xlsx over the campaign_recipients table: the sheet streamed by our own writer,
// deflated by ISA-L at its level 1).
// The database is filled once with the store's schema as a sent campaign leaves it; each run is
// a fresh process (this binary with --export) calling the export function in-process, so its
// peak RSS (getrusage) is the export's plus the process's own start (printed apart); the time
// runs from the call to the closed file. Beside it, when a peer command is given, SheetJS in
// Node writes the same 100,000 x 10 cells (read from a TSV this program writes from the same
// table) to .xlsx.
//   campaign_export_bench [--rows 100000] [--runs 5]
//                         [--peer "node tests/bench/peer/sheetjs_write.mjs"]
//   campaign_export_bench --export DB OUT   (one timed export; "seconds cpu peak_mib rows
//                                            start_mib" on stdout)
//   campaign_export_bench --floor DB OUT    (libxlsxwriter alone on the same cells, read into
//                                            memory first: what the export took before its
//                                            own writer, without the database)
//   campaign_export_bench --fill DB ROWS    (just the database, to profile --export on)
#include "command_output.hpp"
#include "server/export/table_export.hpp"
#include "server/export/xlsx_workbook.hpp"
#include "server/store/database.hpp"
#include "server/store/migrations.hpp"
#include "server/tables/campaign_tables.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

using namespace waconsole;

namespace {

constexpr std::int64_t kSentFrom = 1'790'000'000; // epoch seconds of the first send
constexpr const char* kZone = "Europe/Madrid";

struct Figures {
    double seconds = 0;
    double cpu_seconds = 0;
    double peak_mib = 0;
    long long rows = 0;
    double start_mib = 0; // the process before the export
};

double cpu_now() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double rss_mib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            return std::atof(line.c_str() + 6) / 1024.0;
        }
    }
    return 0;
}

// Campaign 1 as sending leaves it: per 100 recipients 3 failed (131026), 7 sent, 20 delivered
// and 70 read, each with the timestamps of its statuses, sent at 1,000 a second.
void fill(const std::string& path, int rows) {
    Connection db(path);
    apply_migrations(db);
    Transaction transaction(db);
    db.exec("INSERT INTO users (email, name, role, password_hash, created_at) "
            "VALUES ('a@b.c', 'Ana Admin', 'admin', 'x', 0)");
    db.exec("INSERT INTO campaigns (name, name_key, template_name, template_language, "
            "template_category, template_components, parameter_format, source, mode, "
            "include_active_conversations, variables, created_by, created_at, status, "
            "recipient_count, rejected_count, started_at, finished_at) VALUES ('Bench', 'bench', "
            "'order_update', 'en_US', 'UTILITY', '[]', 'POSITIONAL', 'customers', 'immediate', 0, "
            "'{}', 1, 1790000000, 'completed', " +
            std::to_string(rows) + ", 0, 1790000000, 1790000200)");
    auto customer = db.prepare("INSERT INTO customers (wa_id, phone, name, created_at) "
                               "VALUES (?, ?, ?, 0)");
    auto message = db.prepare(
        "INSERT INTO messages (customer_id, direction, kind, body, template_name, "
        "template_language, wamid, status, created_at, sent_at, delivered_at, read_at, failed_at, "
        "error_code, error_title, error_details) VALUES (?, 'out', 'template', ?, 'order_update', "
        "'en_US', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto recipient =
        db.prepare("INSERT INTO campaign_recipients (campaign_id, row_number, phone, customer_id, "
                   "customer_name, rendered_text, parameters, state, message_id) "
                   "VALUES (1, ?, ?, ?, ?, ?, '{}', 'fed', ?)");
    const char* first_names[] = {"Ana", "José", "Иван", "Zoë", "María", "Luis", "Ngozi", "Lucía"};
    const char* last_names[] = {"Pérez", "García", "Петров", "Núñez", "Silva", "Okafor", "Müller"};
    for (int row = 1; row <= rows; ++row) {
        const std::string digits = std::to_string(34600000000LL + row);
        const std::string name = std::string(first_names[row % 8]) + " " + last_names[row % 7] +
                                 " " + std::to_string(row);
        const std::string text = "Hi " + name + ", your order +" + digits +
                                 " is on its way. Do you want delivery alerts?";
        customer.bind(1, digits).bind(2, "+" + digits).bind(3, name).run();
        customer.reset();
        const auto customer_id = db.last_insert_id();
        const int kind = row % 100;
        const std::int64_t sent = kSentFrom + row / 1000;
        const bool failed = kind < 3;
        const std::string status = failed      ? "failed"
                                   : kind < 10 ? "sent"
                                   : kind < 30 ? "delivered"
                                               : "read";
        message.bind(1, customer_id)
            .bind(2, text)
            .bind(3, "wamid.BENCH" + std::to_string(row))
            .bind(4, status)
            .bind(5, sent);
        message.bind(6, failed ? std::optional<std::int64_t>() : sent)
            .bind(7, kind >= 10 ? std::optional<std::int64_t>(sent + 2) : std::nullopt)
            .bind(8, kind >= 30 ? std::optional<std::int64_t>(sent + 60 + row % 540) : std::nullopt)
            .bind(9, failed ? std::optional<std::int64_t>(sent + 1) : std::nullopt)
            .bind(10, failed ? std::optional<std::int64_t>(131026) : std::nullopt)
            .bind(11, failed ? std::optional<std::string>("Message undeliverable") : std::nullopt)
            .bind(12, failed ? std::optional<std::string>(
                                   "Unable to deliver the message: the number is not on WhatsApp.")
                             : std::nullopt)
            .run();
        message.reset();
        recipient.bind(1, row)
            .bind(2, "+" + digits)
            .bind(3, customer_id)
            .bind(4, name)
            .bind(5, text)
            .bind(6, db.last_insert_id())
            .run();
        recipient.reset();
    }
    transaction.commit();
}

TableRequest campaign_request(const TableSpec& spec) {
    auto parsed = parse_table_request(spec, {{"campaign", "1"}, {"time_zone", kZone}});
    if (const auto* error = std::get_if<ApiError>(&parsed)) {
        throw std::runtime_error(error->message);
    }
    return std::get<TableRequest>(parsed);
}

// The cells the export writes, for the peer to write the same rows: the titles, the column widths,
// then one row a line, tab-separated, each cell prefixed n (number), s (text) or d (date, seconds
// on the zone's wall clock); an empty cell is absent.
void write_peer_rows(const std::string& db_path, const std::string& path) {
    Connection db(db_path);
    const auto spec = campaign_recipients_table();
    const auto request = campaign_request(spec);
    std::ofstream out(path, std::ios::binary);
    for (std::size_t c = 0; c < spec.columns.size(); ++c) {
        out << (c ? "\t" : "") << spec.columns[c].title;
    }
    out << "\n";
    for (std::size_t c = 0; c < spec.columns.size(); ++c) {
        out << (c ? "\t" : "") << spec.columns[c].width;
    }
    out << "\n";
    for_each_table_row(db, spec, request, kSentFrom, [&](const nlohmann::json& row) {
        for (std::size_t c = 0; c < spec.columns.size(); ++c) {
            const auto& column = spec.columns[c];
            const auto& value = row.at(column.key);
            out << (c ? "\t" : "");
            if (value.is_null()) {
                continue;
            }
            switch (column.type) {
            case ColumnType::datetime:
                out << "d" << request.zone->wall_clock_seconds(value.get<std::int64_t>());
                break;
            case ColumnType::integer:
                out << "n" << value.get<std::int64_t>();
                break;
            case ColumnType::status:
                out << "s" << status_label(value.get<std::string>());
                break;
            case ColumnType::text:
                out << "s" << value.get<std::string>();
                break;
            }
        }
        out << "\n";
    });
}

// The child: one export, timed from the call to the closed file.
int export_once(const std::string& db_path, const std::string& out) {
    Connection db(db_path);
    const auto spec = campaign_recipients_table();
    const auto request = campaign_request(spec);
    ExportOptions options{*request.zone};
    const double start_mib = rss_mib();
    const double cpu_start = cpu_now();
    const auto start = std::chrono::steady_clock::now();
    const auto result = export_table_xlsx(db, spec, request, kSentFrom, out, options);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu = cpu_now() - cpu_start;
    if (const auto* error = std::get_if<ApiError>(&result)) {
        std::fprintf(stderr, "export failed: %s\n", error->message.c_str());
        return 1;
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("%.4f %.4f %.1f %lld %.1f\n", seconds, cpu, usage.ru_maxrss / 1024.0,
                std::get<ExportSummary>(result).rows_written, start_mib);
    return 0;
}

// libxlsxwriter alone (through the same wrapper, same sheet layout) writing the
// export's cells, read into memory first and not timed. Prints like export_once.
int write_floor_once(const std::string& db_path, const std::string& out) {
    struct Cell {
        ColumnType type = ColumnType::text;
        std::int64_t number = 0;
        std::string text;
    };
    Connection db(db_path);
    const auto spec = campaign_recipients_table();
    const auto request = campaign_request(spec);
    std::vector<std::vector<std::optional<Cell>>> rows;
    for_each_table_row(db, spec, request, kSentFrom, [&](const nlohmann::json& row) {
        auto& cells = rows.emplace_back();
        for (const auto& column : spec.columns) {
            const auto& value = row.at(column.key);
            if (value.is_null()) {
                cells.emplace_back();
            } else if (column.type == ColumnType::datetime) {
                cells.push_back(Cell{
                    column.type, request.zone->wall_clock_seconds(value.get<std::int64_t>()), {}});
            } else if (column.type == ColumnType::integer) {
                cells.push_back(Cell{column.type, value.get<std::int64_t>(), {}});
            } else {
                cells.push_back(Cell{ColumnType::text, 0,
                                     column.type == ColumnType::status
                                         ? status_label(value.get<std::string>())
                                         : value.get<std::string>()});
            }
        }
    });
    const double start_mib = rss_mib();
    const double cpu_start = cpu_now();
    const auto start = std::chrono::steady_clock::now();
    XlsxWorkbook workbook(out, /*constant_memory=*/true);
    workbook.add_sheet(spec.title);
    for (std::size_t c = 0; c < spec.columns.size(); ++c) {
        workbook.set_column_width(static_cast<int>(c), spec.columns[c].width);
        workbook.write_header(static_cast<int>(c), spec.columns[c].title);
    }
    workbook.freeze_header_row();
    int row_index = 0;
    for (const auto& cells : rows) {
        ++row_index;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (!cells[c]) {
                continue;
            }
            const int column = static_cast<int>(c);
            if (cells[c]->type == ColumnType::datetime) {
                workbook.write_datetime(row_index, column, cells[c]->number);
            } else if (cells[c]->type == ColumnType::integer) {
                workbook.write_number(row_index, column, static_cast<double>(cells[c]->number));
            } else {
                workbook.write_text(row_index, column, cells[c]->text);
            }
        }
    }
    workbook.autofilter(row_index, static_cast<int>(spec.columns.size()) - 1);
    workbook.close();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("%.4f %.4f %.1f %d %.1f\n", seconds, cpu_now() - cpu_start,
                usage.ru_maxrss / 1024.0, row_index, start_mib);
    return 0;
}

// Runs `command` `runs` times; the median of each figure (empty when every run failed).
std::vector<Figures> run_all(const std::string& command, int runs) {
    std::vector<Figures> all;
    for (int run = 0; run < runs; ++run) {
        Figures figures;
        const auto line = bench::run_command(command);
        const int read =
            std::sscanf(line.c_str(), "%lf %lf %lf %lld %lf", &figures.seconds,
                        &figures.cpu_seconds, &figures.peak_mib, &figures.rows, &figures.start_mib);
        if (read >= 4) {
            all.push_back(figures);
        }
    }
    return all;
}

Figures median(std::vector<Figures> runs) {
    Figures middle = runs.front();
    auto pick = [&](double Figures::*field) {
        std::sort(runs.begin(), runs.end(),
                  [&](const Figures& a, const Figures& b) { return a.*field < b.*field; });
        middle.*field = runs[runs.size() / 2].*field;
    };
    pick(&Figures::seconds);
    pick(&Figures::cpu_seconds);
    pick(&Figures::peak_mib);
    pick(&Figures::start_mib);
    return middle;
}

} // namespace

int main(int argc, char** argv) {
    if (argc == 4 && std::string(argv[1]) == "--export") {
        return export_once(argv[2], argv[3]);
    }
    if (argc == 4 && std::string(argv[1]) == "--floor") {
        return write_floor_once(argv[2], argv[3]);
    }
    if (argc == 4 && std::string(argv[1]) == "--fill") { // for profiling: keep a database
        fill(argv[2], std::atoi(argv[3]));
        return 0;
    }
    int rows = 100000, runs = 5;
    std::string peer;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--rows") {
            rows = std::max(1, std::atoi(argv[i + 1]));
        } else if (flag == "--runs") {
            runs = std::max(1, std::atoi(argv[i + 1]));
        } else if (flag == "--peer") {
            peer = argv[i + 1];
        }
    }
    const auto folder = std::filesystem::temp_directory_path() /
                        ("waconsole-export-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    struct Cleanup {
        std::filesystem::path folder;
        ~Cleanup() { std::filesystem::remove_all(folder); }
    } cleanup{folder};
    const auto db = (folder / "bench.db").string();
    const auto start = std::chrono::steady_clock::now();
    fill(db, rows);
    std::printf("campaign of %d recipients x %zu columns filled in %.1f s\n", rows,
                campaign_recipients_table().columns.size(),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());

    const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
    const auto ours = run_all(
        "'" + self + "' --export '" + db + "' '" + (folder / "ours.xlsx").string() + "'", runs);
    if (ours.empty()) {
        std::fprintf(stderr, "our export failed\n");
        return 1;
    }
    const Figures our = median(ours);
    std::printf("median of %d runs, each in a fresh process   wall time  CPU time  peak RSS  "
                "file      data rows\n",
                runs);
    std::printf("  waconsole (own sheet writer, ISA-L)       %7.3f s %7.3f s %6.1f MiB "
                "%5.1f MiB  %lld (process before the export: %.1f MiB)\n",
                our.seconds, our.cpu_seconds, our.peak_mib,
                std::filesystem::file_size(folder / "ours.xlsx") / 1048576.0, our.rows,
                our.start_mib);
    const auto floor = run_all(
        "'" + self + "' --floor '" + db + "' '" + (folder / "floor.xlsx").string() + "'", runs);
    if (!floor.empty()) {
        const Figures alone = median(floor);
        std::printf("  libxlsxwriter alone, cells in memory      %7.3f s %7.3f s            "
                    "%5.1f MiB  (constant_memory, deflate level 6; no database)\n",
                    alone.seconds, alone.cpu_seconds,
                    std::filesystem::file_size(folder / "floor.xlsx") / 1048576.0);
    }
    if (!peer.empty()) {
        const auto tsv = (folder / "rows.tsv").string();
        write_peer_rows(db, tsv);
        const auto theirs =
            run_all(peer + " '" + tsv + "' '" + (folder / "theirs.xlsx").string() + "'", runs);
        if (theirs.empty()) {
            std::printf("  SheetJS (node)                            failed: is tests/bench/peer "
                        "installed?\n");
        } else {
            const Figures their = median(theirs);
            std::printf("  SheetJS xlsx (node)                       %7.3f s %7.3f s %6.1f MiB "
                        "%5.1f MiB  %lld\n",
                        their.seconds, their.cpu_seconds, their.peak_mib,
                        std::filesystem::file_size(folder / "theirs.xlsx") / 1048576.0, their.rows);
        }
    }
    double load = 0;
    if (std::FILE* loadavg = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(loadavg, "%lf", &load) != 1) {
            load = 0;
        }
        std::fclose(loadavg);
    }
    // On a machine shared with builds the wall time is the CPU time stretched by the load.
    std::printf("load average %.1f on %ld cores; target <= 0.6 s and <= 20 MiB peak: %s by wall "
                "time, %s by CPU time\n",
                load, sysconf(_SC_NPROCESSORS_ONLN),
                our.seconds <= 0.6 && our.peak_mib <= 20 ? "met" : "NOT met",
                our.cpu_seconds <= 0.6 && our.peak_mib <= 20 ? "met" : "NOT met");
    return 0;
}
