// [SECTION] index: helpers, toolbar, error banner, rows, pager, draw_paged_table.
#include "widgets/paged_table.hpp"

#include "shared/paging.hpp"
#include "theme.hpp"
#include "widgets/browser_text.hpp"
#include "widgets/cell_format.hpp"
#include "widgets/focus_order.hpp"
#include "widgets/status_badge.hpp"
#include "widgets/table_headers.hpp"

#include <GLFW/glfw3.h>
#include <algorithm>
#include <imgui.h>
#include <imgui_internal.h> // NavDisableHighlight: whether the focus ring shows

namespace waconsole {

namespace {

// [SECTION] helpers

float button_width(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

bool pager_button(const char* label, const char* name, bool enabled, WidgetRects& rects) {
    ImGui::BeginDisabled(!enabled);
    const bool pressed = ImGui::Button(label);
    ImGui::EndDisabled();
    rects.record_last_item(name);
    return pressed && enabled;
}

// [SECTION] toolbar: row count on the left, Download Excel on the right

void draw_toolbar(const TablePage* page, const PagedTableStatus& status, WidgetRects& rects,
                  PagedTableActions& actions) {
    const std::string download_label = status.downloading
                                           ? std::string("Preparing file…###download")
                                           : std::string(status.download_label) + "###download";
    ImGui::AlignTextToFramePadding();
    if (page != nullptr) {
        ImGui::TextDisabled("%lld %s", page->total, status.row_noun);
    } else if (status.loading) {
        ImGui::TextDisabled("Loading…");
    } else {
        ImGui::TextDisabled(" ");
    }
    ImGui::SameLine(ImGui::GetContentRegionMax().x - button_width(download_label.c_str()));
    ImGui::BeginDisabled(status.downloading);
    if (primary_button(download_label.c_str())) {
        actions.download = true;
    }
    ImGui::EndDisabled();
    rects.record_last_item("table.download");
}

// [SECTION] error banner

void draw_error(const std::string& error, WidgetRects& rects, PagedTableActions& actions) {
    const float width = ImGui::GetContentRegionAvail().x;
    const float retry_width = button_width("Retry");
    const ImVec2 padding(em(0.8f), em(0.5f));
    const float text_width = std::max(em(8), width - retry_width - padding.x * 2 - em(1));
    const float text_height = ImGui::CalcTextSize(error.c_str(), nullptr, false, text_width).y;
    const float inner_height = std::max(ImGui::GetFrameHeight(), text_height);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette::kErrorBackground);
    ImGui::PushStyleColor(ImGuiCol_Border, palette::kErrorBorder);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, padding);
    ImGui::BeginChild("##table_error", ImVec2(width, inner_height + padding.y * 2), true,
                      ImGuiWindowFlags_NoScrollbar);
    // Message and button centred on the same line when the message fits on one.
    ImGui::SetCursorPosY(padding.y + (inner_height - text_height) * 0.5f);
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kErrorText);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + text_width);
    ImGui::TextUnformatted(error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::SetCursorPos(ImVec2(ImGui::GetWindowContentRegionMax().x - retry_width,
                               padding.y + (inner_height - ImGui::GetFrameHeight()) * 0.5f));
    if (ImGui::Button("Retry")) {
        actions.retry = true;
    }
    rects.record_last_item("table.retry");
    ImGui::EndChild();
    rects.record_last_item("table.error");
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
}

// [SECTION] rows

long long row_id_of(const nlohmann::json& row, int index) {
    const auto it = row.is_object() ? row.find("id") : row.end();
    if (row.is_object() && it != row.end() && it->is_number_integer()) {
        return it->get<long long>();
    }
    return -1 - index; // rows without an id cannot be selected for long, but stay distinct
}

std::string row_string(const nlohmann::json& row, const char* key) {
    const auto it = row.find(key);
    return it != row.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A status cell's code and the label shown beside its icon.
std::pair<std::string, std::string> status_cell(const nlohmann::json& row, const Column& column,
                                                const PagedTableStatus& status) {
    const std::string code = row_string(row, column.key.c_str());
    std::optional<std::string> label;
    if (status.cell_text) {
        label = status.cell_text(row, column);
    }
    return {code, label ? *label : status_look(code).label};
}

// The screen's tooltip for a cell drawn from `start` across the column's width, while the
// pointer is over it.
void draw_cell_tooltip(const nlohmann::json& row, long long row_id, const Column& column,
                       const PagedTableStatus& status, ImVec2 start, float width,
                       WidgetRects& rects) {
    if (!status.cell_tooltip) {
        return;
    }
    const std::optional<std::string> tooltip = status.cell_tooltip(row, column);
    if (!tooltip || tooltip->empty()) {
        return;
    }
    const ImVec2 end(start.x + width, start.y + ImGui::GetFrameHeight());
    rects.record("table.cell." + std::to_string(row_id) + "." + column.key, start, end);
    if (!ImGui::IsWindowHovered() || !ImGui::IsMouseHoveringRect(start, end)) {
        return;
    }
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(em(30));
    ImGui::TextUnformatted(tooltip->c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
    rects.record_tooltip(*tooltip);
}

void draw_cell(const nlohmann::json& row, long long row_id, const Column& column,
               const PagedTableStatus& status, WidgetRects& rects) {
    const auto it = row.find(column.key);
    const nlohmann::json& value = it != row.end() ? *it : nlohmann::json();
    if (column.type == ColumnType::status) {
        auto [code, label] = status_cell(row, column, status);
        const ImVec2 start = ImGui::GetCursorScreenPos();
        const float width = ImGui::GetContentRegionAvail().x;
        ImGui::AlignTextToFramePadding();
        draw_status_badge(code, label);
        rects.record_cell(row_id, column.key, std::move(label));
        draw_cell_tooltip(row, row_id, column, status, start, width, rects);
        return;
    }
    std::optional<std::string> computed;
    if (status.cell_text) {
        computed = status.cell_text(row, column);
    }
    const std::string text = computed ? *computed : cell_text(value, column.type);
    ImGui::AlignTextToFramePadding();
    const bool cut = draw_line_text(text, ImGui::GetContentRegionAvail().x, rects);
    rects.record_cell(row_id, column.key, text);
    if (cut) {
        rects.record_cut(column.key);
    }
    if (cut && ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        draw_wrapped_text(text, em(30), rects);
        ImGui::EndTooltip();
    }
}

// Why `action` is not available for `row`, "" when it is: the screen's say, else the row's
// enabled_key and reason_key, else a generic sentence.
std::string action_refusal(const nlohmann::json& row, const RowAction& action,
                           const PagedTableStatus& status) {
    if (status.action_refusal) {
        return status.action_refusal(row, action);
    }
    if (*action.enabled_key == '\0') {
        return "";
    }
    const auto it = row.find(action.enabled_key);
    if (it != row.end() && it->is_boolean() && it->get<bool>()) {
        return "";
    }
    std::string reason = *action.reason_key != '\0' ? row_string(row, action.reason_key) : "";
    return reason.empty() ? std::string(action.label) + " is not available for this row." : reason;
}

// The row's buttons; a disabled one says why in its tooltip.
void draw_row_actions(const nlohmann::json& row, long long row_id, const PagedTableStatus& status,
                      WidgetRects& rects, PagedTableActions& actions) {
    const std::string prefix = "table.row." + std::to_string(row_id) + ".";
    bool first = true;
    for (const RowAction& action : status.row_actions) {
        if (!first) {
            ImGui::SameLine(0, em(0.35f));
        }
        first = false;
        const std::string refusal = action_refusal(row, action, status);
        const bool enabled = refusal.empty();
        ImGui::BeginDisabled(!enabled);
        const bool pressed = ImGui::Button(action.label);
        ImGui::EndDisabled();
        rects.record_last_item(prefix + action.name);
        if (!enabled && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
            const std::string& reason = refusal;
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(em(24));
            ImGui::TextUnformatted(reason.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
            rects.record_tooltip(reason);
        }
        if (pressed && enabled) {
            actions.row_action = RowActionClick{row_id, action.name};
        }
    }
}

// A right click on a row selects it and offers the row's actions, those not available greyed.
void draw_row_menu(const nlohmann::json& row, long long row_id, const PagedTableStatus& status,
                   WidgetRects& rects, PagedTableActions& actions) {
    if (status.row_actions.empty()) {
        return;
    }
    if (ImGui::IsItemClicked(ImGuiMouseButton_Right)) {
        actions.select = row_id;
    }
    if (!ImGui::BeginPopupContextItem("##row_menu")) {
        return;
    }
    const std::string prefix = "table.row." + std::to_string(row_id) + ".menu.";
    for (const RowAction& action : status.row_actions) {
        if (ImGui::MenuItem(action.label, nullptr, false,
                            action_refusal(row, action, status).empty())) {
            actions.row_action = RowActionClick{row_id, action.name};
        }
        rects.record_last_item(prefix + action.name);
    }
    ImGui::EndPopup();
}

float actions_width(const PagedTableStatus& status) {
    float width = 0;
    for (const RowAction& action : status.row_actions) {
        width += button_width(action.label) + (width > 0 ? em(0.35f) : 0);
    }
    return std::max(width, ImGui::CalcTextSize("Actions").x);
}

// Columns that say who a row is about: never cut, whatever the screen's width.
bool identifies_row(const Column& column) {
    return column.type == ColumnType::text && (column.key == "customer" || column.key == "phone");
}

// The least a text column that may be cut gets before the table scrolls sideways.
float min_cut_width() {
    return em(4.5f);
}

// How wide a column is drawn. Priority, highest first: the columns that identify the row, numbers,
// dates and statuses keep the width of their content; other text columns share what is left by
// their width hints, down to min_cut_width() with "…", and below that the table scrolls
// sideways. Widths come from samples, not from the rows shown, so the layout (and whether the
// table scrolls) does not jump from one page or refresh to the next.
struct ColumnWidth {
    bool fixed = false;
    float width = 0; // fixed: the width; stretch: the weight
};

// The least width of a column, from its kind alone.
float least_width(const Column& column, const std::string& title) {
    const float title_width = ImGui::CalcTextSize(title.c_str()).x;
    const auto sample = [title_width](const char* text) {
        return std::max(title_width, ImGui::CalcTextSize(text).x);
    };
    switch (column.type) {
    case ColumnType::datetime:
        return sample("0000-00-00 00:00");
    case ColumnType::integer:
        return sample("0,000,000");
    case ColumnType::status:
        return std::max(title_width, em(8));
    case ColumnType::text:
        break;
    }
    if (column.key == "phone") {
        return sample("+000 000 000 0000");
    }
    if (column.key == "customer") {
        return std::max(title_width, em(10)); // a longer name ends in "…"
    }
    return min_cut_width();
}

ColumnWidth column_width(const Column& column, const std::string& title, const TablePage& page,
                         const PagedTableStatus& status) {
    if (column.type == ColumnType::text && !identifies_row(column)) {
        return {false, static_cast<float>(std::max(4, column.width))};
    }
    if (column.type != ColumnType::status) {
        // With room for the sort arrow beside the title, taken from the text columns: it does
        // not count in needed_width, so a table fits the screens it fitted without arrows.
        return {true, least_width(column, title) + sort_arrow_width(column)};
    }
    // A status is as wide as its widest label on the page ("Paused until 14:30").
    float widest = ImGui::CalcTextSize(title.c_str()).x;
    for (const auto& row : page.rows) {
        const auto it = row.is_object() ? row.find(column.key) : row.end();
        if (row.is_object() && it != row.end() && it->is_string()) {
            const auto [code, label] = status_cell(row, column, status);
            widest = std::max(widest, status_badge_width(code) -
                                          ImGui::CalcTextSize(status_look(code).label.c_str()).x +
                                          ImGui::CalcTextSize(label.c_str()).x);
        }
    }
    return {true, widest};
}

std::string column_title(const Column& column, const PagedTableStatus& status) {
    // The screen may name a column it shows differently (a ticking duration instead of seconds).
    const auto it = status.titles.find(column.key);
    return it != status.titles.end() ? it->second : column.title;
}

void setup_column(const Column& column, const TablePage& page, const PagedTableStatus& status) {
    const std::string title = column_title(column, status);
    const ColumnWidth width = column_width(column, title, page, status);
    ImGui::TableSetupColumn(
        title.c_str(),
        (width.fixed ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch) |
            sort_flags(column),
        width.width);
}

// The width the columns need at least; wider than the space there is, the table scrolls sideways.
float needed_width(const TablePage& page, const PagedTableStatus& status, float actions) {
    const float padding = ImGui::GetStyle().CellPadding.x * 2 + 1;
    float needed = actions > 0 ? actions + padding : 0;
    for (const Column& column : page.columns) {
        needed += least_width(column, column_title(column, status)) + padding;
    }
    return needed + ImGui::GetStyle().ScrollbarSize;
}

// Where each column is drawn. While the table scrolls sideways the row's buttons and its status
// come first and stay in view (frozen); otherwise the server's order with the buttons last.
struct ColumnOrder {
    std::vector<int> place; // display index of each of the page's columns
    int actions = -1;       // display index of the buttons, -1 without any
    int frozen = 0;         // columns kept in view at the left
};

ColumnOrder column_order(const TablePage& page, bool has_actions, bool scrolls) {
    ColumnOrder order;
    order.place.assign(page.columns.size(), 0);
    int next = 0;
    if (scrolls && has_actions) {
        order.actions = next++;
    }
    if (scrolls) {
        for (std::size_t column = 0; column < page.columns.size(); ++column) {
            if (page.columns[column].type == ColumnType::status) {
                order.place[column] = next++;
            }
        }
        order.frozen = next;
    }
    for (std::size_t column = 0; column < page.columns.size(); ++column) {
        if (!scrolls || page.columns[column].type != ColumnType::status) {
            order.place[column] = next++;
        }
    }
    if (has_actions && order.actions < 0) {
        order.actions = next;
    }
    return order;
}

void draw_row(const nlohmann::json& row, int index, const TablePage& page, const ColumnOrder& order,
              const PagedTableStatus& status, WidgetRects& rects, PagedTableActions& actions) {
    const long long row_id = row_id_of(row, index);
    ImGui::TableNextRow(ImGuiTableRowFlags_None, ImGui::GetFrameHeight());
    ImGui::PushID(static_cast<int>(row_id));
    // The whole row is one selectable under its cells; the buttons drawn later take their clicks.
    // It is submitted in the first column of data (its rectangle, as the hook reports it, is that
    // cell's), not in the buttons' column when those come first.
    ImGui::TableSetColumnIndex(order.actions == 0 && !page.columns.empty() ? 1 : 0);
    const ImVec2 cell_start = ImGui::GetCursorScreenPos();
    const bool selected = status.selected_id && *status.selected_id == row_id;
    if (ImGui::Selectable("##row", selected,
                          ImGuiSelectableFlags_SpanAllColumns |
                              ImGuiSelectableFlags_AllowItemOverlap,
                          ImVec2(0, ImGui::GetFrameHeight()))) {
        actions.select = row_id;
    }
    rects.record_last_item("table.row." + std::to_string(row_id));
    // Enter is the keyboard's double click (Space only selects), on a row showing the focus ring:
    // with the ring hidden (the row was clicked) Enter is not aimed at it.
    const bool entered = ImGui::IsItemFocused() && !GImGui->NavDisableHighlight &&
                         (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                          ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false));
    if (entered || (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))) {
        for (const RowAction& action : status.row_actions) {
            if (action.on_double_click) {
                actions.row_action = RowActionClick{row_id, action.name};
            }
        }
    }
    draw_row_menu(row, row_id, status, rects, actions);
    ImGui::SetCursorScreenPos(cell_start);
    if (row.is_object()) {
        for (std::size_t column = 0; column < page.columns.size(); ++column) {
            ImGui::TableSetColumnIndex(order.place[column]);
            draw_cell(row, row_id, page.columns[column], status, rects);
        }
        if (order.actions >= 0) {
            ImGui::TableSetColumnIndex(order.actions);
            draw_row_actions(row, row_id, status, rects, actions);
        }
    }
    ImGui::PopID();
}

void draw_rows(const char* id, const TablePage& page, float height, const PagedTableStatus& status,
               WidgetRects& rects, PagedTableActions& actions) {
    const bool has_actions = !status.row_actions.empty();
    const int column_count =
        std::max<int>(1, static_cast<int>(page.columns.size()) + (has_actions ? 1 : 0));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_PadOuterX | sort_flags(page);
    // As wide as the window, or wider (scrolling sideways) when the columns need more.
    const float available = ImGui::GetContentRegionAvail().x;
    const float needed = needed_width(page, status, has_actions ? actions_width(status) : 0);
    const ColumnOrder order = column_order(page, has_actions, needed > available);
    const float inner_width = std::max(available, needed);
    // The scrolling region is a child window: white, like the rows, below the last row too.
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette::kSurface);
    const bool open = ImGui::BeginTable(id, column_count, flags, ImVec2(0, height), inner_width);
    ImGui::PopStyleColor();
    if (!open) {
        return;
    }
    ImGui::TableSetupScrollFreeze(order.frozen, 1);
    // Columns are set up in display order.
    for (int place = 0; place < column_count; ++place) {
        if (place == order.actions) {
            ImGui::TableSetupColumn("Actions",
                                    ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort,
                                    actions_width(status));
        }
        for (std::size_t column = 0; column < page.columns.size(); ++column) {
            if (order.place[column] == place) {
                setup_column(page.columns[column], page, status);
            }
        }
    }
    if (page.columns.empty() && !has_actions) {
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_NoSort);
    }
    std::vector<const Column*> shown(static_cast<std::size_t>(column_count), nullptr);
    for (std::size_t column = 0; column < page.columns.size(); ++column) {
        shown[static_cast<std::size_t>(order.place[column])] = &page.columns[column];
    }
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kMuted);
    actions.sort = draw_table_headers(shown, status.sort, rects);
    ImGui::PopStyleColor();

    const int row_count = page.rows.is_array() ? static_cast<int>(page.rows.size()) : 0;
    if (row_count == 0) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextDisabled("No rows on this page.");
    }
    ImGuiListClipper clipper;
    clipper.Begin(row_count);
    while (clipper.Step()) {
        for (int index = clipper.DisplayStart; index < clipper.DisplayEnd; ++index) {
            draw_row(page.rows[static_cast<std::size_t>(index)], index, page, order, status, rects,
                     actions);
        }
    }
    rects.record_table_scroll(ImGui::GetScrollX(), ImGui::GetScrollMaxX());
    ImGui::EndTable();
}

// [SECTION] pager: page size on the left, navigation on the right

float page_size_width() {
    return ImGui::CalcTextSize("Rows per page").x + ImGui::GetStyle().ItemSpacing.x + em(4.5f);
}

// "Page 2 of 9, 87 rows" and the page shown, of the pages there are.
struct PagerPlace {
    int current = 1;
    int pages = 1;
    long long total = 0;
    std::string summary;
};

PagerPlace pager_place(const TablePage* page, const PagedTableStatus& status) {
    PagerPlace place;
    place.total = page != nullptr ? page->total : 0;
    place.pages = page_count(place.total, status.page_size);
    place.current = std::clamp(status.page, 1, place.pages);
    place.summary = "Page " + std::to_string(place.current) + " of " + std::to_string(place.pages) +
                    ", " + std::to_string(place.total) + " rows";
    return place;
}

float navigation_width(const PagerPlace& place) {
    const ImGuiStyle& style = ImGui::GetStyle();
    return button_width("« First") + button_width("‹ Prev") +
           ImGui::CalcTextSize(place.summary.c_str()).x + button_width("Next ›") +
           button_width("Last »") + style.ItemSpacing.x * 4 + em(1);
}

// The page size and the navigation side by side, or on two lines when they do not fit.
bool pager_wraps(const PagerPlace& place) {
    return page_size_width() + em(1) + navigation_width(place) > ImGui::GetContentRegionAvail().x;
}

void draw_page_size(const PagedTableStatus& status, WidgetRects& rects,
                    PagedTableActions& actions) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("Rows per page");
    ImGui::SameLine();
    const std::string current = std::to_string(status.page_size);
    ImGui::SetNextItemWidth(em(4.5f));
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max(min.x + em(4.5f), min.y + ImGui::GetFrameHeight());
    // The rectangle is taken before BeginCombo: once its popup is open, the "last item" is the
    // popup.
    rects.record("table.page_size", min, max);
    // Opens upwards when there is no room below, like any select at the bottom of a page.
    if (ImGui::BeginCombo("##page_size", current.c_str(), ImGuiComboFlags_HeightLargest)) {
        for (const int choice : kPageSizeChoices) {
            const bool selected = choice == status.page_size;
            const std::string label = std::to_string(choice);
            if (ImGui::Selectable(label.c_str(), selected) && !selected) {
                actions.page_size = choice;
            }
            rects.record_last_item("table.page_size.option." + label);
            if (selected) {
                ImGui::SetItemDefaultFocus();
            }
        }
        ImGui::EndCombo();
    } else {
        rects.note_focusable("table.page_size");
    }
}

void draw_navigation(const PagerPlace& place, WidgetRects& rects, PagedTableActions& actions) {
    const int current = place.current;
    const int pages = place.pages;
    const ImGuiStyle& style = ImGui::GetStyle();
    // Right-aligned; on its own line when it does not fit beside the page size.
    const float right = ImGui::GetContentRegionMax().x - navigation_width(place);
    if (pager_wraps(place)) {
        ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), right));
    } else {
        ImGui::SameLine(std::max(ImGui::GetCursorStartPos().x + page_size_width() + em(1), right));
    }
    if (pager_button("« First", "table.first", current > 1, rects)) {
        actions.page = 1;
    }
    ImGui::SameLine();
    if (pager_button("‹ Prev", "table.prev", current > 1, rects)) {
        actions.page = current - 1;
    }
    ImGui::SameLine(0, style.ItemSpacing.x + em(0.5f));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(place.summary.c_str());
    ImGui::SameLine(0, style.ItemSpacing.x + em(0.5f));
    if (pager_button("Next ›", "table.next", current < pages, rects)) {
        actions.page = current + 1;
    }
    ImGui::SameLine();
    if (pager_button("Last »", "table.last", current < pages, rects)) {
        actions.page = pages;
    }
    // PageDown / PageUp turn the page as Next and Prev do (focus_order.hpp).
    if (shortcuts_apply_here()) {
        if (ImGui::IsKeyPressed(GLFW_KEY_PAGE_DOWN) && current < pages) {
            actions.page = current + 1;
        } else if (ImGui::IsKeyPressed(GLFW_KEY_PAGE_UP) && current > 1) {
            actions.page = current - 1;
        }
    }
}

} // namespace

// [SECTION] draw_paged_table

PagedTableActions draw_paged_table(const char* id, const TablePage* page,
                                   const PagedTableStatus& status, WidgetRects& rects) {
    PagedTableActions actions;
    ImGui::PushID(id);
    draw_toolbar(page, status, rects, actions);
    if (!status.error.empty()) {
        draw_error(status.error, rects, actions);
    }

    const PagerPlace place = pager_place(page, status);
    const float pager_height = (ImGui::GetFrameHeight() + ImGui::GetStyle().ItemSpacing.y) *
                               (pager_wraps(place) ? 2.0f : 1.0f);
    const float table_height = std::max(em(6), ImGui::GetContentRegionAvail().y - pager_height);
    // A page for another page number, size or sort than asked is stale: dim it while the new one
    // loads.
    const bool stale = page != nullptr && status.loading &&
                       (page->page != status.page || page->page_size != status.page_size ||
                        page->sort != status.sort);
    if (page != nullptr) {
        ImGui::PushStyleVar(ImGuiStyleVar_Alpha, stale ? 0.5f : 1.0f);
        draw_rows("##rows", *page, table_height, status, rects, actions);
        ImGui::PopStyleVar();
    } else {
        ImGui::BeginChild("##placeholder", ImVec2(0, table_height), true);
        ImGui::TextDisabled(status.loading ? "Loading…" : "No data yet.");
        ImGui::EndChild();
    }

    draw_page_size(status, rects, actions);
    draw_navigation(place, rects, actions);
    ImGui::PopID();
    return actions;
}

const nlohmann::json* find_row(const TablePage& page, long long row_id) {
    if (!page.rows.is_array()) {
        return nullptr;
    }
    for (const auto& row : page.rows) {
        const auto it = row.is_object() ? row.find("id") : row.end();
        if (row.is_object() && it != row.end() && it->is_number_integer() &&
            it->get<long long>() == row_id) {
            return &row;
        }
    }
    return nullptr;
}

} // namespace waconsole
