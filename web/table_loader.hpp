// Keeps one paged table of the API on screen: loads the asked-for page, refreshes it every few
// seconds while it is visible (one cheap request) so server changes show up, turns failures into
// a visible message, and downloads the table as .xlsx. Each table section owns one.
#pragma once

#include "platform/http.hpp"
#include "shared/paging.hpp"
#include "shared/table.hpp"

#include <optional>
#include <string>

namespace waconsole {

struct App;

// Seconds between background refreshes of the visible page.
constexpr double kTableRefreshSeconds = 1.0;

struct TableLoader {
    std::string table;         // "active": GET /api/tables/active
    std::string download_name; // used when the server names no file
    PageQuery query;
    std::optional<TablePage> page; // the last page that arrived
    std::string error;             // why the last load failed, "" after a good one
    platform::Request page_request;
    platform::Request download_request;
    double answered_at = -1e9; // platform::now_seconds() of the last answer, good or bad
    bool reload_now = true;
};

TableLoader make_table_loader(std::string table, std::string download_name);

// Takes arrived answers and starts the next request when one is due. Call each frame while the
// table is on screen.
void update(TableLoader& loader, App& app);

void go_to_page(TableLoader& loader, int page);
// Keeps the first row of the current page in view.
void set_page_size(TableLoader& loader, int page_size);
void start_download(TableLoader& loader, App& app);

} // namespace waconsole
