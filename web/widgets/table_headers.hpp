// The header row of the paged table: the column titles, the sortable ones pressable (a click, or
// Enter / Space on the focused header) with ImGui's sort arrow on the column the rows are sorted
// by. The sort itself is the caller's (the URL's, the loader's): the arrows are set from it every
// frame, and a press is reported, never kept here.
#pragma once

#include "shared/table.hpp"
#include "widgets/widget_rects.hpp"

#include <imgui.h>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

// The table flags for sorting `page`: none when no column sorts; with no column of its own order
// (the waiting queues) a third press returns to that order.
ImGuiTableFlags sort_flags(const TablePage& page);

// The column flags for sorting `column`: a time or a count is sorted descending first.
ImGuiTableColumnFlags sort_flags(const Column& column);

// The room ImGui keeps beside a sortable column's title for its arrow (0 for others).
float sort_arrow_width(const Column& column);

// Draws the header row of the current table after its columns are set up. `columns[n]` is the
// page column at the table's column index n (null for a column of buttons). Shows `sort`
// ("-started_at"; "" for none) and returns the sort a press asked for ("" for the table's own
// order). Records table.header.<key> for each sortable column, a Tab stop.
std::optional<std::string> draw_table_headers(const std::vector<const Column*>& columns,
                                              const std::string& sort, WidgetRects& rects);

} // namespace waconsole
