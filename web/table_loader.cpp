// Page loading, refresh and Excel download for one table.
#include "table_loader.hpp"

#include "app.hpp"
#include "platform/browser.hpp"
#include "platform/download.hpp"
#include "platform/frame_loop.hpp"
#include "shared/api_error.hpp"
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
    QueryParams params = {{"page", std::to_string(loader.query.page)},
                          {"page_size", std::to_string(loader.query.page_size)},
                          {"sort", loader.sort}};
    params.insert(params.end(), loader.filters.begin(), loader.filters.end());
    loader.page_request.start(
        api_get(app.api, "/api/tables/" + loader.table + query_string(params)));
    loader.requested_stamp = live_stamp(app.live, loader.topics);
    loader.reload_now = false;
    ++loader.fetches;
}

// True when the server refused the request's sort (a link from before a sort was dropped).
bool sort_refused(const platform::HttpResponse& response) {
    if (response.status != 400) {
        return false;
    }
    const ApiError error = api_error_from_body(response.status, response.body);
    return !error.fields.empty() && error.fields.front().field == "sort";
}

void take_page(TableLoader& loader, App& app, const platform::HttpResponse& response) {
    loader.answered_at = platform::now_seconds();
    if (end_session_if_unauthorized(app, response)) {
        return;
    }
    if (!loader.sort.empty() && sort_refused(response)) {
        // The table's own order instead of an error that no retry mends; the toast says why.
        push_toast(app.toasts, ToastKind::warning,
                   "Shown in the table's own order: " + error_message(response),
                   platform::now_seconds());
        set_sort(loader, "");
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
        loader.page_arrived_at = loader.answered_at;
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

TableLoader make_table_loader(std::string table, std::string download_name, Topics topics) {
    TableLoader loader;
    loader.table = std::move(table);
    loader.download_name = std::move(download_name);
    loader.topics = topics;
    return loader;
}

std::string param_value(const QueryParams& params, const std::string& name) {
    for (const auto& [key, value] : params) {
        if (key == name) {
            return value;
        }
    }
    return "";
}

std::string query_string(const QueryParams& params) {
    std::string out;
    for (const auto& [name, value] : params) {
        if (value.empty()) {
            continue;
        }
        out += out.empty() ? '?' : '&';
        out += url_encode(name) + "=" + url_encode(value);
    }
    return out;
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
    if (loader.reload_now) {
        start_page_request(loader, app);
        return;
    }
    if (loader.page_request.loading()) {
        return; // a change seen meanwhile is fetched once this answer is in
    }
    const bool changed = live_stamp(app.live, loader.topics) != loader.requested_stamp;
    const double since_answer = platform::now_seconds() - loader.answered_at;
    const bool retry_due =
        !loader.error.empty() && since_answer >= kTableRetrySeconds && platform::page_visible();
    if (changed || retry_due) {
        start_page_request(loader, app);
    } else if (!loader.error.empty()) {
        platform::wake_after(static_cast<int>((kTableRetrySeconds - since_answer) * 1000) + 1);
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

void apply_filters(TableLoader& loader, QueryParams filters) {
    loader.filters = std::move(filters);
    loader.query.page = 1;
    loader.reload_now = true;
}

void set_sort(TableLoader& loader, std::string sort) {
    loader.sort = std::move(sort);
    loader.query.page = 1;
    loader.reload_now = true;
}

void start_download(TableLoader& loader, App& app) {
    // The rows in the order the table shows; dates in the administrator's time zone, not the
    // server's.
    QueryParams params = loader.filters;
    params.emplace_back("sort", loader.sort);
    const bool has_zone = std::any_of(params.begin(), params.end(), [](const auto& param) {
        return param.first == kTimeZoneParam;
    });
    if (!has_zone) {
        params.emplace_back(kTimeZoneParam, platform::time_zone());
    }
    const std::string path = "/api/tables/" + loader.table + ".xlsx" + query_string(params);
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
