// Toasts: an overlay window per message, stacked downwards from the top-right corner.
#include "widgets/toast.hpp"

#include "platform/frame_loop.hpp"
#include "theme.hpp"

#include <algorithm>
#include <imgui.h>

namespace waconsole {

namespace {
constexpr double kInfoSeconds = 4.0;
constexpr double kErrorSeconds = 8.0;
// Long enough to read two sentences; a click dismisses it sooner.
constexpr double kWarningSeconds = 15.0;
constexpr std::size_t kMaxToasts = 4;

struct ToastColours {
    ImU32 background;
    ImU32 border;
    ImU32 text;
};

ToastColours colours_of(ToastKind kind) {
    switch (kind) {
    case ToastKind::error:
        return {palette::kErrorBackground, palette::kErrorBorder, palette::kErrorText};
    case ToastKind::warning:
        return {palette::kWarningBackground, palette::kWarningBorder, palette::kWarningText};
    case ToastKind::info:
        break;
    }
    return {palette::kSurface, palette::kBorder, palette::kText};
}

} // namespace

void push_toast(Toasts& toasts, ToastKind kind, std::string text, double now) {
    const double lifetime = kind == ToastKind::error     ? kErrorSeconds
                            : kind == ToastKind::warning ? kWarningSeconds
                                                         : kInfoSeconds;
    toasts.items.push_back({kind, std::move(text), now + lifetime});
    if (toasts.items.size() > kMaxToasts) {
        toasts.items.erase(toasts.items.begin());
    }
}

void draw_toasts(Toasts& toasts, double now) {
    toasts.items.erase(std::remove_if(toasts.items.begin(), toasts.items.end(),
                                      [now](const Toast& t) { return t.expires_at <= now; }),
                       toasts.items.end());
    if (!toasts.items.empty()) {
        // Frames are drawn only when something changes: one is due when the next toast goes.
        double next = toasts.items.front().expires_at;
        for (const Toast& toast : toasts.items) {
            next = std::min(next, toast.expires_at);
        }
        platform::wake_after(static_cast<int>((next - now) * 1000) + 5);
    }
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    // Top right, under the header bar: clear of the pager and the table's buttons.
    float top = em(4.25f);
    std::size_t dismissed = toasts.items.size();
    for (std::size_t i = toasts.items.size(); i-- > 0;) { // newest first
        const Toast& toast = toasts.items[i];
        const ToastColours colours = colours_of(toast.kind);
        ImGui::SetNextWindowPos(ImVec2(display.x - em(1.25f), top), ImGuiCond_Always,
                                ImVec2(1.0f, 0.0f));
        ImGui::SetNextWindowSizeConstraints(ImVec2(em(14), 0), ImVec2(em(28), FLT_MAX));
        ImGui::PushStyleColor(ImGuiCol_WindowBg, colours.background);
        ImGui::PushStyleColor(ImGuiCol_Border, colours.border);
        ImGui::PushStyleColor(ImGuiCol_Text, colours.text);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, ImGui::GetStyle().FrameBorderSize);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, em(0.4f));
        const std::string name = "##toast" + std::to_string(i);
        ImGui::Begin(name.c_str(), nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                         ImGuiWindowFlags_NoNav);
        ImGui::PushTextWrapPos(em(26));
        ImGui::TextUnformatted(toast.text.c_str());
        ImGui::PopTextWrapPos();
        if (ImGui::IsWindowHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
            dismissed = i;
        }
        top += ImGui::GetWindowHeight() + em(0.5f);
        ImGui::End();
        ImGui::PopStyleVar(2);
        ImGui::PopStyleColor(3);
    }
    if (dismissed < toasts.items.size()) {
        toasts.items.erase(toasts.items.begin() + static_cast<std::ptrdiff_t>(dismissed));
    }
}

std::optional<std::string> latest_error(const Toasts& toasts) {
    for (auto it = toasts.items.rbegin(); it != toasts.items.rend(); ++it) {
        if (it->kind == ToastKind::error) {
            return it->text;
        }
    }
    return std::nullopt;
}

const char* toast_kind_name(ToastKind kind) {
    switch (kind) {
    case ToastKind::warning:
        return "warning";
    case ToastKind::error:
        return "error";
    case ToastKind::info:
        break;
    }
    return "info";
}

} // namespace waconsole
