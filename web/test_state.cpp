// [SECTION] index: table, dialogs, team, the whole state.
// Test hook state. `table` describes the table on screen (null when the section has none): the
// rows, page and size of the page shown, not the one being loaded. Dialogs are null while closed.
#include "test_state.hpp"

#include "app.hpp"
#include "json_fields.hpp"
#include "screens/section_table.hpp"

#include <imgui.h>

namespace waconsole {

namespace {

// [SECTION] table

nlohmann::json table_state(const TableLoader& loader, const std::optional<long long>& selected,
                           const WidgetRects& widgets) {
    auto filters = nlohmann::json::object();
    for (const auto& [name, value] : loader.filters) {
        if (!value.empty()) {
            filters[name] = value;
        }
    }
    // What the visible cells showed in the last frame, by row id.
    auto cells = nlohmann::json::object();
    for (const auto& [row_id, row] : widgets.cells()) {
        cells[std::to_string(row_id)] = row;
    }
    nlohmann::json table = {
        {"name", loader.table},
        {"rows", nlohmann::json::array()},
        {"total", 0},
        {"page", loader.query.page},
        {"page_size", loader.query.page_size},
        // A reload asked for but not sent yet is loading too: the rows shown are about to go
        // (e.g. the review's tabs right after the review answered).
        {"loading", loader.page_request.busy() || loader.reload_now},
        {"downloading", loader.download_request.loading()},
        {"error", loader.error.empty() ? nlohmann::json() : nlohmann::json(loader.error)},
        {"selected", selected ? nlohmann::json(*selected) : nlohmann::json()},
        {"filters", std::move(filters)},
        {"sort", loader.sort}, // asked for; "" for the table's own order
        {"fetches", loader.fetches},
        {"cells", std::move(cells)},
        // Columns with a visible cell cut short ("…") in the last frame.
        {"cut", widgets.cut()},
        // Sideways scrolling of the rows (CSS px): where it is, and how far it can go.
        {"scroll_x", widgets.table_scroll().first},
        {"scroll_max_x", widgets.table_scroll().second},
    };
    if (loader.page) {
        table["rows"] = loader.page->rows;
        table["total"] = loader.page->total;
        table["page"] = loader.page->page;
        table["page_size"] = loader.page->page_size;
        table["rows_sort"] = loader.page->sort; // the server's: the order of `rows`
        auto columns = nlohmann::json::array();
        auto sortable = nlohmann::json::array();
        for (const Column& column : loader.page->columns) {
            columns.push_back(column.key);
            if (column.sortable) {
                sortable.push_back(column.key);
            }
        }
        table["columns"] = std::move(columns);
        table["sortable"] = std::move(sortable);
    }
    return table;
}

// [SECTION] dialogs

nlohmann::json transfer_state(const TransferDialog& dialog) {
    if (!dialog.open) {
        return nullptr;
    }
    return {{"conversation_id", dialog.conversation_id},
            {"can_transfer", dialog.can_transfer},
            {"refusal", dialog.refusal},
            {"to", dialog.to == TransferTo::user ? "user" : "skillset"},
            {"target_id", dialog.target_id},
            {"mode", dialog.exclusive ? "exclusive" : "immediate"},
            {"targets_loaded", dialog.targets_loaded},
            {"users", dialog.users.size()},
            {"skillsets", dialog.skillsets.size()},
            {"submitting", dialog.submit_request.loading()},
            {"error", dialog.error.empty() ? nlohmann::json() : nlohmann::json(dialog.error)},
            {"warning", dialog.warning.empty() ? nlohmann::json() : nlohmann::json(dialog.warning)},
            {"done", dialog.done}};
}

nlohmann::json info_state(const InfoDialog& dialog) {
    if (!dialog.open) {
        return nullptr;
    }
    const TranscriptView& view = dialog.transcript;
    const EmailForm& email = dialog.email;
    const auto text_or_null = [](const std::string& text) {
        return text.empty() ? nlohmann::json() : nlohmann::json(text);
    };
    return {
        {"conversation_id", dialog.conversation_id},
        {"conversation", dialog.conversation},
        {"shown", dialog.shown},
        {"error", text_or_null(dialog.error)},
        {"transcript",
         {{"loaded", view.messages.size()},
          {"first_id",
           view.messages.empty() ? nlohmann::json() : nlohmann::json(view.messages.front().id)},
          {"last_id",
           view.messages.empty() ? nlohmann::json() : nlohmann::json(view.messages.back().id)},
          {"more", dialog.more_before},
          {"loading", dialog.older_request.busy() || dialog.newest_request.busy()},
          {"pages_fetched", dialog.pages_fetched},
          {"drawn", view.drawn},
          {"scroll_y", view.scroll_y},
          {"scroll_max", view.scroll_max},
          {"error", text_or_null(dialog.transcript_error)}}},
        {"email",
         {{"open", email.open},
          {"to", email.to},
          {"to_error", text_or_null(email.to_error)},
          {"body_error", text_or_null(email.body_error)},
          {"error", text_or_null(email.error)},
          {"sending", email.request.loading()}}},
    };
}

// [SECTION] dialogs over every section (a section's own are its screen's to report)

const char* open_dialog(const App& app) {
    if (app.transfer.open) {
        return "transfer";
    }
    if (app.info.open) {
        return "info";
    }
    return nullptr;
}

} // namespace

// [SECTION] the whole state

std::string test_state_json(const App& app) {
    const bool menu = app.screen == Screen::menu;
    nlohmann::json state = {
        {"ready", app.ready},
        // Grows by one per drawn frame: lets a test check that an idle page is not redrawn 60
        // times a second.
        {"frame", ImGui::GetFrameCount()},
        {"screen", menu ? "menu" : "login"},
        {"section", menu ? nlohmann::json(section_info(app.section).id) : nlohmann::json()},
        {"user", app.user ? nlohmann::json(*app.user) : nlohmann::json()},
        {"table", nlohmann::json()},
        {"error", nlohmann::json()},
    };
    const SectionTable* table = menu ? current_screen(app).section_table() : nullptr;
    const TableLoader* loader = table != nullptr ? &table->loader : nullptr;
    if (table != nullptr) {
        state["table"] = table_state(table->loader, table->selected_id, app.widgets);
    }
    if (!menu && !app.login.error.empty()) {
        state["error"] = app.login.error;
    } else if (loader != nullptr && !loader->error.empty()) {
        state["error"] = loader->error;
    } else if (const auto toast = latest_error(app.toasts)) {
        state["error"] = *toast;
    }
    const char* dialog = menu ? open_dialog(app) : nullptr;
    state["dialog"] = dialog != nullptr ? nlohmann::json(dialog) : nlohmann::json();
    state["transfer"] = menu ? transfer_state(app.transfer) : nlohmann::json();
    state["info"] = menu ? info_state(app.info) : nlohmann::json();
    state["team"] = nlohmann::json();
    state["live"] = {{"run", app.live.run},
                     {"version", app.live.version},
                     {"answers", app.live.answers},
                     {"failing", app.live.failing}};
    auto widgets = nlohmann::json::object();
    for (const auto& [name, rect] : app.widgets.rects()) {
        widgets[name] = {{"x", rect.x}, {"y", rect.y}, {"w", rect.w}, {"h", rect.h}};
    }
    state["widgets"] = std::move(widgets);
    // The counts the menu shows beside Unmanaged, Waiting and Active (by section id).
    state["menu_counts"] = app.menu.counts.shown;
    // The widget with the keyboard focus (its ring drawn, or a text field being edited).
    state["focus"] =
        app.widgets.focused().empty() ? nlohmann::json() : nlohmann::json(app.widgets.focused());
    state["tooltip"] =
        app.widgets.tooltip().empty() ? nlohmann::json() : nlohmann::json(app.widgets.tooltip());
    auto toasts = nlohmann::json::array();
    for (const Toast& toast : app.toasts.items) {
        toasts.push_back({{"kind", toast_kind_name(toast.kind)}, {"text", toast.text}});
    }
    state["toasts"] = std::move(toasts); // oldest first, only those still showing
    // Characters of the visible table cells drawn as the missing-glyph sign in the last frame.
    state["missing_glyphs"] = app.widgets.missing_glyphs();
    // Strings the browser drew as images (widgets/browser_text.hpp) in the last frame.
    auto text_images = nlohmann::json::array();
    for (const TextImageRecord& image : app.widgets.text_images()) {
        text_images.push_back({{"text", image.text},
                               {"font", image.font},
                               {"color", image.color},
                               {"rtl", image.rtl},
                               {"x", image.rect.x},
                               {"y", image.rect.y},
                               {"w", image.rect.w},
                               {"h", image.rect.h}});
    }
    state["text_images"] = std::move(text_images);
    // Strings left for a later frame by the painting budget: the page is not complete until 0.
    state["text_images_pending"] = app.widgets.text_pending();
    if (menu) {
        current_screen(app).add_test_state(app, state);
    }
    state["frame_ms"] = std::vector<float>(
        app.frame_ms.begin(), app.frame_ms.begin() + static_cast<long>(app.frame_ms_count));
    // Customer names are UTF-8 already; replace anything invalid rather than throw.
    return state.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace waconsole
