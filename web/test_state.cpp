// Test hook state. `table` describes the table on screen (null when the section has none): the
// rows, page and size of the page shown, not the one being loaded.
#include "test_state.hpp"

#include "app.hpp"

#include <imgui.h>

namespace waconsole {

namespace {

nlohmann::json table_state(const TableLoader& loader) {
    nlohmann::json table = {
        {"rows", nlohmann::json::array()},
        {"total", 0},
        {"page", loader.query.page},
        {"page_size", loader.query.page_size},
        {"loading", loader.page_request.loading()},
        {"downloading", loader.download_request.loading()},
        {"error", loader.error.empty() ? nlohmann::json() : nlohmann::json(loader.error)},
    };
    if (loader.page) {
        table["rows"] = loader.page->rows;
        table["total"] = loader.page->total;
        table["page"] = loader.page->page;
        table["page_size"] = loader.page->page_size;
        auto columns = nlohmann::json::array();
        for (const Column& column : loader.page->columns) {
            columns.push_back(column.key);
        }
        table["columns"] = std::move(columns);
    }
    return table;
}

} // namespace

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
    if (menu && app.section == Section::active) {
        state["table"] = table_state(app.active.loader);
    }
    if (!menu && !app.login.error.empty()) {
        state["error"] = app.login.error;
    } else if (menu && app.section == Section::active && !app.active.loader.error.empty()) {
        state["error"] = app.active.loader.error;
    } else if (const auto toast = latest_error(app.toasts)) {
        state["error"] = *toast;
    }
    auto widgets = nlohmann::json::object();
    for (const auto& [name, rect] : app.widgets.rects()) {
        widgets[name] = {{"x", rect.x}, {"y", rect.y}, {"w", rect.w}, {"h", rect.h}};
    }
    state["widgets"] = std::move(widgets);
    auto toasts = nlohmann::json::array();
    for (const Toast& toast : app.toasts.items) {
        toasts.push_back({{"kind", toast_kind_name(toast.kind)}, {"text", toast.text}});
    }
    state["toasts"] = std::move(toasts); // oldest first, only those still showing
    state["fonts"] = {{"emoji", app.fonts.emoji}};
    // Characters of the visible table cells drawn as the missing-glyph sign in the last frame.
    state["missing_glyphs"] = app.widgets.missing_glyphs();
    // Customer names are UTF-8 already; replace anything invalid rather than throw.
    return state.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace waconsole
