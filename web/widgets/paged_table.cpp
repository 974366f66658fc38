// [SECTION] index: helpers, toolbar, error banner, rows, pager, draw_paged_table.
#include "widgets/paged_table.hpp"

#include "shared/paging.hpp"
#include "theme.hpp"
#include "widgets/cell_format.hpp"
#include "widgets/status_badge.hpp"

#include <algorithm>
#include <imgui.h>

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
    const std::string shown = fit_text(text, ImGui::GetContentRegionAvail().x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(shown.c_str());
    rects.record_text(shown);
    rects.record_cell(row_id, column.key, text);
    if (shown.size() != text.size() && ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(em(30));
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
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
        bool enabled = true;
        std::string refusal;
        if (status.action_refusal) {
            refusal = status.action_refusal(row, action);
            enabled = refusal.empty();
        } else if (*action.enabled_key != '\0') {
            const auto it = row.find(action.enabled_key);
            enabled = it != row.end() && it->is_boolean() && it->get<bool>();
        }
        ImGui::BeginDisabled(!enabled);
        const bool pressed = ImGui::Button(action.label);
        ImGui::EndDisabled();
        rects.record_last_item(prefix + action.name);
        if (!enabled && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
            std::string reason = !refusal.empty()             ? refusal
                                 : *action.reason_key != '\0' ? row_string(row, action.reason_key)
                                                              : std::string();
            if (reason.empty()) {
                reason = std::string(action.label) + " is not available for this row.";
            }
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

float actions_width(const PagedTableStatus& status) {
    float width = 0;
    for (const RowAction& action : status.row_actions) {
        width += button_width(action.label) + (width > 0 ? em(0.35f) : 0);
    }
    return std::max(width, ImGui::CalcTextSize("Actions").x);
}

// Dates and statuses get the width of their content; text columns share the rest by their
// width hints.
void setup_column(const Column& server_column, const TablePage& page,
                  const PagedTableStatus& status) {
    // The screen may name a column it shows differently (a ticking duration instead of seconds).
    Column column = server_column;
    if (const auto it = status.titles.find(column.key); it != status.titles.end()) {
        column.title = it->second;
    }
    if (column.type == ColumnType::datetime) {
        ImGui::TableSetupColumn(column.title.c_str(), ImGuiTableColumnFlags_WidthFixed,
                                std::max(ImGui::CalcTextSize("0000-00-00 00:00").x,
                                         ImGui::CalcTextSize(column.title.c_str()).x));
        return;
    }
    if (column.type == ColumnType::status) {
        float widest = ImGui::CalcTextSize(column.title.c_str()).x;
        for (const auto& row : page.rows) {
            const auto it = row.is_object() ? row.find(column.key) : row.end();
            if (row.is_object() && it != row.end() && it->is_string()) {
                const auto [code, label] = status_cell(row, column, status);
                widest =
                    std::max(widest, status_badge_width(code) -
                                         ImGui::CalcTextSize(status_look(code).label.c_str()).x +
                                         ImGui::CalcTextSize(label.c_str()).x);
            }
        }
        ImGui::TableSetupColumn(column.title.c_str(), ImGuiTableColumnFlags_WidthFixed, widest);
        return;
    }
    ImGui::TableSetupColumn(column.title.c_str(), ImGuiTableColumnFlags_WidthStretch,
                            static_cast<float>(std::max(4, column.width)));
}

void draw_row(const nlohmann::json& row, int index, const TablePage& page,
              const PagedTableStatus& status, WidgetRects& rects, PagedTableActions& actions) {
    const long long row_id = row_id_of(row, index);
    ImGui::TableNextRow(ImGuiTableRowFlags_None, ImGui::GetFrameHeight());
    ImGui::PushID(static_cast<int>(row_id));
    ImGui::TableSetColumnIndex(0);
    // The whole row is one selectable under its cells; the buttons drawn later take their clicks.
    const ImVec2 cell_start = ImGui::GetCursorScreenPos();
    const bool selected = status.selected_id && *status.selected_id == row_id;
    if (ImGui::Selectable("##row", selected,
                          ImGuiSelectableFlags_SpanAllColumns |
                              ImGuiSelectableFlags_AllowItemOverlap,
                          ImVec2(0, ImGui::GetFrameHeight()))) {
        actions.select = row_id;
    }
    rects.record_last_item("table.row." + std::to_string(row_id));
    if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
        for (const RowAction& action : status.row_actions) {
            if (action.on_double_click) {
                actions.row_action = RowActionClick{row_id, action.name};
            }
        }
    }
    ImGui::SetCursorScreenPos(cell_start);
    if (row.is_object()) {
        for (std::size_t column = 0; column < page.columns.size(); ++column) {
            ImGui::TableSetColumnIndex(static_cast<int>(column));
            draw_cell(row, row_id, page.columns[column], status, rects);
        }
        if (!status.row_actions.empty()) {
            ImGui::TableSetColumnIndex(static_cast<int>(page.columns.size()));
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
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
    // The scrolling region is a child window: white, like the rows, below the last row too.
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette::kSurface);
    const bool open = ImGui::BeginTable(id, column_count, flags, ImVec2(0, height));
    ImGui::PopStyleColor();
    if (!open) {
        return;
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const Column& column : page.columns) {
        setup_column(column, page, status);
    }
    if (has_actions) {
        ImGui::TableSetupColumn("Actions", ImGuiTableColumnFlags_WidthFixed, actions_width(status));
    } else if (page.columns.empty()) {
        ImGui::TableSetupColumn("");
    }
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kMuted);
    ImGui::TableHeadersRow();
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
            draw_row(page.rows[static_cast<std::size_t>(index)], index, page, status, rects,
                     actions);
        }
    }
    ImGui::EndTable();
}

// [SECTION] pager: page size on the left, navigation on the right

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
    }
}

void draw_navigation(const TablePage* page, const PagedTableStatus& status, WidgetRects& rects,
                     PagedTableActions& actions) {
    const long long total = page != nullptr ? page->total : 0;
    const int pages = page_count(total, status.page_size);
    const int current = std::clamp(status.page, 1, pages);
    char summary[96];
    std::snprintf(summary, sizeof(summary), "Page %d of %d, %lld rows", current, pages, total);

    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = button_width("« First") + button_width("‹ Prev") +
                        ImGui::CalcTextSize(summary).x + button_width("Next ›") +
                        button_width("Last »") + style.ItemSpacing.x * 4 + em(1);
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetContentRegionMax().x - width));
    if (pager_button("« First", "table.first", current > 1, rects)) {
        actions.page = 1;
    }
    ImGui::SameLine();
    if (pager_button("‹ Prev", "table.prev", current > 1, rects)) {
        actions.page = current - 1;
    }
    ImGui::SameLine(0, style.ItemSpacing.x + em(0.5f));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(summary);
    ImGui::SameLine(0, style.ItemSpacing.x + em(0.5f));
    if (pager_button("Next ›", "table.next", current < pages, rects)) {
        actions.page = current + 1;
    }
    ImGui::SameLine();
    if (pager_button("Last »", "table.last", current < pages, rects)) {
        actions.page = pages;
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

    const float pager_height = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemSpacing.y;
    const float table_height = std::max(em(6), ImGui::GetContentRegionAvail().y - pager_height);
    // A page for another page number or size than asked is stale: dim it while the new one loads.
    const bool stale = page != nullptr && status.loading &&
                       (page->page != status.page || page->page_size != status.page_size);
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
    draw_navigation(page, status, rects, actions);
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
