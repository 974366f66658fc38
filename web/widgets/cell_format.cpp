// Cell formatting. Emscripten's localtime follows the browser's time zone.
#include "widgets/cell_format.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <imgui.h>

namespace waconsole {

namespace {
constexpr const char* kEllipsis = "\xE2\x80\xA6"; // U+2026
} // namespace

std::string format_local_datetime(long long epoch_seconds) {
    const std::time_t time = static_cast<std::time_t>(epoch_seconds);
    std::tm local{};
    if (localtime_r(&time, &local) == nullptr) {
        return "";
    }
    char text[32];
    const std::size_t size = std::strftime(text, sizeof(text), "%Y-%m-%d %H:%M", &local);
    return std::string(text, size);
}

std::string format_local_clock(long long epoch_seconds, long long now) {
    const std::time_t time = static_cast<std::time_t>(epoch_seconds);
    const std::time_t today = static_cast<std::time_t>(now);
    std::tm local{};
    std::tm local_now{};
    if (localtime_r(&time, &local) == nullptr || localtime_r(&today, &local_now) == nullptr) {
        return "";
    }
    // The day after today's, by calendar (mktime normalises the 32nd and the like).
    std::tm tomorrow = local_now;
    tomorrow.tm_mday += 1;
    tomorrow.tm_isdst = -1;
    const std::time_t tomorrow_time = std::mktime(&tomorrow);
    std::tm local_tomorrow{};
    localtime_r(&tomorrow_time, &local_tomorrow);
    const auto same_day = [](const std::tm& a, const std::tm& b) {
        return a.tm_year == b.tm_year && a.tm_yday == b.tm_yday;
    };
    char text[32];
    const std::size_t size = std::strftime(text, sizeof(text), "%H:%M", &local);
    const std::string clock(text, size);
    if (same_day(local, local_now)) {
        return clock;
    }
    if (same_day(local, local_tomorrow)) {
        return "tomorrow " + clock;
    }
    return format_local_datetime(epoch_seconds);
}

std::string cell_text(const nlohmann::json& value, ColumnType type) {
    if (value.is_null()) {
        return "";
    }
    if (type == ColumnType::datetime && value.is_number()) {
        return format_local_datetime(value.get<long long>());
    }
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_boolean()) {
        return value.get<bool>() ? "yes" : "no";
    }
    return value.dump();
}

std::string format_duration(long long seconds) {
    seconds = std::max(0LL, seconds);
    char text[48];
    if (seconds < 60) {
        std::snprintf(text, sizeof(text), "%lld s", seconds);
    } else if (seconds < 3600) {
        std::snprintf(text, sizeof(text), "%lld m %02lld s", seconds / 60, seconds % 60);
    } else if (seconds < 86400) {
        std::snprintf(text, sizeof(text), "%lld h %02lld m", seconds / 3600, seconds % 3600 / 60);
    } else {
        std::snprintf(text, sizeof(text), "%lld d %lld h", seconds / 86400, seconds % 86400 / 3600);
    }
    return text;
}

std::string fit_text(const std::string& text, float max_width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= max_width) {
        return text;
    }
    const float budget = max_width - ImGui::CalcTextSize(kEllipsis).x;
    // Binary search over UTF-8 character boundaries for the longest prefix within budget.
    std::size_t low = 0;
    std::size_t high = text.size();
    while (low < high) {
        std::size_t mid = (low + high + 1) / 2;
        while (mid > 0 && mid < text.size() &&
               (static_cast<unsigned char>(text[mid]) & 0xC0) == 0x80) {
            --mid;
        }
        if (mid <= low) {
            break;
        }
        if (ImGui::CalcTextSize(text.data(), text.data() + mid).x <= budget) {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    while (low > 0 && low < text.size() && (static_cast<unsigned char>(text[low]) & 0xC0) == 0x80) {
        --low;
    }
    return text.substr(0, low) + kEllipsis;
}

} // namespace waconsole
