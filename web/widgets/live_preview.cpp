// The bubble is drawn as a group on the draw list's second channel, then its background on the
// first once the group's size is known (ImGui 1.86 children cannot fit their height to content).
#include "widgets/live_preview.hpp"

#include "shared/meta_limits.hpp"
#include "theme.hpp"
#include "widgets/browser_text.hpp"

#include <algorithm>
#include <cstdio>

namespace waconsole {

namespace {

constexpr ImU32 kBubble = palette::rgb(0xDCF8C6);
constexpr ImU32 kChat = palette::rgb(0xECE5DD);
constexpr ImU32 kLink = palette::rgb(0x027EB5);

// A small arrow pointing up and right, centred vertically on `left_middle`.
void draw_link_arrow(ImDrawList& draw, ImVec2 left_middle) {
    const float half = em(0.25f);
    const float thickness = std::max(1.0f, em(0.08f));
    const ImVec2 from(left_middle.x, left_middle.y + half);
    const ImVec2 to(left_middle.x + half * 2, left_middle.y - half);
    draw.AddLine(from, to, kLink, thickness);
    draw.AddLine(to, ImVec2(to.x - half, to.y), kLink, thickness);
    draw.AddLine(to, ImVec2(to.x, to.y + half), kLink, thickness);
}

void count_line(const char* what, std::size_t used, std::size_t limit, const std::string& widget,
                WidgetRects& rects) {
    const bool over = used > limit;
    ImGui::PushStyleColor(ImGuiCol_Text, over ? palette::kErrorText : palette::kMuted);
    ImGui::Text("%s: %zu / %zu characters%s", what, used, limit,
                over ? " (over Meta's limit)" : "");
    ImGui::PopStyleColor();
    rects.record_last_item(widget);
}

} // namespace

std::size_t utf8_characters(const std::string& text) {
    std::size_t count = 0;
    for (const char c : text) {
        count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return count;
}

void draw_live_preview(const RenderedTemplate& message, ImFont* bold, const std::string& name,
                       WidgetRects& rects) {
    // The counts first: a long message must not push them out of sight.
    count_line("Body", utf8_characters(message.body), kMaxTemplateBodyCharacters,
               name + ".body_count", rects);
    if (!message.header.empty()) {
        count_line("Header", utf8_characters(message.header), kMaxTemplateHeaderCharacters,
                   name + ".header_count", rects);
    }
    ImGui::Dummy(ImVec2(0, em(0.2f)));
    const float width = std::min(ImGui::GetContentRegionAvail().x, em(22));
    const ImVec2 padding(em(0.7f), em(0.5f));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 chat_min = ImGui::GetCursorScreenPos();
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    ImGui::SetCursorScreenPos(ImVec2(chat_min.x + padding.x * 2, chat_min.y + padding.y * 2));
    const float inner = width - padding.x * 4;
    const ImVec2 bubble_min(chat_min.x + padding.x, chat_min.y + padding.y);
    ImGui::BeginGroup();
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kText);
    if (!message.header.empty()) {
        ImGui::PushFont(bold != nullptr ? bold : ImGui::GetFont());
        draw_wrapped_text(message.header, inner, rects);
        ImGui::PopFont();
    }
    draw_wrapped_text(message.body.empty() ? std::string_view(" ") : message.body, inner, rects);
    ImGui::PopStyleColor();
    if (!message.footer.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette::kMuted);
        draw_wrapped_text(message.footer, inner, rects);
        ImGui::PopStyleColor();
    }
    ImGui::Dummy(ImVec2(inner, 0));
    ImGui::EndGroup();
    const ImVec2 bubble_max(bubble_min.x + width - padding.x * 2,
                            ImGui::GetItemRectMax().y + padding.y);
    rects.record(name, bubble_min, bubble_max);
    // Buttons: one chip each under the bubble, as WhatsApp shows them.
    float y = bubble_max.y + em(0.25f);
    for (const TemplateButton& button : message.buttons) {
        const ImVec2 chip_min(bubble_min.x, y);
        const ImVec2 chip_max(bubble_max.x, y + ImGui::GetFrameHeight());
        draw->AddRectFilled(chip_min, chip_max, palette::kSurface, em(0.4f));
        const std::string& label = button.text;
        const bool link = button.type == "URL";
        const float arrow = link ? em(0.9f) : 0; // the "opens a web page" arrow after the label
        const ImVec2 size(line_text_width(label), ImGui::GetFontSize());
        const ImVec2 at((chip_min.x + chip_max.x - size.x - arrow) * 0.5f,
                        (chip_min.y + chip_max.y - size.y) * 0.5f);
        // A label may hold emoji or any script: drawn as the bubble's text is.
        ImGui::SetCursorScreenPos(at);
        ImGui::PushStyleColor(ImGuiCol_Text, kLink);
        draw_line_text(label, 0, rects);
        ImGui::PopStyleColor();
        if (link) {
            draw_link_arrow(*draw, ImVec2(at.x + size.x + em(0.35f), at.y + size.y * 0.5f));
        }
        rects.record(name + ".button." + std::to_string(button.index), chip_min, chip_max);
        y = chip_max.y + em(0.2f);
    }
    const ImVec2 chat_max(chat_min.x + width, y + padding.y);
    draw->ChannelsSetCurrent(0);
    draw->AddRectFilled(chat_min, chat_max, kChat, em(0.4f));
    draw->AddRectFilled(bubble_min, bubble_max, kBubble, em(0.4f));
    draw->ChannelsMerge();
    ImGui::SetCursorScreenPos(ImVec2(chat_min.x, chat_max.y + em(0.4f)));
    ImGui::Dummy(ImVec2(0, 0));
}

} // namespace waconsole
