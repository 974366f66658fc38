// [SECTION] index: layout (heights and offsets), adding messages, drawing the visible ones.
#include "widgets/transcript_view.hpp"

#include "theme.hpp"
#include "widgets/browser_text.hpp"
#include "widgets/cell_format.hpp"
#include "widgets/status_badge.hpp"

#include <algorithm>
#include <imgui_internal.h> // SetNextWindowScroll

namespace waconsole {

namespace {

// [SECTION] layout

struct Metrics {
    float bubble_width = 0;
    float wrap_width = 0;
    float padding = 0;
    float header = 0;
    float gap = 0;     // between header, body and error
    float spacing = 0; // between two messages
};

Metrics metrics_for(float width) {
    Metrics m;
    m.padding = em(0.5f);
    m.bubble_width = std::max(em(10), std::min(width * 0.8f, em(38)));
    m.wrap_width = m.bubble_width - m.padding * 2;
    m.header = ImGui::GetFontSize();
    m.gap = em(0.2f);
    m.spacing = em(0.45f);
    return m;
}

std::string shown_body(const TranscriptMessage& message) {
    if (!message.body.empty()) {
        return message.body;
    }
    return "[" + (message.kind.empty() ? std::string("message") : message.kind) + "]";
}

float block_height(const TranscriptMessage& message, const Metrics& m) {
    const std::string body = shown_body(message);
    float height = m.padding * 2 + m.header + m.gap + wrapped_text_size(body, m.wrap_width).y;
    if (!message.error.empty()) {
        height +=
            m.gap + ImGui::CalcTextSize(message.error.c_str(), nullptr, false, m.wrap_width).y;
    }
    return height + m.spacing;
}

// Offsets from `first` on, keeping those before it.
void relayout_from(TranscriptView& view, std::size_t first, const Metrics& m) {
    view.tops.resize(view.messages.size() + 1);
    if (first == 0) {
        view.tops[0] = 0;
    }
    for (std::size_t i = first; i < view.messages.size(); ++i) {
        view.tops[i + 1] = view.tops[i] + block_height(view.messages[i], m);
    }
}

void ensure_layout(TranscriptView& view, float width) {
    if (view.layout_width == width && view.layout_font_size == ImGui::GetFontSize() &&
        view.tops.size() == view.messages.size() + 1) {
        return;
    }
    view.layout_width = width;
    view.layout_font_size = ImGui::GetFontSize();
    view.tops.clear();
    relayout_from(view, 0, metrics_for(width));
}

// [SECTION] drawing one message

std::string header_of(const TranscriptMessage& message) {
    std::string who =
        message.inbound ? "Customer" : (message.agent.empty() ? "Bot" : message.agent);
    std::string header = who + "  ·  " + format_local_datetime(message.at);
    if (!message.kind.empty() && message.kind != "text") {
        header += "  ·  " + message.kind;
    }
    return header;
}

void draw_message(const TranscriptMessage& message, float top, float width, const Metrics& m,
                  WidgetRects& rects) {
    const float height = block_height(message, m) - m.spacing;
    const float left = message.inbound ? 0.0f : width - m.bubble_width;
    const ImVec2 origin = ImGui::GetCursorStartPos();
    const ImVec2 screen = ImGui::GetWindowPos();
    const float scroll_y = ImGui::GetScrollY();
    const ImVec2 min(screen.x + origin.x + left, screen.y + origin.y + top - scroll_y);
    const ImVec2 max(min.x + m.bubble_width, min.y + height);
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    draw.AddRectFilled(min, max, message.inbound ? palette::kSurface : palette::kAccentSoft,
                       em(0.45f));
    draw.AddRect(min, max, palette::kBorder, em(0.45f), ImDrawFlags_None,
                 ImGui::GetStyle().FrameBorderSize);

    const float x = origin.x + left + m.padding;
    ImGui::SetCursorPos(ImVec2(x, origin.y + top + m.padding));
    const std::string header = header_of(message);
    ImGui::TextDisabled("%s", fit_text(header, m.wrap_width - em(6)).c_str());
    if (!message.inbound && !message.status.empty()) {
        const float badge = status_badge_width(message.status);
        ImGui::SameLine(x + m.wrap_width - badge);
        draw_status_badge(message.status);
    }
    ImGui::SetCursorPos(ImVec2(x, origin.y + top + m.padding + m.header + m.gap));
    draw_wrapped_text(shown_body(message), m.wrap_width, rects);
    ImGui::PushTextWrapPos(x + m.wrap_width);
    if (!message.error.empty()) {
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + m.gap - ImGui::GetStyle().ItemSpacing.y);
        ImGui::PushStyleColor(ImGuiCol_Text, palette::kErrorText);
        ImGui::TextUnformatted(message.error.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PopTextWrapPos();
}

bool known_id(const TranscriptView& view, long long id) {
    // Ids ascend, so a binary search finds it.
    const auto it = std::lower_bound(
        view.messages.begin(), view.messages.end(), id,
        [](const TranscriptMessage& message, long long wanted) { return message.id < wanted; });
    return it != view.messages.end() && it->id == id;
}

} // namespace

// [SECTION] adding messages

void prepend_messages(TranscriptView& view, std::vector<TranscriptMessage> older) {
    older.erase(std::remove_if(older.begin(), older.end(),
                               [&](const TranscriptMessage& m) { return known_id(view, m.id); }),
                older.end());
    if (older.empty()) {
        return;
    }
    const float old_total = view.tops.empty() ? 0 : view.tops.back();
    view.messages.insert(view.messages.begin(), std::make_move_iterator(older.begin()),
                         std::make_move_iterator(older.end()));
    if (view.layout_width > 0) {
        view.tops.clear();
        relayout_from(view, 0, metrics_for(view.layout_width));
        // What the reader sees stays put: the view moves down by what was added above it.
        view.scroll_adjust += view.tops.back() - old_total;
    }
}

void append_messages(TranscriptView& view, std::vector<TranscriptMessage> newer) {
    const std::size_t first = view.messages.size();
    for (auto& message : newer) {
        if (view.messages.empty() || message.id > view.messages.back().id) {
            view.messages.push_back(std::move(message));
        }
    }
    if (view.layout_width > 0 && view.tops.size() == first + 1) {
        relayout_from(view, first, metrics_for(view.layout_width));
    }
}

// [SECTION] drawing the visible messages

bool draw_transcript(TranscriptView& view, const char* widget, ImVec2 size, WidgetRects& rects) {
    const ImGuiStyle& style = ImGui::GetStyle();
    // The width inside the child: its padding and a scrollbar always reserved, so the layout does
    // not change when the scrollbar appears.
    const float width = std::max(em(12), (size.x > 0 ? size.x : ImGui::GetContentRegionAvail().x) -
                                             style.WindowPadding.x * 2 - style.ScrollbarSize);
    ensure_layout(view, width);
    const float total = view.tops.empty() ? 0 : view.tops.back();
    ImGui::SetNextWindowContentSize(ImVec2(0, total));
    // Following the bottom only when messages arrived: forcing it every frame would undo the
    // wheel, which ImGui applies before this window begins.
    const bool following = view.stick_to_bottom && total != view.followed_total;
    if (following) {
        ImGui::SetNextWindowScroll(ImVec2(-1, total + size.y)); // clamped to the bottom
    } else if (view.scroll_adjust != 0) {
        ImGui::SetNextWindowScroll(ImVec2(-1, view.scroll_y + view.scroll_adjust));
    }
    view.scroll_adjust = 0;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette::kBackground);
    ImGui::BeginChild(widget, size, true, ImGuiWindowFlags_AlwaysVerticalScrollbar);
    ImGui::PopStyleColor();

    const Metrics m = metrics_for(width);
    const float scroll_y = ImGui::GetScrollY();
    const float view_height = ImGui::GetWindowHeight();
    // The first message whose block reaches into the view, then on until one starts below it.
    const float top = scroll_y - style.WindowPadding.y;
    auto first = std::upper_bound(view.tops.begin(), view.tops.end(), top);
    std::size_t index =
        first == view.tops.begin() ? 0 : static_cast<std::size_t>(first - view.tops.begin() - 1);
    int drawn = 0;
    for (; index < view.messages.size() && view.tops[index] < top + view_height; ++index) {
        ImGui::PushID(static_cast<int>(view.messages[index].id));
        draw_message(view.messages[index], view.tops[index], width, m, rects);
        ImGui::PopID();
        ++drawn;
    }
    if (view.messages.empty()) {
        ImGui::TextDisabled("No messages.");
    }
    view.drawn = drawn;
    view.scroll_y = scroll_y;
    view.scroll_max = ImGui::GetScrollMaxY();
    view.view_height = view_height;
    // Wheel or scrollbar moved away from the bottom: stop following; back at it: follow again.
    const bool at_bottom = view.scroll_max - scroll_y <= 1.0f;
    if (following && at_bottom) {
        view.followed_total = total; // arrived (the new height may take a frame to count)
    }
    view.stick_to_bottom = following || at_bottom;
    ImGui::EndChild();
    rects.record_last_item(widget);
    return scroll_y < view_height * 1.5f;
}

} // namespace waconsole
