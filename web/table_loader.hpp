// Keeps one paged table of the API on screen: loads the asked-for page with the applied filters,
// loads it again when the live feed says its topics changed (never on a timer: an idle console
// does not query pages), retries a failed load every few seconds, turns failures into a visible
// message, and downloads the filtered table as .xlsx. Each table section owns one.
#pragma once

#include "live_feed.hpp"
#include "platform/http.hpp"
#include "shared/paging.hpp"
#include "shared/table.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace waconsole {

struct App;

// Seconds between retries of a page that failed to load.
constexpr double kTableRetrySeconds = 2.0;

using QueryParams = std::vector<std::pair<std::string, std::string>>;

struct TableLoader {
    std::string table;                               // "active": GET /api/tables/active
    std::string download_name;                       // used when the server names no file
    Topics topics = topic_bit(Topic::conversations); // what makes the rows change
    PageQuery query;
    QueryParams filters;           // applied filters, sent with every page and the download
    std::string sort;              // ?sort= ("-started_at"), "" for the table's own order
    std::optional<TablePage> page; // the last page that arrived
    std::string error;             // why the last load failed, "" after a good one
    platform::Request page_request;
    platform::Request download_request;
    long long requested_stamp = -1; // live stamp when the last page was asked for
    double answered_at = -1e9;      // platform::now_seconds() of the last answer, good or bad
    double page_arrived_at = -1e9;  // when `page` arrived (computed columns count from here)
    long long fetches = 0;          // page requests started (test hook)
    bool reload_now = true;
};

TableLoader make_table_loader(std::string table, std::string download_name, Topics topics);

// Takes arrived answers and starts the next request when one is due. Call each frame while the
// table is on screen.
void update(TableLoader& loader, App& app);

void go_to_page(TableLoader& loader, int page);
// Keeps the first row of the current page in view.
void set_page_size(TableLoader& loader, int page_size);
// Applies new filters and goes back to the first page.
void apply_filters(TableLoader& loader, QueryParams filters);
// Sorts by a column ("-started_at"; "" for the table's own order) from the first page.
void set_sort(TableLoader& loader, std::string sort);
void start_download(TableLoader& loader, App& app);

// The value of `name` in `params`, "" when absent.
std::string param_value(const QueryParams& params, const std::string& name);

// "?a=1&b=x%20y" from the parameters (empty values are left out); "" when none.
std::string query_string(const QueryParams& params);

} // namespace waconsole
