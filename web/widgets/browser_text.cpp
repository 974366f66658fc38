// The atlas-or-browser choice, the image cache and the placing of images like ImGui's own text.
#include "widgets/browser_text.hpp"

#include "platform/browser.hpp"
#include "platform/frame_loop.hpp"
#include "platform/text_raster.hpp"
#include "widgets/cell_format.hpp"
#include "widgets/widget_rects.hpp"

#include <GLES3/gl3.h>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <imgui_internal.h> // ImTextCharFromUtf8, ItemSize/ItemAdd: images laid out as text
#include <string>
#include <unordered_map>
#include <vector>

namespace waconsole {

namespace {

// Budget of the image cache: a 100-row page of foreign-script cells, its tooltips and an open
// transcript fit with room to spare; beyond it the images least recently drawn go.
constexpr std::size_t kMaxImages = 600;
constexpr std::size_t kMaxPixels = 12u * 1024 * 1024; // RGBA: 48 MB of texture at most
// Sizes of wrapped texts, for transcripts' layout: cheap entries, dropped all at once when full.
constexpr std::size_t kMaxMeasures = 8192;
// Painting a string costs a few milliseconds (fonts found by fallback, the upload): a frame that
// meets many new ones paints until this much time went, and the rest in the frames after, so a
// page of foreign text fills in over a few frames instead of stalling one.
constexpr double kPaintBudgetSeconds = 0.012;

struct TextImage {
    GLuint texture = 0;
    platform::TextRaster raster;
    int last_frame = 0;
};

// One GL context per page, so one cache per page: the textures belong to it.
std::unordered_map<std::string, TextImage>& images() {
    static std::unordered_map<std::string, TextImage> cache;
    return cache;
}
std::size_t& image_pixels() {
    static std::size_t pixels = 0;
    return pixels;
}
std::unordered_map<std::string, ImVec2>& measures() {
    static std::unordered_map<std::string, ImVec2> cache;
    return cache;
}

platform::TextRasterStyle current_style(float max_width, bool wrap) {
    platform::TextRasterStyle style;
    style.line_height = ImGui::GetFontSize();
    // The UI's bold and title fonts are the only ones pushed over the default (theme.cpp).
    style.bold = ImGui::GetFont() != ImGui::GetIO().FontDefault;
    style.color = ImGui::GetColorU32(ImGuiCol_Text);
    style.max_width = max_width;
    style.wrap = wrap;
    return style;
}

std::string cache_key(std::string_view text, const platform::TextRasterStyle& style) {
    char head[96];
    std::snprintf(head, sizeof head, "%.2f|%u|%d|%.1f|%d|", style.line_height, style.color,
                  style.bold ? 1 : 0, style.max_width, style.wrap ? 1 : 0);
    return std::string(head).append(text);
}

// Painting time spent in the current frame.
struct PaintBudget {
    int frame = -1;
    double spent = 0;
};
PaintBudget& paint_budget() {
    static PaintBudget budget;
    return budget;
}

// The image of `text`, painted now if the frame's budget allows; nullptr when it must wait for a
// later frame (one is asked for).
const TextImage* image_for(std::string_view text, const platform::TextRasterStyle& style,
                           float pixel_ratio) {
    auto& cache = images();
    std::string key = cache_key(text, style);
    auto found = cache.find(key);
    if (found == cache.end()) {
        PaintBudget& budget = paint_budget();
        if (budget.frame != ImGui::GetFrameCount()) {
            budget = {ImGui::GetFrameCount(), 0};
        }
        if (budget.spent >= kPaintBudgetSeconds) {
            platform::request_frames(1);
            return nullptr;
        }
        const double started = platform::now_seconds();
        TextImage image;
        glGenTextures(1, &image.texture);
        image.raster = platform::raster_text(text, style, pixel_ratio, image.texture);
        image_pixels() += static_cast<std::size_t>(image.raster.width * image.raster.image_height);
        found = cache.emplace(std::move(key), std::move(image)).first;
        budget.spent += platform::now_seconds() - started;
    }
    found->second.last_frame = ImGui::GetFrameCount();
    return &found->second;
}

// Draws `image` with its first line's top-left at `top_left` and tells the test hook.
void place(const TextImage& image, ImVec2 top_left, WidgetRects& rects) {
    if (image.raster.width <= 0) {
        return;
    }
    // Whole device pixels: an image drawn between pixels would be resampled and blur.
    const ImVec2 min(std::floor(top_left.x), std::round(top_left.y - image.raster.pad));
    const ImVec2 max(min.x + image.raster.width, min.y + image.raster.image_height);
    ImGui::GetWindowDrawList()->AddImage(
        reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(image.texture)), min, max);
    rects.record_text_image(
        {image.raster.shown, image.raster.font, image.raster.color, image.raster.rtl, {}}, min,
        max);
}

bool is_mark_or_joiner(unsigned code) {
    return (code >= 0x0300 && code <= 0x036F) || // combining diacritical marks
           (code >= 0x1AB0 && code <= 0x1AFF) || (code >= 0x1DC0 && code <= 0x1DFF) ||
           (code >= 0x20D0 && code <= 0x20FF) || // combining marks for symbols (keycaps)
           code == 0x200C || code == 0x200D ||   // joiners
           (code >= 0x200E && code <= 0x200F) || (code >= 0x202A && code <= 0x202E) ||
           (code >= 0x2066 && code <= 0x2069) || // direction marks, embeddings and isolates
           (code >= 0xFE00 && code <= 0xFE0F);   // variation selectors (emoji presentation)
}

} // namespace

bool atlas_can_draw(std::string_view text) {
    const ImFont* font = ImGui::GetFont();
    const char* cursor = text.data();
    const char* const end = text.data() + text.size();
    while (cursor < end && *cursor != '\0') {
        unsigned int code = 0;
        cursor += std::max(1, ImTextCharFromUtf8(&code, cursor, end));
        if (code < 0x20) {
            continue; // new lines and tabs are layout
        }
        if (is_mark_or_joiner(code) || code > 0xFFFF ||
            font->FindGlyphNoFallback(static_cast<ImWchar>(code)) == nullptr) {
            return false;
        }
    }
    return true;
}

bool draw_line_text(std::string_view text, float max_width, WidgetRects& rects) {
    if (atlas_can_draw(text)) {
        const std::string whole(text);
        const std::string shown = max_width > 0 ? fit_text(whole, max_width) : whole;
        ImGui::TextUnformatted(shown.c_str());
        rects.record_text(shown);
        return shown.size() != whole.size();
    }
    const platform::TextRasterStyle style = current_style(max_width, false);
    const TextImage* image = image_for(text, style, rects.pixel_ratio());
    // As ImGui::TextEx lays a line out: on the line's text baseline offset, one font size tall.
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const ImVec2 pos(window->DC.CursorPos.x,
                     window->DC.CursorPos.y + window->DC.CurrLineTextBaseOffset);
    // Not painted yet: the line's place stays empty for a frame or two.
    const ImVec2 size = image != nullptr ? ImVec2(image->raster.width, image->raster.height)
                                         : ImVec2(0, style.line_height);
    ImGui::ItemSize(size, 0.0f);
    const ImRect box(pos, ImVec2(pos.x + size.x, pos.y + size.y));
    if (ImGui::ItemAdd(box, 0)) {
        if (image != nullptr) {
            place(*image, pos, rects);
        } else {
            rects.record_text_pending();
        }
    }
    return image != nullptr && image->raster.cut;
}

void draw_wrapped_text(std::string_view text, float wrap_width, WidgetRects& rects) {
    if (atlas_can_draw(text)) {
        const std::string whole(text);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap_width);
        ImGui::TextUnformatted(whole.c_str());
        ImGui::PopTextWrapPos();
        rects.record_text(whole);
        return;
    }
    const platform::TextRasterStyle style = current_style(wrap_width, true);
    const TextImage* image = image_for(text, style, rects.pixel_ratio());
    if (image == nullptr) {
        // Not painted yet: its place is kept, so nothing moves when it is.
        ImGui::Dummy(wrapped_text_size(text, wrap_width));
        rects.record_text_pending();
        return;
    }
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size(image->raster.width, image->raster.height);
    // A right-to-left message starts at the right, as it does in the customer's phone.
    const float shift = image->raster.rtl ? std::max(0.0f, wrap_width - image->raster.width) : 0;
    ImGui::Dummy(size);
    if (ImGui::IsItemVisible()) {
        place(*image, ImVec2(pos.x + shift, pos.y), rects);
    }
}

float line_text_width(std::string_view text) {
    if (atlas_can_draw(text)) {
        return ImGui::CalcTextSize(text.data(), text.data() + text.size()).x;
    }
    return wrapped_text_size(text, 0).x;
}

ImVec2 wrapped_text_size(std::string_view text, float wrap_width) {
    if (atlas_can_draw(text)) {
        return ImGui::CalcTextSize(text.data(), text.data() + text.size(), false, wrap_width);
    }
    const platform::TextRasterStyle style = current_style(wrap_width, true);
    auto& cache = measures();
    std::string key = cache_key(text, style);
    if (const auto found = cache.find(key); found != cache.end()) {
        return found->second;
    }
    if (cache.size() >= kMaxMeasures) {
        cache.clear();
    }
    const platform::TextRaster raster = platform::measure_text(text, style, 1.0f);
    const ImVec2 size(raster.width, raster.height);
    cache.emplace(std::move(key), size);
    return size;
}

void trim_text_images() {
    auto& cache = images();
    std::size_t& pixels = image_pixels();
    if (cache.size() <= kMaxImages && pixels <= kMaxPixels) {
        return;
    }
    // Oldest first, never one drawn in this frame (its texture is in this frame's draw list).
    std::vector<std::pair<int, std::string>> by_age;
    const int now = ImGui::GetFrameCount();
    for (const auto& [key, image] : cache) {
        if (image.last_frame < now) {
            by_age.emplace_back(image.last_frame, key);
        }
    }
    std::sort(by_age.begin(), by_age.end());
    for (const auto& [frame, key] : by_age) {
        if (cache.size() <= kMaxImages * 3 / 4 && pixels <= kMaxPixels * 3 / 4) {
            break;
        }
        const auto found = cache.find(key);
        pixels -= static_cast<std::size_t>(found->second.raster.width *
                                           found->second.raster.image_height);
        glDeleteTextures(1, &found->second.texture);
        cache.erase(found);
    }
}

} // namespace waconsole
