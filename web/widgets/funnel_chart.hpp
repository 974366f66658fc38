// A horizontal funnel drawn with the window's draw list (no plotting library): one bar per stage,
// its length the stage's share of the base count, with the count and the percentage beside it.
// Outbound history's View draws recipients → sent → delivered → read, and failed apart below.
#pragma once

#include "widgets/widget_rects.hpp"

#include <imgui.h>
#include <string>
#include <vector>

namespace waconsole {

struct FunnelStage {
    std::string label; // "Delivered"
    std::string name;  // "delivered": widget <id>.<name>
    long long count = 0;
    ImU32 color = 0;
    bool apart = false; // drawn after a gap, outside the funnel (failed)
};

// A stage's share of `base` in percent, 0 when base is 0.
double funnel_percent(long long count, long long base);

// Draws the stages at the cursor across the available width; `base` is the 100 % count.
// Records each stage's row as <id>.<name> and the whole chart as <id>.
void draw_funnel(const std::string& id, const std::vector<FunnelStage>& stages, long long base,
                 WidgetRects& rects);

} // namespace waconsole
