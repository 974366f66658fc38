// [SECTION] index: calendar arithmetic, parsing, the field, the calendar popup.
#include "widgets/date_picker.hpp"

#include "theme.hpp"
#include "widgets/filter_fields.hpp"

#include <cstdio>
#include <ctime>
#include <imgui_stdlib.h>

namespace waconsole {

namespace {

// [SECTION] calendar arithmetic (proleptic Gregorian)

bool is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// 0 = Monday ... 6 = Sunday (Sakamoto's method).
int weekday_from_monday(int year, int month, int day) {
    static constexpr int kOffsets[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (month < 3) {
        year -= 1;
    }
    const int sunday_first =
        (year + year / 4 - year / 100 + year / 400 + kOffsets[month - 1] + day) % 7;
    return (sunday_first + 6) % 7;
}

struct Date {
    int year = 0;
    int month = 0;
    int day = 0;
};

bool parse_date(const std::string& text, Date& date) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    for (const std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
    }
    date.year = std::stoi(text.substr(0, 4));
    date.month = std::stoi(text.substr(5, 2));
    date.day = std::stoi(text.substr(8, 2));
    return date.year >= 1970 && date.month >= 1 && date.month <= 12 && date.day >= 1 &&
           date.day <= days_in_month(date.year, date.month);
}

Date today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

std::string format_date(int year, int month, int day) {
    char text[16];
    std::snprintf(text, sizeof(text), "%04d-%02d-%02d", year, month, day);
    return text;
}

constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

// [SECTION] the calendar popup: month navigation, a 7 x 6 grid of days, Clear.

bool draw_calendar(const std::string& name, DatePicker& picker, WidgetRects& rects) {
    bool picked = false;
    if (ImGui::Button("‹")) {
        picker.view_month -= 1;
        if (picker.view_month < 1) {
            picker.view_month = 12;
            picker.view_year -= 1;
        }
    }
    rects.record_last_item(name + ".prev_month");
    ImGui::SameLine();
    char title[32];
    std::snprintf(title, sizeof(title), "%s %d", kMonthNames[picker.view_month - 1],
                  picker.view_year);
    const float cell = em(2.2f);
    const float grid_width = cell * 7 + ImGui::GetStyle().ItemSpacing.x * 6;
    const float next_width = ImGui::CalcTextSize("›").x + ImGui::GetStyle().FramePadding.x * 2;
    const float title_x = (grid_width - ImGui::CalcTextSize(title).x) * 0.5f;
    ImGui::SetCursorPosX(
        std::max(ImGui::GetCursorPosX(), ImGui::GetStyle().WindowPadding.x + title_x));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(title);
    ImGui::SameLine(ImGui::GetStyle().WindowPadding.x + grid_width - next_width);
    if (ImGui::Button("›")) {
        picker.view_month += 1;
        if (picker.view_month > 12) {
            picker.view_month = 1;
            picker.view_year += 1;
        }
    }
    rects.record_last_item(name + ".next_month");

    static constexpr const char* kWeekdays[] = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
    for (int i = 0; i < 7; ++i) {
        if (i > 0) {
            ImGui::SameLine();
        }
        const float pad = (cell - ImGui::CalcTextSize(kWeekdays[i]).x) * 0.5f;
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + pad);
        ImGui::TextDisabled("%s", kWeekdays[i]);
        ImGui::SameLine(0, 0);
        ImGui::Dummy(ImVec2(pad, 0));
    }
    Date chosen;
    const bool has_chosen = parse_date(picker.text, chosen);
    const int first = weekday_from_monday(picker.view_year, picker.view_month, 1);
    const int days = days_in_month(picker.view_year, picker.view_month);
    for (int slot = 0; slot < 42; ++slot) {
        const int day = slot - first + 1;
        if (slot % 7 != 0) {
            ImGui::SameLine();
        }
        if (day < 1 || day > days) {
            ImGui::Dummy(ImVec2(cell, ImGui::GetFrameHeight()));
            continue;
        }
        const bool is_chosen = has_chosen && chosen.year == picker.view_year &&
                               chosen.month == picker.view_month && chosen.day == day;
        ImGui::PushID(day);
        const std::string label = std::to_string(day);
        const bool pressed = is_chosen ? primary_button(label.c_str(), ImVec2(cell, 0))
                                       : ImGui::Button(label.c_str(), ImVec2(cell, 0));
        rects.record_last_item(name + ".day." + label);
        ImGui::PopID();
        if (pressed) {
            picker.text = format_date(picker.view_year, picker.view_month, day);
            picked = true;
        }
    }
    if (ImGui::Button("Clear")) {
        picker.text.clear();
        picked = true;
    }
    rects.record_last_item(name + ".clear");
    if (picked) {
        ImGui::CloseCurrentPopup();
    }
    return picked;
}

} // namespace

// [SECTION] the field

std::string date_problem(const std::string& text) {
    Date date;
    if (text.empty() || parse_date(text, date)) {
        return "";
    }
    return "Write the date as YYYY-MM-DD, e.g. 2026-03-05, or pick it.";
}

bool draw_date_picker(const char* label, const char* name, DatePicker& picker,
                      const std::string& error, WidgetRects& rects) {
    const std::string widget = name;
    const float field_width = ImGui::CalcTextSize("0000-00-00").x + em(1.2f);
    wrap_filter(field_width + em(0.25f) + ImGui::GetFrameHeight());
    ImGui::PushID(name);
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", label);
    ImGui::SetNextItemWidth(field_width);
    bool entered = ImGui::InputTextWithHint("##date", "YYYY-MM-DD", &picker.text,
                                            ImGuiInputTextFlags_EnterReturnsTrue |
                                                ImGuiInputTextFlags_CharsNoBlank);
    rects.record_last_item(widget);
    ImGui::SameLine(0, em(0.25f));
    if (ImGui::ArrowButton("##calendar", ImGuiDir_Down)) {
        Date shown;
        if (!parse_date(picker.text, shown)) {
            shown = today();
        }
        picker.view_year = shown.year;
        picker.view_month = shown.month;
        ImGui::OpenPopup("##calendar_popup");
    }
    rects.record_last_item(widget + ".calendar");
    if (!error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette::kErrorText);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + em(16));
        ImGui::TextUnformatted(error.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        rects.record_last_item(widget + ".error");
    }
    ImGui::EndGroup();
    if (ImGui::BeginPopup("##calendar_popup")) {
        if (picker.view_month < 1 || picker.view_month > 12) {
            const Date now = today();
            picker.view_year = now.year;
            picker.view_month = now.month;
        }
        draw_calendar(widget, picker, rects);
        ImGui::EndPopup();
    }
    ImGui::PopID();
    return entered;
}

} // namespace waconsole
