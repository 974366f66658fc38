// A date field (YYYY-MM-DD, typed) with a calendar to pick from, for date filters. Dates are
// plain calendar days; the server reads them in the administrator's time zone.
#pragma once

#include "widgets/widget_rects.hpp"

#include <string>

namespace waconsole {

struct DatePicker {
    std::string text;   // "2026-03-05" or "" for no date
    int view_year = 0;  // the month the calendar shows; 0 = the date's month, else this month
    int view_month = 0; // 1-12
};

// A labelled field plus a calendar button, continuing the filter row. Returns true when Enter was
// pressed in the field (picking a day only fills it in: the caller's Search applies it). Widgets:
// <name>, <name>.calendar (the button), <name>.prev_month, <name>.next_month, <name>.day.<1-31>,
// <name>.clear, <name>.error.
bool draw_date_picker(const char* label, const char* name, DatePicker& picker,
                      const std::string& error, WidgetRects& rects);

// "" when `text` is empty or a real date written YYYY-MM-DD; otherwise what is wrong.
std::string date_problem(const std::string& text);

} // namespace waconsole
