// The table part of every conversation section.
#include "screens/section_table.hpp"

#include "app.hpp"
#include "json_fields.hpp"
#include "screens/section_screen.hpp"

namespace waconsole {

void SectionScreen::shown(App& /*app*/) {
    if (SectionTable* table = section_table()) {
        table->loader.reload_now = true;
    }
}

void SectionScreen::restore_filters(App& /*app*/, const QueryParams& filters) {
    if (SectionTable* table = view_table()) {
        apply_filters(table->loader, filters);
    }
}

SectionTable make_section_table(std::string table, std::string download_name, Topics topics) {
    return SectionTable{make_table_loader(std::move(table), std::move(download_name), topics), {}};
}

std::optional<RowActionClick> draw_section_table(SectionTable& table, App& app,
                                                 const SectionTableOptions& options) {
    TableLoader& loader = table.loader;
    update(loader, app);
    if (!app.user) {
        return std::nullopt;
    }
    PagedTableStatus status;
    status.page = loader.query.page;
    status.page_size = loader.query.page_size;
    status.loading = loader.page_request.loading();
    status.downloading = loader.download_request.loading();
    status.error = loader.error;
    status.row_noun = options.row_noun;
    status.download_label = options.download_label;
    status.selected_id = table.selected_id;
    status.row_actions = options.row_actions;
    status.cell_text = options.cell_text;
    status.cell_tooltip = options.cell_tooltip;
    status.action_refusal = options.action_refusal;
    status.titles = options.titles;

    const TablePage* page = loader.page ? &*loader.page : nullptr;
    // The arrow shows the sort asked for at once; with none asked, the table's own order's.
    status.sort = !loader.sort.empty() ? loader.sort : page != nullptr ? page->default_sort : "";
    const PagedTableActions actions =
        draw_paged_table(loader.table.c_str(), page, status, app.widgets);
    if (actions.page_size) {
        set_page_size(loader, *actions.page_size);
    }
    if (actions.page) {
        go_to_page(loader, *actions.page);
    }
    if (actions.sort) {
        // The table's own order is asked for as no sort, so its URL stays plain.
        const bool own_order = page != nullptr && *actions.sort == page->default_sort;
        set_sort(loader, own_order ? std::string() : *actions.sort);
    }
    if (actions.retry) {
        loader.reload_now = true;
    }
    if (actions.download) {
        start_download(loader, app);
    }
    if (actions.select) {
        table.selected_id = actions.select;
    }
    if (actions.row_action) {
        table.selected_id = actions.row_action->row_id;
    }
    return actions.row_action;
}

std::vector<RowAction> conversation_actions(bool transfer) {
    std::vector<RowAction> actions;
    if (transfer) {
        actions.push_back({"Transfer", "transfer", "can_transfer", "transfer_refusal", false});
    }
    actions.push_back({"Info", "info", "", "", true});
    return actions;
}

void open_conversation_action(App& app, const SectionTable& table, const RowActionClick& click) {
    const nlohmann::json* row =
        table.loader.page ? find_row(*table.loader.page, click.row_id) : nullptr;
    if (row == nullptr) {
        return;
    }
    const std::string customer = text_field(*row, "customer");
    if (click.action == "info") {
        // templates_sent rows are messages: their Info is the conversation's.
        open_info(app.info, number_field(*row, "conversation_id").value_or(click.row_id), customer);
    } else if (click.action == "transfer") {
        open_transfer(app.transfer, click.row_id, customer, flag_field(*row, "can_transfer"),
                      text_field(*row, "transfer_refusal"));
    }
}

} // namespace waconsole
