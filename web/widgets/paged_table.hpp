// The table every section of the menu uses: any waconsole::TablePage with its own columns
// (datetime in local time, status as icon + label), a toolbar with the row count and Download
// Excel, an inline error with Retry, a pager with the page-size selector ("data frame"), a
// selected row (kept by id across refreshes and pages) and per-row action buttons.
// It only draws and reports what the user asked for; the caller fetches.
#pragma once

#include "shared/table.hpp"
#include "widgets/widget_rects.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

// A button in each row's Actions column.
struct RowAction {
    const char* label = "";       // "Transfer"
    const char* name = "";        // "transfer": widget table.row.<id>.transfer
    const char* enabled_key = ""; // a row field that must be true, "" = always enabled
    const char* reason_key = "";  // a row field saying why not, shown as the tooltip
    bool on_double_click = false; // a double click on the row does this action too
};

// A cell's text when the screen computes it (a ticking "waited"); nullopt = the usual text. For a
// status column it is the label beside the status's icon ("Sending 12 / 40").
using CellText =
    std::function<std::optional<std::string>(const nlohmann::json& row, const Column& column)>;

// A status cell's tooltip when the screen has one (the whole sentence behind a short label);
// nullopt or "" = none.
using CellTooltip = CellText;

// Why a row's action is not available ("" = it is), when the screen decides instead of the row's
// enabled_key.
using ActionRefusal =
    std::function<std::string(const nlohmann::json& row, const RowAction& action)>;

struct PagedTableStatus {
    int page = 1; // the page and size asked for (the shown page may lag behind)
    int page_size = 10;
    bool loading = false;                          // a page is on its way
    bool downloading = false;                      // the Excel file is on its way
    std::string error;                             // the last load's error, "" when fine
    const char* row_noun = "rows";                 // "37 conversations"
    const char* download_label = "Download Excel"; // the toolbar's button (widget table.download)
    std::optional<long long> selected_id;
    std::vector<RowAction> row_actions;
    CellText cell_text;
    CellTooltip cell_tooltip;
    ActionRefusal action_refusal;
    std::map<std::string, std::string> titles; // column key → title shown instead of the server's
    std::string sort; // the sort whose arrow shows ("-started_at"), "" for none
};

struct RowActionClick {
    long long row_id = 0;
    std::string action; // RowAction::name
};

struct PagedTableActions {
    std::optional<int> page;
    std::optional<int> page_size;
    std::optional<long long> select; // a row was clicked
    std::optional<std::string> sort; // a sortable header was pressed: the sort it asks for
    std::optional<RowActionClick> row_action;
    bool download = false;
    bool retry = false;
};

// Fills the rest of the current window. `page` is null until the first page arrives.
// Widgets are recorded as table.download, table.error (the error banner), table.retry,
// table.header.<key> (a sortable column's header),
// table.page_size, table.page_size.option.<N>, table.first, table.prev, table.next, table.last,
// table.row.<id> (the row, for selecting), table.row.<id>.<action> and table.cell.<id>.<key> (a
// cell with a tooltip); the text of each visible cell is recorded under its row id.
PagedTableActions draw_paged_table(const char* id, const TablePage* page,
                                   const PagedTableStatus& status, WidgetRects& rects);

// The row of `page` with this id, or null.
const nlohmann::json* find_row(const TablePage& page, long long row_id);

} // namespace waconsole
