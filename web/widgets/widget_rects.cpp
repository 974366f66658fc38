// Widget rectangles for the test hook.
#include "widgets/widget_rects.hpp"

#include <algorithm>
#include <imgui.h>

namespace waconsole {

void WidgetRects::begin_frame(float pixel_ratio) {
    m_rects.clear();
    m_pixel_ratio = pixel_ratio > 0 ? pixel_ratio : 1;
}

void WidgetRects::record_last_item(const std::string& name) {
    if (!ImGui::IsItemVisible()) {
        return;
    }
    record(name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

void WidgetRects::record(const std::string& name, ImVec2 min, ImVec2 max) {
    // Only the part inside the window's clip rectangle can be clicked.
    const ImDrawList* draw_list = ImGui::GetWindowDrawList();
    const ImVec2 clip_min = draw_list->GetClipRectMin();
    const ImVec2 clip_max = draw_list->GetClipRectMax();
    min = ImVec2(std::max(min.x, clip_min.x), std::max(min.y, clip_min.y));
    max = ImVec2(std::min(max.x, clip_max.x), std::min(max.y, clip_max.y));
    if (max.x <= min.x || max.y <= min.y) {
        return;
    }
    m_rects[name] = {min.x / m_pixel_ratio, min.y / m_pixel_ratio, (max.x - min.x) / m_pixel_ratio,
                     (max.y - min.y) / m_pixel_ratio};
}

} // namespace waconsole
