// Text drawn by the browser's own text engine: a string is laid out and painted on an offscreen
// 2D canvas with the system's fonts, which shape Arabic and Indic scripts, order right-to-left
// text by the Unicode bidirectional algorithm, draw CJK and colour emoji; the result is uploaded
// into a WebGL texture for ImGui to draw as an image. ImGui's own atlas can do none of that
// (docs/architecture.md, "Every script").
#pragma once

#include <string>
#include <string_view>

namespace waconsole::platform {

struct TextRasterStyle {
    float line_height = 0; // device pixels: ImGui's font size, so lines match the atlas's
    bool bold = false;
    unsigned color = 0;  // ImGui's ABGR ImU32
    float max_width = 0; // device pixels; 0 = no limit
    bool wrap = false;   // wrap at max_width; else one line per paragraph, cut with "…"
};

struct TextRaster {
    float width = 0;        // device pixels of the laid-out text
    float height = 0;       // lines × line_height
    float pad = 0;          // the image reaches this far above and below the lines (tall marks)
    float image_height = 0; // device pixels of the painted image: height + 2 pad, whole, capped
    bool rtl = false;       // the first paragraph reads right to left
    bool cut = false;       // the text did not fit max_width and ends in "…"
    std::string shown;      // the text as drawn (cut when `cut`)
    std::string color;      // the CSS colour it was painted in
    std::string font;       // the CSS font used, in CSS pixels, for tests to draw it the same way
};

// Lays out `text` and reports its size without painting.
TextRaster measure_text(std::string_view text, const TextRasterStyle& style, float pixel_ratio);

// Lays out and paints `text`, and uploads the painting into `texture` (a GL texture name),
// which it resizes. The image is width × (height + 2 pad) device pixels.
TextRaster raster_text(std::string_view text, const TextRasterStyle& style, float pixel_ratio,
                       unsigned texture);

} // namespace waconsole::platform
