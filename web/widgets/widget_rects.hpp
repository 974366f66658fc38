// Where the clickable widgets were drawn in the last frame, by name ("login.submit", "menu.active"
// ...), in CSS pixels relative to the canvas, and how many characters of the text recorded in that
// frame the font had no glyph for (drawn as ImGui's missing-glyph sign). The test hook reads it.
// Table cells and the tooltip shown are kept too, so tests can read what the screen says. The
// widgets recorded are also the keyboard's Tab order (focus_order.hpp).
#pragma once

#include "widgets/focus_order.hpp"

#include <imgui.h>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace waconsole {

struct WidgetRect {
    float x = 0;
    float y = 0;
    float w = 0;
    float h = 0;
};

// A string the browser drew as an image (widgets/browser_text.hpp), where, and how: tests draw
// the same string in HTML with `font` and `color` and compare.
struct TextImageRecord {
    std::string text;
    std::string font;
    std::string color;
    bool rtl = false;
    WidgetRect rect;
};

class WidgetRects {
public:
    // Forgets the last frame's widgets; pixel_ratio converts ImGui's device pixels to CSS pixels.
    void begin_frame(float pixel_ratio);
    // Records ImGui's last item under `name` if it is visible, and makes it a Tab stop.
    void record_last_item(const std::string& name);
    // Makes ImGui's last item a Tab stop named `name` without recording its rectangle (a widget
    // whose rectangle was recorded before it was drawn).
    void note_focusable(const std::string& name);
    // Records a rectangle given in ImGui's (device pixel) screen coordinates.
    void record(const std::string& name, ImVec2 min, ImVec2 max);
    // Counts the characters of `text` (UTF-8) that the current font cannot draw; call it for text
    // drawn with that font, such as table cells.
    void record_text(std::string_view text);

    // A string drawn by the browser as an image over min..max (device pixels), clipped as drawn.
    void record_text_image(TextImageRecord record, ImVec2 min, ImVec2 max);

    // A string the browser will paint in a later frame (the frame's painting budget was spent).
    void record_text_pending() {
        if (m_recording) {
            ++m_text_pending;
        }
    }

    // The text a table cell showed (a status cell: its label), by row id and column key.
    void record_cell(long long row_id, const std::string& key, std::string text);
    // A visible cell of column `key` was too narrow for its text and ends in "…".
    void record_cut(const std::string& key) {
        if (m_recording) {
            m_cut.insert(key);
        }
    }
    // How far the table scrolled sideways, and how far it can (device pixels; 0 when it fits).
    void record_table_scroll(float x, float max_x) {
        if (m_recording) {
            m_table_scroll = {x / m_pixel_ratio, max_x / m_pixel_ratio};
        }
    }
    // The tooltip drawn this frame (e.g. why a button is disabled).
    void record_tooltip(std::string text) { m_tooltip = std::move(text); }

    // While off, nothing is recorded: for a page drawn behind a modal dialog whose own widgets
    // have the same names (a table in the dialog). begin_frame turns it back on.
    void set_recording(bool on) { m_recording = on; }

    int missing_glyphs() const { return m_missing_glyphs; }
    float pixel_ratio() const { return m_pixel_ratio; }
    const std::vector<TextImageRecord>& text_images() const { return m_text_images; }
    int text_pending() const { return m_text_pending; }

    const std::map<std::string, WidgetRect>& rects() const { return m_rects; }
    const std::map<long long, std::map<std::string, std::string>>& cells() const { return m_cells; }
    const std::string& tooltip() const { return m_tooltip; }
    const std::set<std::string>& cut() const { return m_cut; }
    // CSS pixels: {scrolled, most it can scroll}.
    std::pair<float, float> table_scroll() const { return m_table_scroll; }
    // The recorded widget with the keyboard focus in the last frame (its ring showing, or a text
    // field being edited); "" when none.
    const std::string& focused() const { return m_focused; }
    FocusOrder& focus() { return m_focus; }
    const FocusOrder& focus() const { return m_focus; }

private:
    // min..max (device pixels) clipped to the window's clip rectangle, in CSS pixels; nullopt when
    // nothing of it shows.
    std::optional<WidgetRect> visible_css_rect(ImVec2 min, ImVec2 max) const;

    std::map<std::string, WidgetRect> m_rects;
    std::map<long long, std::map<std::string, std::string>> m_cells;
    std::string m_tooltip;
    std::set<std::string> m_cut;
    std::pair<float, float> m_table_scroll;
    std::string m_focused;
    FocusOrder m_focus;
    float m_pixel_ratio = 1;
    int m_missing_glyphs = 0;
    std::vector<TextImageRecord> m_text_images;
    int m_text_pending = 0;
    bool m_recording = true;
};

} // namespace waconsole
