// What the conversation sections share: a TableLoader drawn through the paged table, the selected
// row kept by id across refreshes and pages, and the Transfer / Info buttons with what they open.
#pragma once

#include "table_loader.hpp"
#include "widgets/paged_table.hpp"

#include <optional>

namespace waconsole {

struct App;

struct SectionTable {
    TableLoader loader;
    std::optional<long long> selected_id;
};

struct SectionTableOptions {
    const char* row_noun = "conversations";
    const char* download_label = "Download Excel";
    std::vector<RowAction> row_actions;
    CellText cell_text;
    CellTooltip cell_tooltip;
    ActionRefusal action_refusal;
    std::map<std::string, std::string> titles; // see PagedTableStatus::titles
};

SectionTable make_section_table(std::string table, std::string download_name, Topics topics);

// Loads, draws and handles paging, page size, retry, download and selection. Returns the row
// action clicked, if any.
std::optional<RowActionClick> draw_section_table(SectionTable& table, App& app,
                                                 const SectionTableOptions& options);

// Info, and Transfer first when `transfer` (sections 3 and 4).
std::vector<RowAction> conversation_actions(bool transfer);

// Opens the dialog a conversation row's button asked for.
void open_conversation_action(App& app, const SectionTable& table, const RowActionClick& click);

} // namespace waconsole
