// Widget rectangles and the missing-glyph count for the test hook.
#include "widgets/widget_rects.hpp"

#include <algorithm>
#include <imgui.h>
#include <imgui_internal.h> // ImTextCharFromUtf8, the navigation state

namespace waconsole {

void WidgetRects::begin_frame(float pixel_ratio) {
    m_rects.clear();
    m_cells.clear();
    m_tooltip.clear();
    m_cut.clear();
    m_table_scroll = {0, 0};
    m_focused.clear();
    m_missing_glyphs = 0;
    m_text_images.clear();
    m_text_pending = 0;
    m_recording = true;
    m_pixel_ratio = pixel_ratio > 0 ? pixel_ratio : 1;
}

void WidgetRects::record_last_item(const std::string& name) {
    note_focusable(name);
    if (!ImGui::IsItemVisible()) {
        return;
    }
    record(name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

void WidgetRects::note_focusable(const std::string& name) {
    if (!m_recording) {
        return;
    }
    m_focus.note_last_item();
    const ImGuiContext& g = *GImGui;
    const ImGuiID id = g.LastItemData.ID;
    if (id != 0 && (id == g.ActiveId || (id == g.NavId && !g.NavDisableHighlight))) {
        m_focused = name;
    }
}

std::optional<WidgetRect> WidgetRects::visible_css_rect(ImVec2 min, ImVec2 max) const {
    // Only the part inside the window's clip rectangle is seen (and can be clicked).
    const ImDrawList* draw_list = ImGui::GetWindowDrawList();
    const ImVec2 clip_min = draw_list->GetClipRectMin();
    const ImVec2 clip_max = draw_list->GetClipRectMax();
    min = ImVec2(std::max(min.x, clip_min.x), std::max(min.y, clip_min.y));
    max = ImVec2(std::min(max.x, clip_max.x), std::min(max.y, clip_max.y));
    if (max.x <= min.x || max.y <= min.y) {
        return std::nullopt;
    }
    return WidgetRect{min.x / m_pixel_ratio, min.y / m_pixel_ratio, (max.x - min.x) / m_pixel_ratio,
                      (max.y - min.y) / m_pixel_ratio};
}

void WidgetRects::record(const std::string& name, ImVec2 min, ImVec2 max) {
    if (!m_recording) {
        return;
    }
    if (const auto rect = visible_css_rect(min, max)) {
        m_rects[name] = *rect;
    }
}

void WidgetRects::record_text_image(TextImageRecord record, ImVec2 min, ImVec2 max) {
    if (!m_recording) {
        return;
    }
    if (const auto rect = visible_css_rect(min, max)) {
        record.rect = *rect;
        m_text_images.push_back(std::move(record));
    }
}

void WidgetRects::record_cell(long long row_id, const std::string& key, std::string text) {
    if (!m_recording) {
        return;
    }
    m_cells[row_id][key] = std::move(text);
}

void WidgetRects::record_text(std::string_view text) {
    if (!m_recording) {
        return;
    }
    const ImFont* font = ImGui::GetFont();
    const char* cursor = text.data();
    const char* const end = text.data() + text.size();
    // ImGui stops drawing a C string at its first NUL; so does this.
    while (cursor < end && *cursor != '\0') {
        unsigned int codepoint = 0;
        // Decodes as ImGui's text renderer does; invalid UTF-8 comes back as U+FFFD.
        cursor += std::max(1, ImTextCharFromUtf8(&codepoint, cursor, end));
        // Control characters are layout (new line, tab), never glyphs.
        if (codepoint >= 0x20 &&
            font->FindGlyphNoFallback(static_cast<ImWchar>(codepoint)) == nullptr) {
            ++m_missing_glyphs;
        }
    }
}

} // namespace waconsole
