// Active conversations: GET /api/tables/active through the shared section table. The status
// column says how long the 24-hour window stays open ("Open · 3 h 12 m left"), counted on the
// browser's clock from the customer's last message.
#include "screens/active_screen.hpp"

#include "app.hpp"
#include "json_fields.hpp"
#include "platform/frame_loop.hpp"
#include "shared/service_window.hpp"

#include <ctime>

namespace waconsole {

void ActiveScreen::draw_screen(App& app) {
    // Every row's text changes on the same minute boundary, so one frame a minute keeps them all.
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    const std::int64_t minute = now - now % 60;
    platform::wake_after(static_cast<int>((minute + 60 - now) * 1000) + 20);

    SectionTableOptions options;
    options.row_actions = conversation_actions(false);
    options.cell_text = [minute](const nlohmann::json& row,
                                 const Column& column) -> std::optional<std::string> {
        if (column.type != ColumnType::status ||
            text_field(row, column.key.c_str()) != "window_open") {
            return std::nullopt; // closed as the server said: "Window closed"
        }
        return window_status_text(number_field(row, "last_message_at"), minute);
    };
    if (const auto click = draw_section_table(table, app, options)) {
        open_conversation_action(app, table, *click);
    }
}

} // namespace waconsole
