// The step bar of a wizard: numbered steps in a row, the current one filled, the done ones ticked.
// Steps before the current one can be clicked to go back to them.
#pragma once

#include "widgets/widget_rects.hpp"

#include <optional>
#include <string>
#include <vector>

namespace waconsole {

struct WizardStepLabel {
    const char* title = ""; // "Settings"
    const char* name = "";  // "settings": widget <prefix>.<name>
};

// Draws the bar across the content width; returns the index of an earlier step that was clicked.
std::optional<int> draw_wizard_steps(const std::vector<WizardStepLabel>& steps, int current,
                                     const std::string& prefix, bool enabled, WidgetRects& rects);

} // namespace waconsole
