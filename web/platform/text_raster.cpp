// JavaScript side of text_raster.hpp: one offscreen canvas, laid out line by line.
#include "platform/text_raster.hpp"

#include <GLES3/gl3.h>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <emscripten.h>

namespace {

// The families the canvas asks for: Noto Sans first, as the atlas's Latin, then whatever the
// system has for each script (the browser falls back per character, colour emoji included).
constexpr const char* kFamily = "\"Noto Sans\", sans-serif";

// Lays out `text` (and paints it when `paint`): out = {width, height, pad, rtl, cut, css_px,
// image_height};
// returns the shown text, malloc'd. The size of a CSS pixel font whose ascent + descent is one
// line_height is measured once per family, so the browser's lines match ImGui's.
// clang-format off
EM_JS(char*, js_layout_text, (const char* text_utf8, int length, const char* family,
                              double line_height, int bold, const char* color, double max_width,
                              int wrap, int paint, double* out), {
    var text = UTF8ToString(text_utf8, length);
    var family_name = UTF8ToString(family);
    var state = Module.waconsoleText;
    if (!state) {
        var canvas = document.createElement('canvas');
        state = Module.waconsoleText = {
            canvas: canvas,
            context: canvas.getContext('2d'),
            ratio: {},
            words: typeof Intl !== 'undefined' && Intl.Segmenter ?
                new Intl.Segmenter(undefined, {granularity: 'word'}) : null,
            graphemes: typeof Intl !== 'undefined' && Intl.Segmenter ?
                new Intl.Segmenter(undefined, {granularity: 'grapheme'}) : null
        };
    }
    var context = state.context;
    var weight = bold ? 'bold ' : "";
    if (state.ratio[weight + family_name] === undefined) {
        context.font = weight + '100px ' + family_name;
        var probe = context.measureText('Hg');
        var tall = probe.fontBoundingBoxAscent + probe.fontBoundingBoxDescent;
        state.ratio[weight + family_name] = {
            size: tall > 0 ? 100 / tall : 0.73, ascent: tall > 0 ? probe.fontBoundingBoxAscent / tall : 0.78
        };
    }
    var ratio = state.ratio[weight + family_name];
    var size = line_height * ratio.size;
    var font = weight + size.toFixed(2) + 'px ' + family_name;
    context.font = font;

    // Code points, not regular expressions: EM_JS code passes through the C preprocessor, which
    // would take a regex's backslashes for C escapes.
    function rtl_letter(code) {
        return (code >= 0x0590 && code <= 0x08FF) || (code >= 0xFB1D && code <= 0xFDFF) ||
            (code >= 0xFE70 && code <= 0xFEFF) || (code >= 0x10800 && code <= 0x10FFF) ||
            (code >= 0x1E800 && code <= 0x1EFFF);
    }
    function ltr_letter(code) {
        return (code >= 0x41 && code <= 0x5A) || (code >= 0x61 && code <= 0x7A) ||
            (code >= 0xC0 && code <= 0x24F && code !== 0xD7 && code !== 0xF7) ||
            (code >= 0x370 && code <= 0x58F) || (code >= 0x900 && code <= 0x1FFF) ||
            (code >= 0x3040 && code <= 0x9FFF) || (code >= 0xAC00 && code <= 0xD7AF);
    }
    // The paragraph's base direction: its first strong letter's (rule P2 of the algorithm).
    function reads_rtl(paragraph) {
        for (var character of paragraph) {
            var code = character.codePointAt(0);
            if (rtl_letter(code)) return true;
            if (ltr_letter(code)) return false;
        }
        return false;
    }
    function pieces(string, segmenter) {
        if (!segmenter) return Array.from(string);
        var list = [];
        for (var part of segmenter.segment(string)) list.push(part.segment);
        return list;
    }
    function width_of(string) { return context.measureText(string).width; }

    var lines = [];
    var cut = false;
    var paragraphs = text.split(String.fromCharCode(10));
    for (var p = 0; p < paragraphs.length; ++p) {
        var paragraph = paragraphs[p].split(String.fromCharCode(9)).join('    ');
        var rtl = reads_rtl(paragraph);
        if (wrap && max_width > 0) {
            var line = "";
            var words = pieces(paragraph, state.words);
            for (var w = 0; w < words.length; ++w) {
                var next = line + words[w];
                if (line !== "" && width_of(next.trimEnd()) > max_width) {
                    lines.push({text: line.trimEnd(), rtl: rtl});
                    line = words[w].trimStart();
                } else {
                    line = next;
                }
                // A word longer than the line breaks between its characters.
                while (width_of(line) > max_width && Array.from(line).length > 1) {
                    var characters = pieces(line, state.graphemes);
                    var head = "";
                    var k = 0;
                    while (k < characters.length && width_of(head + characters[k]) <= max_width) {
                        head += characters[k++];
                    }
                    if (k === 0) { head = characters[0]; k = 1; }
                    lines.push({text: head, rtl: rtl});
                    line = characters.slice(k).join("");
                }
            }
            lines.push({text: line.trimEnd(), rtl: rtl});
        } else {
            var shown = paragraph;
            var ellipsis = String.fromCharCode(0x2026);
            if (max_width > 0 && width_of(shown) > max_width) {
                var parts = pieces(shown, state.graphemes);
                var low = 0;
                var high = parts.length;
                while (low < high) {
                    var middle = (low + high + 1) >> 1;
                    if (width_of(parts.slice(0, middle).join("") + ellipsis) <= max_width) {
                        low = middle;
                    } else {
                        high = middle - 1;
                    }
                }
                shown = parts.slice(0, low).join("").trimEnd() + ellipsis;
                cut = true;
            }
            lines.push({text: shown, rtl: rtl});
            if (cut) break;
        }
    }
    var width = 0;
    for (var i = 0; i < lines.length; ++i) width = Math.max(width, width_of(lines[i].text));
    width = Math.ceil(width);
    var pad = Math.ceil(line_height * 0.35);
    var height = lines.length * line_height;
    var image_height = Math.min(16384, Math.ceil(height + 2 * pad));
    if (paint && width > 0) {
        var canvas = state.canvas;
        canvas.width = width;
        canvas.height = image_height;
        context.font = font; // resizing the canvas resets its state
        context.fillStyle = UTF8ToString(color);
        context.textBaseline = 'alphabetic';
        for (var j = 0; j < lines.length; ++j) {
            context.direction = lines[j].rtl ? 'rtl' : 'ltr';
            context.textAlign = lines[j].rtl ? 'right' : 'left';
            context.fillText(lines[j].text, lines[j].rtl ? width : 0,
                             pad + j * line_height + ratio.ascent * line_height);
        }
        GLctx.pixelStorei(GLctx.UNPACK_ALIGNMENT, 4);
        GLctx.texImage2D(GLctx.TEXTURE_2D, 0, GLctx.RGBA, GLctx.RGBA, GLctx.UNSIGNED_BYTE, canvas);
    }
    HEAPF64[(out >> 3) + 0] = width;
    HEAPF64[(out >> 3) + 1] = height;
    HEAPF64[(out >> 3) + 2] = pad;
    HEAPF64[(out >> 3) + 3] = lines.length > 0 && lines[0].rtl ? 1 : 0;
    HEAPF64[(out >> 3) + 4] = cut ? 1 : 0;
    HEAPF64[(out >> 3) + 5] = size;
    HEAPF64[(out >> 3) + 6] = image_height;
    var shown_text = lines.map(function (line) { return line.text; }).join(String.fromCharCode(10));
    var bytes = lengthBytesUTF8(shown_text) + 1;
    var result = _malloc(bytes);
    stringToUTF8(shown_text, result, bytes);
    return result;
});
// clang-format on

// "rgba(30,41,59,1)" from ImGui's ABGR, the alpha to two decimals.
std::string css_color(unsigned abgr) {
    char text[48];
    std::snprintf(text, sizeof text, "rgba(%u,%u,%u,%g)", abgr & 0xFF, (abgr >> 8) & 0xFF,
                  (abgr >> 16) & 0xFF, std::round(((abgr >> 24) & 0xFF) / 2.55) / 100.0);
    return text;
}

waconsole::platform::TextRaster layout(std::string_view text,
                                       const waconsole::platform::TextRasterStyle& style,
                                       float pixel_ratio, bool paint) {
    double out[7] = {};
    std::string color = css_color(style.color);
    char* shown = js_layout_text(text.data(), static_cast<int>(text.size()), kFamily,
                                 style.line_height, style.bold ? 1 : 0, color.c_str(),
                                 style.max_width, style.wrap ? 1 : 0, paint ? 1 : 0, out);
    waconsole::platform::TextRaster raster;
    raster.width = static_cast<float>(out[0]);
    raster.height = static_cast<float>(out[1]);
    raster.pad = static_cast<float>(out[2]);
    raster.rtl = out[3] != 0;
    raster.cut = out[4] != 0;
    raster.image_height = static_cast<float>(out[6]);
    raster.color = std::move(color);
    raster.shown = shown != nullptr ? shown : "";
    std::free(shown);
    char size[32];
    std::snprintf(size, sizeof size, "%.2fpx ", out[5] / (pixel_ratio > 0 ? pixel_ratio : 1.0f));
    raster.font = std::string(style.bold ? "bold " : "") + size + kFamily;
    return raster;
}

} // namespace

namespace waconsole::platform {

TextRaster measure_text(std::string_view text, const TextRasterStyle& style, float pixel_ratio) {
    return layout(text, style, pixel_ratio, false);
}

TextRaster raster_text(std::string_view text, const TextRasterStyle& style, float pixel_ratio,
                       unsigned texture) {
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    return layout(text, style, pixel_ratio, true);
}

} // namespace waconsole::platform
