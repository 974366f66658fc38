// Sortable table headers over ImGui 1.86's table sort state (imgui_internal for setting it).
#include "widgets/table_headers.hpp"

#include <imgui_internal.h>

namespace waconsole {

namespace {

// The table column showing `key` when it sorts, -1 otherwise.
int sortable_column(const std::vector<const Column*>& columns, const std::string& key) {
    for (std::size_t n = 0; n < columns.size(); ++n) {
        if (columns[n] != nullptr && columns[n]->sortable && columns[n]->key == key) {
            return static_cast<int>(n);
        }
    }
    return -1;
}

// The sort ImGui's header state holds now, as ColumnSort writes it; "" for none.
std::string held_sort(const std::vector<const Column*>& columns) {
    const ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (specs == nullptr || specs->SpecsCount == 0) {
        return "";
    }
    const ImGuiTableColumnSortSpecs& spec = specs->Specs[0];
    const auto n = static_cast<std::size_t>(spec.ColumnIndex);
    if (n >= columns.size() || columns[n] == nullptr) {
        return "";
    }
    return to_string(
        ColumnSort{columns[n]->key, spec.SortDirection == ImGuiSortDirection_Descending});
}

// Makes ImGui's state hold `sort`: a press changes it, everything else comes from the caller.
void hold_sort(const std::vector<const Column*>& columns, const std::string& sort) {
    const std::string held = held_sort(columns);
    if (held == sort) {
        return;
    }
    const auto wanted = parse_column_sort(sort);
    const int column = wanted ? sortable_column(columns, wanted->column) : -1;
    if (column >= 0) {
        ImGui::TableSetColumnSortDirection(column,
                                           wanted->descending ? ImGuiSortDirection_Descending
                                                              : ImGuiSortDirection_Ascending,
                                           false);
        return;
    }
    // No arrow: only a table that may show none (SortTristate) lets it go.
    const ImGuiTable* table = ImGui::GetCurrentTable();
    const auto shown = parse_column_sort(held);
    const int shown_column = shown ? sortable_column(columns, shown->column) : -1;
    if ((table->Flags & ImGuiTableFlags_SortTristate) != 0 && shown_column >= 0) {
        ImGui::TableSetColumnSortDirection(shown_column, ImGuiSortDirection_None, false);
    }
}

} // namespace

ImGuiTableFlags sort_flags(const TablePage& page) {
    for (const Column& column : page.columns) {
        if (column.sortable) {
            return ImGuiTableFlags_Sortable |
                   (page.default_sort.empty() ? ImGuiTableFlags_SortTristate : 0);
        }
    }
    return ImGuiTableFlags_None;
}

ImGuiTableColumnFlags sort_flags(const Column& column) {
    return column.sortable ? ImGuiTableColumnFlags_PreferSortDescending
                           : ImGuiTableColumnFlags_NoSort;
}

float sort_arrow_width(const Column& column) {
    // As ImGui::TableHeader computes it (ARROW_SCALE 0.65).
    return column.sortable
               ? ImFloor(ImGui::GetFontSize() * 0.65f + ImGui::GetStyle().FramePadding.x)
               : 0.0f;
}

std::optional<std::string> draw_table_headers(const std::vector<const Column*>& columns,
                                              const std::string& sort, WidgetRects& rects) {
    const bool sortable = (ImGui::GetCurrentTable()->Flags & ImGuiTableFlags_Sortable) != 0;
    std::string before;
    if (sortable) {
        hold_sort(columns, sort);
        before = held_sort(columns);
    }
    // As ImGui::TableHeadersRow, recording each sortable header.
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers, ImGui::TableGetHeaderRowHeight());
    for (int n = 0; n < ImGui::TableGetColumnCount(); ++n) {
        if (!ImGui::TableSetColumnIndex(n)) {
            continue;
        }
        ImGui::PushID(n);
        ImGui::TableHeader(ImGui::TableGetColumnName(n));
        ImGui::PopID();
        const auto at = static_cast<std::size_t>(n);
        if (sortable && at < columns.size() && columns[at] != nullptr && columns[at]->sortable) {
            rects.record_last_item("table.header." + columns[at]->key);
        }
    }
    if (!sortable) {
        return std::nullopt;
    }
    // Only a press changes the state while the headers are drawn.
    const std::string after = held_sort(columns);
    if (after == before) {
        return std::nullopt;
    }
    return after;
}

} // namespace waconsole
