// GET /api/tables/{table} (a page as JSON), /api/tables/{table}.xlsx (every row as Excel) and
// GET /api/table-counts (the menu's live counts, from the section counters).
#include "server/api/http_util.hpp"
#include "server/api/routes.hpp"
#include "server/clock.hpp"
#include "server/export/table_export.hpp"
#include "server/tables/table_counts.hpp"
#include "shared/xlsx_download.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <unistd.h>

namespace waconsole {
namespace {

// Finds the table named in the path and parses the query, or answers the error.
const TableSpec* table_and_request(const httplib::Request& req, httplib::Response& res,
                                   RequestContext& context, TableRequest& request) {
    const auto* spec = context.services.tables.find(req.matches[1]);
    if (!spec) {
        send_error(
            res, make_error(404, "not_found", "there is no table " + std::string(req.matches[1])));
        return nullptr;
    }
    auto params = query_params(req);
    if (send_if_error(params, res)) {
        return nullptr;
    }
    auto parsed = parse_table_request(*spec, std::get<std::map<std::string, std::string>>(params));
    if (send_if_error(parsed, res)) {
        return nullptr;
    }
    request = std::get<TableRequest>(parsed);
    return spec;
}

void table_page(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    TableRequest request;
    const auto* spec = table_and_request(req, res, context, request);
    if (!spec) {
        return;
    }
    auto db = context.services.pool.acquire();
    auto page = query_table_page(*db, *spec, request, now_seconds());
    if (send_if_error(page, res)) {
        return;
    }
    send_json(res, 200, std::get<TablePage>(page));
}

// Removes the temporary export file when the last reader is done with it.
struct TempFile {
    std::string path;
    ~TempFile() { std::remove(path.c_str()); }
};

void table_xlsx(const httplib::Request& req, httplib::Response& res, RequestContext& context) {
    TableRequest request;
    const auto* spec = table_and_request(req, res, context, request);
    if (!spec) {
        return;
    }
    // ?time_zone=Europe/Madrid (checked with the request), or the server's own zone.
    ExportOptions options{request.zone ? *request.zone : TimeZone::server_zone()};
    if (context.services.config.export_row_limit > 0) {
        options.max_sheet_rows = context.services.config.export_row_limit;
    }
    std::string pattern =
        (std::filesystem::temp_directory_path() / "waconsole-export-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) {
        return send_error(res, make_error(500, "internal", "the export could not be written"));
    }
    ::close(fd);
    auto file = std::make_shared<TempFile>(TempFile{pattern});
    const auto now = now_seconds();
    ExportSummary summary;
    {
        auto db = context.services.pool.acquire();
        auto exported = export_table_xlsx(*db, *spec, request, now, file->path, options);
        if (send_if_error(exported, res)) {
            return;
        }
        summary = std::get<ExportSummary>(exported);
    }
    const auto size = std::filesystem::file_size(file->path);
    auto stream = std::make_shared<std::ifstream>(file->path, std::ios::binary);
    res.set_header("Content-Disposition",
                   "attachment; filename=\"" + export_file_name(*spec, now, options.zone) + "\"");
    res.set_header(kExportRowsHeader, std::to_string(summary.rows_written));
    res.set_header(kExportRowsLeftOutHeader, std::to_string(summary.rows_left_out));
    res.set_content_provider(
        static_cast<std::size_t>(size),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [file, stream](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
            char buffer[64 * 1024];
            stream->seekg(static_cast<std::streamoff>(offset));
            const auto wanted = std::min(length, sizeof buffer);
            stream->read(buffer, static_cast<std::streamsize>(wanted));
            const auto got = stream->gcount();
            if (got <= 0) {
                return false;
            }
            return sink.write(buffer, static_cast<std::size_t>(got));
        });
}

// How many conversations Unmanaged, Waiting and Active hold: three counters kept by triggers,
// never a count of rows, so the menu may ask whenever the conversations change.
void table_counts(const httplib::Request&, httplib::Response& res, RequestContext& context) {
    auto db = context.services.pool.acquire();
    nlohmann::json counts = nlohmann::json::object();
    for (const char* section : {"unmanaged", "waiting", "active"}) {
        counts[section] = counted(*db, section);
    }
    send_json(res, 200, {{"counts", counts}});
}

} // namespace

void register_table_routes(ApiRouter& router) {
    router.get("/api/table-counts", "/api/table-counts", Access::admin, table_counts);
    router.get(R"(/api/tables/([a-z_]+)\.xlsx)", "/api/tables/active.xlsx", Access::admin,
               table_xlsx);
    router.get(R"(/api/tables/([a-z_]+))", "/api/tables/active", Access::admin, table_page);
}

} // namespace waconsole
