// The funnel's bars: a pale track the full width of the base, the stage's bar over it, the label
// on the left and "count · percent" on the right, so a stage of 0 still reads clearly.
#include "widgets/funnel_chart.hpp"

#include "shared/xlsx_download.hpp"
#include "theme.hpp"

#include <algorithm>
#include <cstdio>

namespace waconsole {

double funnel_percent(long long count, long long base) {
    return base > 0 ? 100.0 * static_cast<double>(count) / static_cast<double>(base) : 0.0;
}

namespace {

std::string count_text(long long count, long long base) {
    char percent[32];
    std::snprintf(percent, sizeof(percent), "%.1f %%", funnel_percent(count, base));
    return group_thousands(count) + " · " + percent;
}

} // namespace

void draw_funnel(const std::string& id, const std::vector<FunnelStage>& stages, long long base,
                 WidgetRects& rects) {
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    const float label_width = em(6);
    const float text_width = ImGui::CalcTextSize("000,000 · 100.0 %").x + em(0.6f);
    const float width = std::max(em(10), ImGui::GetContentRegionAvail().x);
    const float track_width = std::max(em(4), width - label_width - text_width);
    const float row_height = ImGui::GetFrameHeight();
    const ImVec2 chart_min = ImGui::GetCursorScreenPos();
    for (const FunnelStage& stage : stages) {
        if (stage.apart) {
            ImGui::Dummy(ImVec2(0, em(0.3f)));
        }
        const ImVec2 row_min = ImGui::GetCursorScreenPos();
        const float text_y = row_min.y + (row_height - ImGui::GetFontSize()) * 0.5f;
        draw.AddText(ImVec2(row_min.x, text_y), palette::kText, stage.label.c_str());
        const ImVec2 track_min(row_min.x + label_width, row_min.y + row_height * 0.15f);
        const ImVec2 track_max(track_min.x + track_width, row_min.y + row_height * 0.85f);
        draw.AddRectFilled(track_min, track_max, palette::kRowStripe, em(0.2f));
        draw.AddRect(track_min, track_max, palette::kBorder, em(0.2f));
        const float share =
            static_cast<float>(std::clamp(funnel_percent(stage.count, base) / 100.0, 0.0, 1.0));
        if (share > 0) {
            // A stage above zero is never thinner than a sliver, so it shows.
            const float bar = std::max(em(0.25f), track_width * share);
            draw.AddRectFilled(track_min, ImVec2(track_min.x + bar, track_max.y), stage.color,
                               em(0.2f));
        }
        const std::string text = count_text(stage.count, base);
        draw.AddText(ImVec2(track_max.x + em(0.6f), text_y), palette::kText, text.c_str());
        ImGui::Dummy(ImVec2(width, row_height));
        rects.record(id + "." + stage.name, row_min,
                     ImVec2(row_min.x + width, row_min.y + row_height));
    }
    rects.record(id, chart_min, ImVec2(chart_min.x + width, ImGui::GetCursorScreenPos().y));
}

} // namespace waconsole
