// The table every section of the menu uses: any waconsole::TablePage with its own columns
// (datetime in local time, status as icon + label), a toolbar with the row count and Download
// Excel, an inline error with Retry, and a pager with the page-size selector ("data frame").
// It only draws and reports what the user asked for; the caller fetches.
#pragma once

#include "shared/table.hpp"
#include "widgets/widget_rects.hpp"

#include <optional>
#include <string>

namespace waconsole {

struct PagedTableStatus {
    int page = 1; // the page and size asked for (the shown page may lag behind)
    int page_size = 10;
    bool loading = false;          // a page is on its way
    bool downloading = false;      // the Excel file is on its way
    std::string error;             // the last load's error, "" when fine
    const char* row_noun = "rows"; // "37 conversations"
};

struct PagedTableActions {
    std::optional<int> page;
    std::optional<int> page_size;
    bool download = false;
    bool retry = false;
};

// Fills the rest of the current window. `page` is null until the first page arrives.
// Widgets are recorded as table.download, table.error (the error banner), table.retry,
// table.page_size, table.page_size.option.<N>, table.first, table.prev, table.next, table.last.
PagedTableActions draw_paged_table(const char* id, const TablePage* page,
                                   const PagedTableStatus& status, WidgetRects& rects);

} // namespace waconsole
