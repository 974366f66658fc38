// Page loading, refresh and Excel download for one table.
#include "table_loader.hpp"

#include "app.hpp"
#include "platform/browser.hpp"
#include "platform/download.hpp"
#include "shared/xlsx_download.hpp"

#include <algorithm>

namespace waconsole {

namespace {

constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A count from a response header; 0 when absent or not a count.
long long header_count(const platform::HttpResponse& response, const char* name) {
    const std::string text = response.header(name);
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
        text.size() > 15) {
        return 0;
    }
    return std::stoll(text);
}

void start_page_request(TableLoader& loader, App& app) {
    const std::string path = "/api/tables/" + loader.table +
                             "?page=" + std::to_string(loader.query.page) +
                             "&page_size=" + std::to_string(loader.query.page_size);
    loader.page_request.start(api_get(app.api, path));
    loader.reload_now = false;
}

void take_page(TableLoader& loader, App& app, const platform::HttpResponse& response) {
    loader.answered_at = platform::now_seconds();
    if (end_session_if_unauthorized(app, response)) {
        return;
    }
    if (!response.ok()) {
        loader.error = error_message(response);
        return;
    }
    try {
        TablePage page = nlohmann::json::parse(response.body).get<TablePage>();
        loader.error.clear();
        // Rows were removed under us: show the last page that has any instead of an empty one.
        const int last_page = page_count(page.total, loader.query.page_size);
        if (loader.query.page > last_page) {
            loader.query.page = last_page;
            loader.reload_now = true;
        }
        loader.page = std::move(page);
    } catch (const nlohmann::json::exception&) {
        loader.error =
            "The server sent a table this page cannot read. Reload the page to update it.";
    }
}

void take_download(TableLoader& loader, App& app, const platform::HttpResponse& response) {
    if (end_session_if_unauthorized(app, response)) {
        return;
    }
    if (!response.ok()) {
        push_toast(app.toasts, ToastKind::error, "Download failed: " + error_message(response),
                   platform::now_seconds());
        return;
    }
    const std::string name = platform::filename_from_content_disposition(
        response.content_disposition, loader.download_name);
    platform::save_download(name, response.content_type.empty() ? kXlsxType : response.content_type,
                            response.body);
    const long long left_out = header_count(response, kExportRowsLeftOutHeader);
    if (left_out > 0) {
        push_toast(app.toasts, ToastKind::warning,
                   "Saved " + name + " with the first " +
                       group_thousands(header_count(response, kExportRowsHeader)) +
                       " rows: an Excel sheet holds no more, so " + group_thousands(left_out) +
                       " rows were left out (the file says so too). Narrow the filters to "
                       "download the rest.",
                   platform::now_seconds());
        return;
    }
    push_toast(app.toasts, ToastKind::info, "Saved " + name, platform::now_seconds());
}

} // namespace

TableLoader make_table_loader(std::string table, std::string download_name) {
    TableLoader loader;
    loader.table = std::move(table);
    loader.download_name = std::move(download_name);
    return loader;
}

void update(TableLoader& loader, App& app) {
    if (auto response = loader.page_request.take_response()) {
        take_page(loader, app, *response);
    }
    if (auto response = loader.download_request.take_response()) {
        take_download(loader, app, *response);
    }
    if (!app.user) {
        return; // the session ended on one of the answers above
    }
    const bool due = platform::now_seconds() - loader.answered_at >= kTableRefreshSeconds &&
                     platform::page_visible();
    if (loader.reload_now || (due && !loader.page_request.loading())) {
        start_page_request(loader, app);
    }
}

void go_to_page(TableLoader& loader, int page) {
    loader.query.page = std::max(1, page);
    loader.reload_now = true;
}

void set_page_size(TableLoader& loader, int page_size) {
    const long long first_row = page_offset(loader.query);
    loader.query.page_size = std::clamp(page_size, kMinPageSize, kMaxPageSize);
    loader.query.page = static_cast<int>(first_row / loader.query.page_size) + 1;
    loader.reload_now = true;
}

void start_download(TableLoader& loader, App& app) {
    // Dates in the file are written in the administrator's time zone, not the server's.
    std::string path = "/api/tables/" + loader.table + ".xlsx";
    if (const std::string zone = platform::time_zone(); !zone.empty()) {
        path += std::string("?") + kTimeZoneParam + "=" + url_encode(zone);
    }
    platform::HttpCall call = api_get(app.api, path);
    for (auto& [name, value] : call.headers) {
        if (name == "Accept") {
            value = kXlsxType;
        }
    }
    call.timeout_milliseconds = 120000;
    loader.download_request.start(std::move(call));
}

} // namespace waconsole
