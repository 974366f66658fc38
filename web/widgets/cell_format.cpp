// Cell formatting. Emscripten's localtime follows the browser's time zone.
#include "widgets/cell_format.hpp"

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
