// Where the clickable widgets were drawn in the last frame, by name ("login.submit", "menu.active"
// ...), in CSS pixels relative to the canvas, and how many characters of the text recorded in that
// frame the font had no glyph for (drawn as ImGui's missing-glyph sign). Only the test hook reads
// it. Table cells and the tooltip shown are kept too, so tests can read what the screen says.
#pragma once

#include <imgui.h>
#include <map>
#include <string>
#include <string_view>

namespace waconsole {

struct WidgetRect {
    float x = 0;
    float y = 0;
    float w = 0;
    float h = 0;
};

class WidgetRects {
public:
    // Forgets the last frame's widgets; pixel_ratio converts ImGui's device pixels to CSS pixels.
    void begin_frame(float pixel_ratio);
    // Records ImGui's last item under `name` if it is visible.
    void record_last_item(const std::string& name);
    // Records a rectangle given in ImGui's (device pixel) screen coordinates.
    void record(const std::string& name, ImVec2 min, ImVec2 max);
    // Counts the characters of `text` (UTF-8) that the current font cannot draw; call it for text
    // drawn with that font, such as table cells.
    void record_text(std::string_view text);

    // The text a table cell showed (a status cell: its label), by row id and column key.
    void record_cell(long long row_id, const std::string& key, std::string text);
    // The tooltip drawn this frame (e.g. why a button is disabled).
    void record_tooltip(std::string text) { m_tooltip = std::move(text); }

    // While off, nothing is recorded: for a page drawn behind a modal dialog whose own widgets
    // have the same names (a table in the dialog). begin_frame turns it back on.
    void set_recording(bool on) { m_recording = on; }

    int missing_glyphs() const { return m_missing_glyphs; }

    const std::map<std::string, WidgetRect>& rects() const { return m_rects; }
    const std::map<long long, std::map<std::string, std::string>>& cells() const { return m_cells; }
    const std::string& tooltip() const { return m_tooltip; }

private:
    std::map<std::string, WidgetRect> m_rects;
    std::map<long long, std::map<std::string, std::string>> m_cells;
    std::string m_tooltip;
    float m_pixel_ratio = 1;
    int m_missing_glyphs = 0;
    bool m_recording = true;
};

} // namespace waconsole
